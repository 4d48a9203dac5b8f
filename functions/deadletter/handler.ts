// Messages that failed every retry, from every consumer's dead-letter queue:
// recorded (for the API and `justera redrive`) and reported to the secretary.
import { recordDeadLetter } from '../../shared/flow/dead-letter';
import { queueConsumer } from '../../shared/lambda/queue';
import { nodemailerMailer } from '../../shared/adapters/mailer';
import { QUEUES, type QueueName } from '../../infra/functions';

/** arn:aws:sqs:region:account:justera-dev-route-dlq → route */
export function sourceQueue(arn: string): string {
  const name = arn.split(':').pop() ?? arn;
  return name.replace(/-dlq$/, '').split('-').pop() ?? name;
}

export const handler = queueConsumer('deadletter', (deps, record) =>
  recordDeadLetter(deps, {
    queue: sourceQueue(record.eventSourceARN),
    messageId: record.messageId,
    body: record.body,
    // SQS does not tell the dead-letter queue how often the message was tried; the redrive policy does.
    attempts: Number(record.messageAttributes?.receiveCount?.stringValue ?? QUEUES[sourceQueue(record.eventSourceARN) as QueueName]?.maxReceiveCount ?? 0),
    error: record.messageAttributes?.error?.stringValue ?? null,
  }),
  { mailer: nodemailerMailer },
);
