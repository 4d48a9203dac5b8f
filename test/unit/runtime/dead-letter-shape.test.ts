// The local queues deliver what SQS delivers and nothing more: a message that
// failed every delivery moves to the dead-letter queue as it is (same id,
// body and sent time, no attributes added), so the deadletter function reads
// a local dead letter exactly as it reads one on AWS.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { failedMessageOf } from '../../../functions/deadletter/handler';
import { QUEUES } from '../../../infra/functions';
import { QueueDispatcher } from '../../../infra/local/dispatcher';
import { FileQueue } from '../../../infra/local/file-queue';
import type { FunctionHost } from '../../../infra/local/hosts';

/** The fields of an SQS record in a Lambda event (aws-lambda's SQSRecord). */
const SQS_RECORD_FIELDS = ['attributes', 'awsRegion', 'body', 'eventSource', 'eventSourceARN', 'md5OfBody', 'messageAttributes', 'messageId', 'receiptHandle'];
/** The system attributes SQS sets on a standard queue's message. */
const SQS_ATTRIBUTES = ['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SenderId', 'SentTimestamp'];

const received: SQSRecord[] = [];
const recording = (fail: boolean): FunctionHost => ({
  invoke: async (event) => {
    received.push(...(event as SQSEvent).Records);
    if (fail) throw new Error('stamp failed: originals/x.pdf no longer in the bucket');
    return { batchItemFailures: [] };
  },
  close: async () => undefined,
});

const dispatchers: QueueDispatcher[] = [];
afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
  received.length = 0;
});

describe('a local dead letter', () => {
  it('carries exactly the SQS shape, and the deadletter function reads it as on AWS', async () => {
    const root = mkdtempSync(join(tmpdir(), 'justera-dlq-'));
    const stamp = new FileQueue(root, 'stamp');
    const dlq = new FileQueue(root, 'stamp-dlq');
    const body = JSON.stringify({ 'detail-type': 'ProtocolAdjusted', detail: { protocolId: 'abc123' } });
    const id = await stamp.send(body);
    const sentAt = (await stamp.list())[0]!.enqueuedAt;
    const maxReceiveCount = QUEUES.stamp.maxReceiveCount;
    dispatchers.push(
      new QueueDispatcher(stamp, recording(true), { maxReceiveCount, backoffMs: [0], concurrency: 1, visibilityMs: 60_000, deadLetter: dlq }),
      new QueueDispatcher(dlq, recording(false), { maxReceiveCount: Number.POSITIVE_INFINITY, backoffMs: [0], concurrency: 1, visibilityMs: 60_000 }),
    );
    dispatchers.forEach((d) => d.start(10));
    await vi.waitFor(() => expect(received.filter((r) => r.eventSourceARN.endsWith('-dlq'))).toHaveLength(1), { timeout: 20_000, interval: 20 });

    const tries = received.filter((r) => !r.eventSourceARN.endsWith('-dlq'));
    expect(tries.map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2', '3', '4', '5']);
    const letter = received.find((r) => r.eventSourceARN.endsWith('-dlq'))!;
    expect(Object.keys(letter).sort()).toEqual(SQS_RECORD_FIELDS);
    expect(Object.keys(letter.attributes).sort()).toEqual(SQS_ATTRIBUTES);
    expect(letter).toMatchObject({ messageId: id, body, messageAttributes: {}, eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:local:000000000000:justera-stamp-dlq' });
    expect(letter.md5OfBody).toBe(createHash('md5').update(body).digest('hex'));
    expect(letter.attributes.SentTimestamp).toBe(String(Date.parse(sentAt)));
    // Nothing of the failure rides along: SQS's redrive policy adds nothing either.
    expect(JSON.stringify(letter)).not.toContain('no longer in the bucket');

    expect(failedMessageOf(letter)).toEqual({ queue: 'stamp', messageId: id, body, attempts: maxReceiveCount, error: null });
    expect(failedMessageOf({ ...letter, eventSourceARN: 'arn:aws:sqs:eu-north-1:123456789012:justera-prod-stamp-dlq' })).toEqual(failedMessageOf(letter));
    expect(await stamp.list()).toEqual([]);
  });
});
