// Alarms for every dead-letter queue and function, the API and stuck
// protocols; the encrypted, TLS-only topic they page through; the dashboard
// and the stack's outputs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, PROJECT_ROOT } from '../../infra/constructs/lambdas';
import { QUEUES, type QueueName } from '../../infra/functions';
import { flat } from './iam';
import { synthesize, type Synthesized } from './synth';

let s: Synthesized;
type Resource = { Type: string; Properties: Record<string, unknown> };
let alarms: Record<string, unknown>[];
let alarmIds: string[];

beforeAll(() => {
  s = synthesize();
  const entries = Object.entries(s.template.toJSON().Resources as Record<string, Resource>).filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm');
  alarms = entries.map(([, r]) => r.Properties);
  alarmIds = entries.map(([id]) => id);
});

const alarm = (name: string) => {
  const found = alarms.find((a) => a.AlarmName === `justera-dev-${name}`);
  expect(found, name).toBeDefined();
  expect(found).toMatchObject({ ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1, TreatMissingData: 'notBreaching' });
  expect((found!.AlarmActions as unknown[]).map(flat)).toEqual([`<${s.id(s.stack.monitoring.topic)}>`]);
  return found!;
};
const dimension = (a: Record<string, unknown>) => flat((a.Dimensions as { Value: unknown }[])[0]!.Value);

describe('alarms', () => {
  it.each(Object.keys(QUEUES) as QueueName[])('%s dead-letter queue: any message received, and any message left undrained', (name) => {
    const received = alarm(`${name}-dead-letters`);
    expect(received).toMatchObject({ Namespace: 'AWS/SQS', MetricName: 'NumberOfMessagesReceived', Statistic: 'Sum', Threshold: 1 });
    expect(dimension(received)).toBe(`<${s.id(s.stack.messaging.deadLetterQueues[name])}.QueueName>`);
    const undrained = alarm(`${name}-dead-letters-undrained`);
    expect(undrained).toMatchObject({ MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 900 });
    expect(dimension(undrained)).toBe(`<${s.id(s.stack.messaging.deadLetterQueues[name])}.QueueName>`);
  });

  it.each(FUNCTION_NAMES)('%s function: errors and throttles', (name) => {
    for (const [suffix, metric] of [['errors', 'Errors'], ['throttles', 'Throttles']] as const) {
      const a = alarm(`${name}-${suffix}`);
      expect(a).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: metric, Statistic: 'Sum', Threshold: 1 });
      expect(dimension(a)).toBe(`<${s.id(s.stack.functions.functions[name])}>`);
    }
  });

  it('API 5xx', () => {
    const a = alarm('api-5xx');
    expect(a).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx', Threshold: 1 });
    expect(dimension(a)).toBe(`<${s.id(s.stack.api.api)}>`);
  });

  it('protocols stuck: Justera/ProtocolsStuck (service=justera) ≥ 1', () => {
    expect(alarm('protocols-stuck')).toMatchObject({
      Namespace: 'Justera',
      MetricName: 'ProtocolsStuck',
      Dimensions: [{ Name: 'service', Value: 'justera' }],
      Statistic: 'Maximum',
      Threshold: 1,
    });
  });

  it('SES reputation before SES reviews the account', () => {
    expect(alarm('ses-bounce-rate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Threshold: 0.04 });
    expect(alarm('ses-complaint-rate')).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate', Threshold: 0.0008 });
  });
});

describe('alarm topic', () => {
  it('is encrypted with its own rotating key that CloudWatch may use', () => {
    const topic = s.template.toJSON().Resources[s.id(s.stack.monitoring.topic)].Properties as Record<string, unknown>;
    const keyId = /^<(\w+)\.Arn>$/.exec(flat(topic.KmsMasterKeyId))?.[1];
    expect(keyId).toBeDefined();
    s.template.hasResource('AWS::KMS::Key', {
      Properties: {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
          ]),
        },
      },
    });
    expect(s.template.toJSON().Resources[keyId!].Type).toBe('AWS::KMS::Key');
  });

  it('refuses publishing without TLS', () => {
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: s.id(s.stack.monitoring.topic) }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('has no subscription until alarmEmail is configured (production.test.ts)', () => {
    s.template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe('dashboard and outputs', () => {
  it('one dashboard showing every alarm', () => {
    const dashboard = Object.values(s.template.toJSON().Resources as Record<string, Resource>).find((r) => r.Type === 'AWS::CloudWatch::Dashboard')!;
    expect(dashboard.Properties.DashboardName).toBe('justera-dev');
    const body = flat(dashboard.Properties.DashboardBody);
    expect(body).toContain('ProtocolsStuck');
    expect(body).toContain('NumberOfMessagesReceived');
    expect(alarmIds).toHaveLength(2 * Object.keys(QUEUES).length + 2 * FUNCTION_NAMES.length + 4);
    for (const id of alarmIds) expect(body).toContain(`<${id}.Arn>`);
  });

  it('every metric the flows emit is on the dashboard', () => {
    const dashboard = Object.values(s.template.toJSON().Resources as Record<string, Resource>).find((r) => r.Type === 'AWS::CloudWatch::Dashboard')!;
    const body = flat(dashboard.Properties.DashboardBody);
    const flows = path.join(PROJECT_ROOT, 'shared', 'flow');
    const emitted = readdirSync(flows)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(path.join(flows, f), 'utf8').matchAll(/deps\.metric\('(\w+)'/g)].map((m) => m[1]!));
    expect(emitted).toContain('ProtocolsStuck');
    for (const name of new Set(emitted)) expect(body, name).toContain(`"${name}"`);
  });

  it('outputs the API URL, bucket, table, seal key and alarm topic', () => {
    const outputs = s.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(flat(outputs.ApiUrl!.Value)).toBe(`<${s.id(s.stack.api.api)}.ApiEndpoint>`);
    expect(flat(outputs.BucketName!.Value)).toBe(`<${s.id(s.stack.storage.bucket)}>`);
    expect(flat(outputs.TableName!.Value)).toBe(`<${s.id(s.stack.storage.table)}>`);
    expect(flat(outputs.SealKeyId!.Value)).toBe(`<${s.id(s.stack.seal.key)}>`);
    expect(flat(outputs.AlarmTopicArn!.Value)).toBe(`<${s.id(s.stack.monitoring.topic)}>`);
  });
});
