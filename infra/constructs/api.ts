// The HTTP API: one route per entry of shared/api/routes.ts, integrated with
// the function the table names. Admin routes need IAM (SigV4) authorization;
// public routes reach only the api, sign, secretary and subscribe functions, and every Lambda
// permission is scoped to its own route, so no public path can invoke the
// admin function.
import { CfnOutput, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROUTES, methodsOf, type HttpFunction, type RouteSpec } from '../../shared/api/routes';
import type { StackConfig } from '../config';

/** Stage-wide limits: generous for people, a ceiling for a runaway client. */
export const THROTTLE = { rateLimit: 50, burstLimit: 100 };

/**
 * Access log fields. The route key, never the raw path: a signing link's path
 * carries its token, and a log line must not be able to sign.
 */
const ACCESS_LOG_FIELDS: Record<string, string> = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  route: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  userArn: '$context.identity.userArn',
  userAgent: '$context.identity.userAgent',
};

export class Api extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  /** Base URL of the API, without a trailing slash (the default for publicUrl). */
  readonly url: string;
  /** Each entry of ROUTES with the routes made for it (a GET route also answers HEAD). */
  readonly routes = new Map<RouteSpec, apigw.HttpRoute[]>();

  constructor(scope: Construct, id: string, private readonly config: StackConfig) {
    super(scope, id);
    this.api = new apigw.HttpApi(this, 'HttpApi', {
      apiName: config.prefix,
      description: `Justera ${config.stage}: public records, signing links and (IAM-authorized) administration`,
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: config.production ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.ONE_MONTH,
      removalPolicy: config.removalPolicy,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    this.url = this.api.apiEndpoint;
  }

  addRoutes(functions: Record<HttpFunction, lambda.IFunction>): void {
    const integrations = {} as Record<HttpFunction, HttpLambdaIntegration>;
    const integrationOf = (fn: HttpFunction) => (integrations[fn] ??= new HttpLambdaIntegration(`${fn}Integration`, functions[fn]));
    const iamAuthorizer = new HttpIamAuthorizer();
    for (const route of ROUTES) {
      const made = this.api.addRoutes({
        path: route.path,
        methods: methodsOf(route).map((m) => apigw.HttpMethod[m]),
        integration: integrationOf(route.fn),
        ...(route.admin ? { authorizer: iamAuthorizer } : {}),
      });
      this.routes.set(route, made);
    }

    // For whoever runs `justera … --api <url> --aws`: attach to the operators' role or group.
    const adminInvoke = new iam.ManagedPolicy(this, 'AdminInvokePolicy', {
      description: `Justera ${this.config.stage}: call the admin routes of the API (SigV4)`,
      statements: [
        new iam.PolicyStatement({
          actions: ['execute-api:Invoke'],
          resources: ROUTES.filter((r) => r.admin).flatMap((r) =>
            methodsOf(r).map((m) => this.api.arnForExecuteApi(m, r.path.replace(/\{[^}]+\}/g, '*'), this.stage.stageName)),
          ),
        }),
      ],
    });
    new CfnOutput(Stack.of(this), 'AdminInvokePolicyArn', { description: 'Managed policy allowing the admin routes (attach to operators)', value: adminInvoke.managedPolicyArn });
  }
}
