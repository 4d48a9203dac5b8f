// Alarms, the topic they page through, and a dashboard.
//
// Dead letters: ApproximateNumberOfMessagesVisible on a dead-letter queue stays
// near zero because the dead-letter function drains it at once. Each DLQ
// alarms instead on NumberOfMessagesReceived ≥ 1: every message that lands in
// it is received (by that function) at least once, whether or not the function
// then succeeds. (NumberOfMessagesSent does not count messages moved there by a
// redrive policy.) A second alarm per DLQ on the age of its oldest message
// catches the dead-letter function itself failing to drain it.
import { Aws, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StackConfig } from '../config';
import type { FunctionName, QueueName } from '../functions';

/** The application's metrics: Powertools Metrics, namespace Justera, default dimension service=justera. */
export const METRICS_NAMESPACE = 'Justera';
export const SERVICE_DIMENSION = { service: 'justera' };
/** Emitted by the remind function each round: protocols that have sat in one state too long (0 when none). */
export const STUCK_METRIC = 'ProtocolsStuck';
/** Counters the flows emit (shared/flow/*: deps.metric), shown on the dashboard. */
export const PIPELINE_METRICS = [
  'ProtocolsReceived',
  'ProtocolsParsed',
  'ProtocolsRejected',
  'ProtocolsSuperseded',
  'ProtocolsNeedingAttention',
  'ProtocolsRouted',
  'ProtocolsAdjusted',
  'ProtocolsSealed',
  'ProtocolsPublished',
  'ProtocolsExpired',
  'ProtocolsWithdrawn',
];
export const SIGNING_METRICS = ['Signatures', 'ChangesRequested', 'RemindersSent', 'DeadLetters'];
/** E-mail subscriptions to notices (shared/flow/subscriptions.ts). */
export const SUBSCRIPTION_METRICS = ['SubscriptionsRequested', 'SubscriptionsConfirmed', 'SubscriptionsEnded'];
/** Durations (milliseconds) between steps. */
export const DURATION_METRICS = ['UploadToAdjusted', 'AdjustedToSealed'];

