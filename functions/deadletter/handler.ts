// Messages that failed every retry, from every consumer's dead-letter queue:
// recorded (for the API and `justera redrive`) and reported to the secretary.
// It reads only what SQS delivers, so a dead letter reads the same on AWS and
// on one machine.
import type { SQSRecord } from 'aws-lambda';
import { sesMailer } from '../../shared/adapters/mailer';
import { recordDeadLetter, type FailedMessage } from '../../shared/flow/dead-letter';
import { queueConsumer } from '../../shared/lambda/queue';
import { QUEUES, type QueueName } from '../../infra/functions';

/** arn:aws:sqs:region:account:justera-dev-route-dlq → route */
export function sourceQueue(arn: string): string {
  const name = arn.split(':').pop() ?? arn;
  return name.replace(/-dlq$/, '').split('-').pop() ?? name;
}

/**
 * SQS tells a dead-letter queue neither how often the message was tried nor
 * why it failed: the redrive policy says how often, the function's log why.
 */
export function failedMessageOf(record: SQSRecord): FailedMessage {
  const queue = sourceQueue(record.eventSourceARN);
  return { queue, messageId: record.messageId, body: record.body, attempts: QUEUES[queue as QueueName]?.maxReceiveCount ?? 0, error: null };
}

export const handler = queueConsumer('deadletter', (deps, record) => recordDeadLetter(deps, failedMessageOf(record)), { mailer: sesMailer });
