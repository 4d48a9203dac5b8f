// The event bus and one queue per consumer, each with its dead-letter queue.
// Sizes and retry counts come from infra/functions.ts (QUEUES, FUNCTIONS), the
// rules from shared/domain/events.ts (SUBSCRIPTIONS): the local runtime reads
// the same tables.
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE, SUBSCRIPTIONS, type EventConsumer } from '../../shared/domain/events';
import type { StackConfig } from '../config';
import { FUNCTIONS, QUEUES, type QueueName } from '../functions';

export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];

/** AWS's advice for a queue feeding Lambda: at least six times the function's timeout. */
export function visibilityTimeoutOf(queue: QueueName): Duration {
  return Duration.seconds(6 * FUNCTIONS[QUEUES[queue].consumer].timeoutSec);
}

/** The dead-letter handler derives the failed stage from the name: it must end in -<queue>-dlq. */
export function deadLetterQueueName(prefix: string, queue: QueueName): string {
  return `${prefix}-${queue}-dlq`;
}

export class Messaging extends Construct {
  readonly bus: events.EventBus;
  readonly queues = {} as Record<QueueName, sqs.Queue>;
  readonly deadLetterQueues = {} as Record<QueueName, sqs.Queue>;
  readonly rules = {} as Record<EventConsumer, events.Rule>;

  constructor(scope: Construct, id: string, config: StackConfig) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: config.prefix });

    for (const name of QUEUE_NAMES) {
      const dlq = new sqs.Queue(this, `${name}DeadLetters`, {
        queueName: deadLetterQueueName(config.prefix, name),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // The longest SQS allows: time to fix the cause even if the dead-letter function is failing too.
        retentionPeriod: Duration.days(14),
        visibilityTimeout: Duration.seconds(6 * FUNCTIONS.deadletter.timeoutSec),
        removalPolicy: config.removalPolicy,
      });
      this.deadLetterQueues[name] = dlq;
      this.queues[name] = new sqs.Queue(this, `${name}Queue`, {
        queueName: `${config.prefix}-${name}`,
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(4),
        visibilityTimeout: visibilityTimeoutOf(name),
        deadLetterQueue: { queue: dlq, maxReceiveCount: QUEUES[name].maxReceiveCount },
        removalPolicy: config.removalPolicy,
      });
    }

    for (const consumer of Object.keys(SUBSCRIPTIONS) as EventConsumer[]) {
      this.rules[consumer] = new events.Rule(this, `${consumer}Rule`, {
        eventBus: this.bus,
        description: `${SUBSCRIPTIONS[consumer].join(', ')} → the ${consumer} queue`,
        eventPattern: { source: [EVENT_SOURCE], detailType: [...SUBSCRIPTIONS[consumer]] },
        targets: [
          new targets.SqsQueue(this.queues[consumer], {
            // An event EventBridge cannot deliver lands where a failed message would: the
            // dead-letter function records it and a re-drive puts it on the consumer's queue.
            deadLetterQueue: this.deadLetterQueues[consumer],
            retryAttempts: 185,
            maxEventAge: Duration.hours(24),
          }),
        ],
      });
    }
  }
}