export interface MonitoringProps {
  config: StackConfig;
  functions: Record<FunctionName, lambda.IFunction>;
  queues: Record<QueueName, sqs.IQueue>;
  deadLetterQueues: Record<QueueName, sqs.IQueue>;
  api: apigw.HttpApi;
}

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { config } = props;

    // CloudWatch calls KMS itself when it publishes to an encrypted topic: the
    // AWS-managed SNS key would refuse it, so the topic has its own key.
    const key = new kms.Key(this, 'TopicKey', {
      description: `Justera ${config.stage}: encrypts the alarm topic`,
      enableKeyRotation: true,
      removalPolicy: config.removalPolicy,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      topicName: `${config.prefix}-alarms`,
      displayName: `Justera ${config.stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    // Also makes CDK write the topic policy, which is where enforceSSL's statement lives.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    if (config.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));

    const alarm = (id: string, description: string, metric: cloudwatch.IMetric, threshold: number) => {
      const a = new cloudwatch.Alarm(this, id, {
        alarmName: `${config.prefix}-${id}`,
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(new actions.SnsAction(this.topic));
      this.alarms.push(a);
      return a;
    };
    const fiveMinutes = Duration.minutes(5);

    for (const [name, dlq] of Object.entries(props.deadLetterQueues) as [QueueName, sqs.IQueue][]) {
      alarm(
        `${name}-dead-letters`,
        `A ${name} message failed every retry and went to the dead-letter queue. The protocol is NEEDS_ATTENTION; see GET /admin/dead-letters, fix the cause, then re-drive.`,
        dlq.metric('NumberOfMessagesReceived', { statistic: cloudwatch.Stats.SUM, period: fiveMinutes }),
        1,
      );
      alarm(
        `${name}-dead-letters-undrained`,
        `A message has waited 15 minutes in the ${name} dead-letter queue: the dead-letter function is failing (see its logs).`,
        dlq.metricApproximateAgeOfOldestMessage({ statistic: cloudwatch.Stats.MAXIMUM, period: fiveMinutes }),
        15 * 60,
      );
    }

    for (const [name, fn] of Object.entries(props.functions) as [FunctionName, lambda.IFunction][]) {
      alarm(`${name}-errors`, `The ${name} function failed (an invocation error, a timeout or out of memory).`, fn.metricErrors({ statistic: cloudwatch.Stats.SUM, period: fiveMinutes }), 1);
      alarm(`${name}-throttles`, `The ${name} function was throttled (reserved or account concurrency exhausted).`, fn.metricThrottles({ statistic: cloudwatch.Stats.SUM, period: fiveMinutes }), 1);
    }

    alarm('api-5xx', 'The HTTP API answered with a server error (5xx).', props.api.metricServerError({ statistic: cloudwatch.Stats.SUM, period: fiveMinutes }), 1);

    const stuck = new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: STUCK_METRIC,
      dimensionsMap: SERVICE_DIMENSION,
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.hours(1),
    });
    alarm('protocols-stuck', 'The daily round found protocols that have sat in one state too long (see the remind function log for their ids).', stuck, 1);

    // SES reviews an account at a 5 % bounce or 0.1 % complaint rate and may pause sending at twice that.
    const reputation = (metricName: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, statistic: cloudwatch.Stats.MAXIMUM, period: Duration.hours(1) });
    alarm('ses-bounce-rate', 'SES bounce rate at 4 % (SES reviews the account at 5 %): check the body directories for wrong addresses.', reputation('Reputation.BounceRate'), 0.04);
    alarm('ses-complaint-rate', 'SES complaint rate at 0.08 % (SES reviews the account at 0.1 %).', reputation('Reputation.ComplaintRate'), 0.0008);

    this.dashboard(props);
  }

  private dashboard(props: MonitoringProps): void {
    const { config } = props;
    const fns = Object.entries(props.functions) as [FunctionName, lambda.IFunction][];
    const perFunction = (metric: (fn: lambda.IFunction) => cloudwatch.IMetric) => fns.map(([, fn]) => metric(fn));
    const pipeline = (name: string, statistic: string = cloudwatch.Stats.SUM) =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: SERVICE_DIMENSION, statistic, period: Duration.hours(1) });
    const graph = (title: string, left: cloudwatch.IMetric[], width = 12) => new cloudwatch.GraphWidget({ title, left, width, height: 6 });

    new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: config.prefix,
      defaultInterval: Duration.days(7),
      widgets: [
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 })],
        [
          graph('Protocols through the pipeline (per hour)', PIPELINE_METRICS.map((m) => pipeline(m)), 8),
          graph('Signing (per hour)', SIGNING_METRICS.map((m) => pipeline(m)), 8),
          graph('Protocols stuck between steps (daily round)', [pipeline(STUCK_METRIC, cloudwatch.Stats.MAXIMUM)], 8),
        ],
        [
          graph('Upload → adjusted, adjusted → sealed (ms, p90)', DURATION_METRICS.map((m) => pipeline(m, 'p90'))),
          graph('Queue messages processed / failed (per hour)', [
            ...(['parse', 'route', 'stamp', 'publish', 'deadletter'] as const).flatMap((q) => [pipeline(`${q}Processed`), pipeline(`${q}Failed`)]),
          ]),
        ],
        [graph('E-mail subscriptions (per hour)', SUBSCRIPTION_METRICS.map((m) => pipeline(m)))],
        [
          graph('Messages waiting', Object.values(props.queues).map((q) => q.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }))),
          graph('Dead letters received', Object.values(props.deadLetterQueues).map((q) => q.metric('NumberOfMessagesReceived', { statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }))),
        ],
        [
          graph('Invocations', perFunction((fn) => fn.metricInvocations({ period: Duration.minutes(5) })), 8),
          graph('Errors and throttles', [...perFunction((fn) => fn.metricErrors({ period: Duration.minutes(5) })), ...perFunction((fn) => fn.metricThrottles({ period: Duration.minutes(5) }))], 8),
          graph('Duration p90', perFunction((fn) => fn.metricDuration({ statistic: 'p90', period: Duration.minutes(5) })), 8),
        ],
        [
          graph('API requests and errors', [
            props.api.metricCount({ period: Duration.minutes(5) }),
            props.api.metricClientError({ period: Duration.minutes(5) }),
            props.api.metricServerError({ period: Duration.minutes(5) }),
          ]),
          graph('API latency p90', [props.api.metricLatency({ statistic: 'p90', period: Duration.minutes(5) })]),
        ],
      ],
    });
  }
}
