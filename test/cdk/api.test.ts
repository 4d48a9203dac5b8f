// The HTTP API against ROUTES: every route, IAM authorization exactly on the
// admin routes, and no public route (or permission) that reaches the admin
// function.
import { beforeAll, describe, expect, it } from 'vitest';
import { THROTTLE } from '../../infra/constructs/api';
import { ROUTES, methodsOf, type HttpFunction } from '../../shared/api/routes';
import { flat, list } from './iam';
import { synthesize, type Synthesized } from './synth';

let s: Synthesized;
type Resource = { Type: string; Properties: Record<string, unknown> };
let resources: Record<string, Resource>;
let routes: Resource[];

beforeAll(() => {
  s = synthesize();
  resources = s.template.toJSON().Resources;
  routes = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
});

/** The function an integration (by route Target "integrations/<id>") invokes. */
function functionOf(route: Resource): HttpFunction {
  const target = flat(route.Properties.Target);
  const integrationId = /^integrations\/<(\w+)>$/.exec(target)?.[1];
  const integration = resources[integrationId ?? '']!;
  expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
  const uri = flat(integration.Properties.IntegrationUri);
  const found = (['api', 'admin', 'sign', 'secretary', 'subscribe'] as HttpFunction[]).filter((fn) => uri === `<${s.id(s.stack.functions.functions[fn])}.Arn>`);
  expect(found, uri).toHaveLength(1);
  return found[0]!;
}

describe('routes', () => {
  it('exactly the routes of ROUTES, each GET route also as HEAD', () => {
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(ROUTES.flatMap((r) => methodsOf(r).map((m) => `${m} ${r.path}`)).sort());
    expect(routes.filter((r) => String(r.Properties.RouteKey).startsWith('HEAD ')).length).toBe(ROUTES.filter((r) => r.method === 'GET').length);
  });

  it.each(ROUTES.flatMap((r) => methodsOf(r).map((m) => [`${m} ${r.path}`, r] as const)))('%s → its function, IAM only if admin', (key, spec) => {
    const route = routes.find((r) => r.Properties.RouteKey === key)!;
    expect(functionOf(route)).toBe(spec.fn);
    expect(route.Properties.AuthorizationType).toBe(spec.admin ? 'AWS_IAM' : 'NONE');
  });

  it('public routes reach only the api, sign, secretary and subscribe functions; the admin function only through IAM', () => {
    for (const route of routes) {
      const fn = functionOf(route);
      if (route.Properties.AuthorizationType !== 'AWS_IAM') expect(['api', 'sign', 'secretary', 'subscribe']).toContain(fn);
      if (fn === 'admin') expect(route.Properties.AuthorizationType).toBe('AWS_IAM');
    }
  });

  it('API Gateway may invoke the admin function only from the admin routes (each permission scoped to its route)', () => {
    const admin = `<${s.id(s.stack.functions.functions.admin)}.Arn>`;
    const permissions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Permission' && flat(r.Properties.FunctionName) === admin);
    const allowed = permissions.map((p) => flat(p.Properties.SourceArn));
    const adminRoutes = ROUTES.filter((r) => r.admin);
    expect(allowed).toHaveLength(adminRoutes.flatMap(methodsOf).length);
    // CDK scopes each permission to its route's path (any stage, any method): so no public route may share an admin path.
    const publicPaths = new Set(ROUTES.filter((r) => !r.admin).map((r) => r.path));
    for (const sourceArn of allowed) {
      const [, method, path] = /\/\*\/(\*|GET|HEAD|POST|PUT|PATCH)(\/.*)$/.exec(sourceArn) ?? [];
      expect(path, sourceArn).toBeDefined();
      expect(adminRoutes.some((r) => (method === '*' || methodsOf(r).includes(method as never)) && r.path === path), sourceArn).toBe(true);
      expect(publicPaths.has(path!), `${path} is also a public path`).toBe(false);
    }
    for (const p of permissions) expect(p.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
  });
});

describe('stage', () => {
  it('one auto-deployed $default stage, throttled, with access logs that never record a path (signing tokens)', () => {
    s.template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    const stage = Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!.Properties;
    expect(stage).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: THROTTLE.burstLimit, ThrottlingRateLimit: THROTTLE.rateLimit },
    });
    const logs = stage.AccessLogSettings as { DestinationArn: unknown; Format: string };
    expect(flat(logs.DestinationArn)).toMatch(/^<\w+\.Arn>$/);
    const format = JSON.parse(logs.Format) as Record<string, string>;
    expect(format.requestId).toBe('$context.requestId');
    expect(format.route).toBe('$context.routeKey');
    expect(Object.values(format).some((v) => /\$context\.(path|resourcePath)|requestUri/.test(v))).toBe(false);
  });
});

describe('operators', () => {
  it('the admin invoke policy allows execute-api:Invoke on exactly the admin routes', () => {
    const policy = resources[s.id(s.stack.api.node.findChild('AdminInvokePolicy'))]!;
    const [statement, ...rest] = list((policy.Properties.PolicyDocument as { Statement: { Action: string; Resource: unknown[] }[] }).Statement);
    expect(rest).toEqual([]);
    expect(statement!.Action).toBe('execute-api:Invoke');
    const arns = list(statement!.Resource).map(flat);
    const expected = ROUTES.filter((r) => r.admin).flatMap((r) => methodsOf(r).map((m) => `/$default/${m}${r.path.replace(/\{[^}]+\}/g, '*')}`));
    expect(arns.map((a) => a.slice(a.indexOf('/$default/'))).sort()).toEqual(expected.sort());
  });
});
