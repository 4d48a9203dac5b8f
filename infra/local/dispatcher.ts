// Delivers a folder queue to its function the way Lambda polls SQS: one
// message per invocation, hidden while in flight (a crash makes it visible
// again), partial batch failures honoured, backoff between attempts, and after
// the last attempt into the dead-letter queue.
import { watch, type FSWatcher } from 'node:fs';
import { createHash } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';
import type { FileQueue, QueuedMessage } from './file-queue';
import type { FunctionHost } from './hosts';

export interface DispatchOptions {
  maxReceiveCount: number;
  backoffMs: readonly number[];
  concurrency: number;
  /** How long a message stays hidden while delivered (the function's timeout). */
  visibilityMs: number;
  deadLetter?: FileQueue;
  onError?: (queue: string, message: QueuedMessage, error: string) => void;
}

export function sqsArn(queue: string): string {
  return `arn:aws:sqs:local:000000000000:justera-${queue}`;
}

/** The record Lambda gets from SQS: the fields SQS sets, and no others (the dead-letter handler reads the same on AWS). */
export function sqsRecord(queue: string, message: QueuedMessage, receiveCount: number, firstReceivedAt: number): SQSRecord {
  return {
    messageId: message.id,
    receiptHandle: `${message.id}#${receiveCount}`,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(Date.parse(message.enqueuedAt)),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(firstReceivedAt),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(message.body, 'utf8').digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: sqsArn(queue),
    awsRegion: 'local',
  };
}

export class QueueDispatcher {
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;
  private watcher?: FSWatcher;
  private ticking = false;
  private ticked: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly queue: FileQueue,
    private readonly host: FunctionHost,
    private readonly options: DispatchOptions,
  ) {}

  start(pollMs = 150): void {
    // Messages hidden by a runtime that died are not in flight any more.
    this.ticking = true;
    void this.queue
      .revealAll()
      .catch(() => undefined)
      .finally(() => {
        this.ticking = false;
        void this.tick();
      });
    this.timer = setInterval(() => void this.tick(), pollMs);
    try {
      this.watcher = watch(this.queue.ready, () => void this.tick());
    } catch {
      // polling alone is enough
    }
    void this.tick();
  }

  /** Resolves when nothing is queued or in flight (for tests and the load run). */
  async idle(): Promise<boolean> {
    return this.inFlight.size === 0 && (await this.queue.list()).length === 0;
  }

  private tick(): Promise<void> {
    if (this.ticking || this.stopped) return Promise.resolve();
    this.ticking = true;
    this.ticked = this.deliverReady();
    return this.ticked;
  }

  private async deliverReady(): Promise<void> {
    try {
      // Full: nothing could start, so do not read the folder (with hundreds queued, that read is the cost).
      if (this.inFlight.size >= this.options.concurrency) return;
      const now = Date.now();
      for (const message of await this.queue.list()) {
        // stop() may have come while the folder was being read: start nothing after it.
        if (this.stopped || this.inFlight.size >= this.options.concurrency) break;
        if (this.inFlight.has(message.id) || message.notBefore > now) continue;
        const run = this.deliver(message).finally(() => {
          this.inFlight.delete(message.id);
          void this.tick();
        });
        this.inFlight.set(message.id, run);
      }
    } catch (error) {
      this.options.onError?.(this.queue.name, { id: '-', body: '', attempts: 0, notBefore: 0, enqueuedAt: '' }, String(error));
    } finally {
      this.ticking = false;
    }
  }

  private async deliver(message: QueuedMessage): Promise<void> {
    const receiveCount = message.attempts + 1;
    const current = { ...message, attempts: receiveCount, firstReceivedAt: message.firstReceivedAt ?? Date.now() };
    // Counted and hidden before the call, as SQS does: a crash here still counts the attempt.
    await this.queue.hide(current, this.options.visibilityMs);
    let error: string | null = null;
    try {
      const result = (await this.host.invoke({ Records: [sqsRecord(this.queue.name, message, receiveCount, current.firstReceivedAt)] })) as { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
      if (result?.batchItemFailures?.some((f) => f.itemIdentifier === message.id)) error = 'the function reported the message as failed';
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (error === null) return this.queue.acknowledge(current);
    this.options.onError?.(this.queue.name, current, error);
    if (receiveCount >= this.options.maxReceiveCount && this.options.deadLetter) {
      // As SQS's redrive policy: the message itself moves, nothing is added to it (the error is in the log).
      await this.options.deadLetter.receiveDeadLetter(current);
      return this.queue.acknowledge(current);
    }
    const delay = this.options.backoffMs[Math.min(receiveCount - 1, this.options.backoffMs.length - 1)] ?? 1000;
    await this.queue.hide(current, delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.watcher?.close();
    // A tick that was reading the folder may still start deliveries; wait for it, then for them.
    await this.ticked;
    await Promise.allSettled(this.inFlight.values());
  }
}
