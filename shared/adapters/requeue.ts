// Putting a message back on a consumer's queue (re-drive) on AWS: SQS, by the
// queue URLs only the admin function is given. The local runtime writes to
// its folder queues instead (infra/local/runtime.ts).
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { AwsConfig } from '../config';
import type { Requeue } from '../ports';

export function sqsRequeue(config: AwsConfig): Requeue {
  const urls = JSON.parse(config.JUSTERA_QUEUE_URLS ?? '{}') as Record<string, string>;
  const sqs = new SQSClient({ region: config.AWS_REGION });
  return async (queue, body) => {
    const url = urls[queue];
    if (!url) throw new Error(`no queue URL for ${queue} (JUSTERA_QUEUE_URLS)`);
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
  };
}
