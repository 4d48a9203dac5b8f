// Events, queues and dead-letter queues against the tables they come from
// (QUEUES, FUNCTIONS, SUBSCRIPTIONS), and the S3 notification into parse.
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceQueue } from '../../functions/deadletter/handler';
import { FUNCTIONS, QUEUES, type QueueName } from '../../infra/functions';
import { EVENT_SOURCE, SUBSCRIPTIONS, type EventConsumer } from '../../shared/domain/events';
import { flat } from './iam';
import { synthesize, type Synthesized } from './synth';

let s: Synthesized;
const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];

beforeAll(() => {
  s = synthesize();
});

const props = (construct: Parameters<Synthesized['id']>[0]) =>
  (s.template.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>)[s.id(construct)]!.Properties;

describe('queues', () => {
  it.each(QUEUE_NAMES)('%s: encrypted, its DLQ after maxReceiveCount, visibility 6× the consumer timeout', (name) => {
    const queue = props(s.stack.messaging.queues[name]);
    expect(queue).toMatchObject({
      QueueName: `justera-dev-${name}`,
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 6 * FUNCTIONS[QUEUES[name].consumer].timeoutSec,
      RedrivePolicy: { maxReceiveCount: QUEUES[name].maxReceiveCount },
    });
    expect(flat((queue.RedrivePolicy as { deadLetterTargetArn: unknown }).deadLetterTargetArn)).toBe(`<${s.id(s.stack.messaging.deadLetterQueues[name])}.Arn>`);
    const dlq = props(s.stack.messaging.deadLetterQueues[name]);
    expect(dlq).toMatchObject({ QueueName: `justera-dev-${name}-dlq`, SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  it('every dead-letter queue name leads the dead-letter handler back to its queue', () => {
    for (const name of QUEUE_NAMES) {
      const dlqName = props(s.stack.messaging.deadLetterQueues[name]).QueueName as string;
      expect(sourceQueue(`arn:aws:sqs:eu-north-1:123456789012:${dlqName}`)).toBe(name);
    }
  });

  it('every queue (and DLQ) refuses requests without TLS', () => {
    for (const queue of [...Object.values(s.stack.messaging.queues), ...Object.values(s.stack.messaging.deadLetterQueues)])
      s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: s.id(queue) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
  });

  it('each consumer reads its queue with partial batch failures; PDF readers one message at a time', () => {
    for (const name of QUEUE_NAMES) {
      const consumer = QUEUES[name].consumer;
      const spec = FUNCTIONS[consumer];
      s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [s.id(s.stack.messaging.queues[name]), 'Arn'] },
        FunctionName: { Ref: s.id(s.stack.functions.functions[consumer]) },
        BatchSize: spec.isolated ? 1 : 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ...(spec.reservedConcurrency ? { ScalingConfig: { MaximumConcurrency: Math.max(2, spec.reservedConcurrency) } } : {}),
      });
    }
  });

  it('the dead-letter function drains every DLQ, with partial batch failures', () => {
    for (const name of QUEUE_NAMES)
      s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [s.id(s.stack.messaging.deadLetterQueues[name]), 'Arn'] },
        FunctionName: { Ref: s.id(s.stack.functions.functions.deadletter) },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    s.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2 * QUEUE_NAMES.length);
  });
});

describe('events', () => {
  it('one bus', () => {
    s.template.resourcePropertiesCountIs('AWS::Events::EventBus', { Name: 'justera-dev' }, 1);
  });

  it.each(Object.keys(SUBSCRIPTIONS) as EventConsumer[])('a rule sends %s its subscribed detail-types, failures to its DLQ', (consumer) => {
    s.template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: s.id(s.stack.messaging.bus) },
      EventPattern: { source: [EVENT_SOURCE], 'detail-type': [...SUBSCRIPTIONS[consumer]] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [s.id(s.stack.messaging.queues[consumer]), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [s.id(s.stack.messaging.deadLetterQueues[consumer]), 'Arn'] } },
        }),
      ],
    });
    // Only EventBridge, for this rule, may send to the queue.
    s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: s.id(s.stack.messaging.queues[consumer]) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: Match.arrayWith(['sqs:SendMessage']),
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [s.id(s.stack.messaging.rules[consumer]), 'Arn'] } } },
          }),
        ]),
      },
    });
  });

  it('no other rules on the bus', () => {
    s.template.resourceCountIs('AWS::Events::Rule', Object.keys(SUBSCRIPTIONS).length);
  });
});

describe('S3 → parse', () => {
  it('ObjectCreated under drafts/ (no suffix filter) goes to the parse queue', () => {
    const notification = props(s.stack.storage.bucket).NotificationConfiguration as { QueueConfigurations: Record<string, unknown>[] };
    expect(notification.QueueConfigurations).toHaveLength(1);
    const [config] = notification.QueueConfigurations;
    expect(config).toMatchObject({ Event: 's3:ObjectCreated:*', Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'drafts/' }] } } });
    expect(flat(config!.Queue)).toBe(`<${s.id(s.stack.messaging.queues.parse)}.Arn>`);
  });

  it('only this bucket may send to the parse queue, and the bucket waits for that permission', () => {
    s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: s.id(s.stack.messaging.queues.parse) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 's3.amazonaws.com' },
            Condition: {
              ArnEquals: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::justera-dev-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]] } },
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            },
          }),
        ]),
      },
    });
    const bucket = (s.template.toJSON().Resources as Record<string, { DependsOn?: string[] }>)[s.id(s.stack.storage.bucket)]!;
    const [policyId] = Object.entries(s.template.toJSON().Resources as Record<string, { Type: string; Properties: { Queues?: unknown[] } }>).find(
      ([, r]) => r.Type === 'AWS::SQS::QueuePolicy' && flat(r.Properties.Queues) === `<${s.id(s.stack.messaging.queues.parse)}>`,
    )!;
    expect(bucket.DependsOn).toEqual(expect.arrayContaining([policyId]));
    expect(flat(props(s.stack.storage.bucket).BucketName)).toBe('justera-dev-<AWS::AccountId>-<AWS::Region>');
  });
});
