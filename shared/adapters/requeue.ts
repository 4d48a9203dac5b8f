// Putting a message back on a consumer's queue (re-drive): SQS on AWS, the
// folder queue on one machine.
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Config } from '../config';
import type { Requeue } from '../flow/dead-letter';
import { FileQueue } from './file-queue';

export function requeueFor(config: Config): Requeue {
  if (config.JUSTERA_QUEUE_URLS) {
    const urls = JSON.parse(config.JUSTERA_QUEUE_URLS) as Record<string, string>;
    const sqs = new SQSClient({ region: config.AWS_REGION });
    return async (queue, body) => {
      const url = urls[queue];
      if (!url) throw new Error(`no queue URL for ${queue}`);
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    };
  }
  const root = config.JUSTERA_QUEUE_DIR ?? '.justera/queues';
  return async (queue, body) => {
    await new FileQueue(root, queue).send(body);
  };
}
