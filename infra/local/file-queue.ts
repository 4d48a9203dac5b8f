// A durable queue in a folder, for the local runtime: one JSON file per
// message, written atomically (temporary file + rename), removed only after
// the consumer succeeded. Survives a killed process: whatever is in the folder
// runs again on start, exactly as an SQS message becomes visible again after a
// crash. A message holds what SQS keeps of one (its id, body, when it was sent
// and received), and nothing SQS would not deliver.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { consumersOf } from '../../shared/domain/events';
import { envelope } from '../../shared/adapters/events';
import type { EventBus } from '../../shared/ports';

export interface QueuedMessage {
  id: string;
  body: string;
  /** Deliveries so far (SQS's ApproximateReceiveCount). */
  attempts: number;
  /** Epoch ms before which the message is not delivered (backoff, or in flight). */
  notBefore: number;
  /** When it was sent (SQS's SentTimestamp). */
  enqueuedAt: string;
  /** Epoch ms of the first delivery (SQS's ApproximateFirstReceiveTimestamp). */
  firstReceivedAt?: number;
}

export class FileQueue {
  readonly ready: string;

  constructor(
    root: string,
    readonly name: string,
  ) {
    this.ready = join(root, name);
    mkdirSync(this.ready, { recursive: true });
  }

  /** Enqueues a message; a message with the same id that is still queued is replaced, not doubled. */
  async send(body: string, id: string = randomUUID()): Promise<string> {
    await this.write({ id, body, attempts: 0, notBefore: 0, enqueuedAt: new Date().toISOString() });
    return id;
  }

  /** Takes a message that failed every delivery, as SQS's redrive policy does: same id, body and sent time. */
  async receiveDeadLetter(message: QueuedMessage): Promise<void> {
    await this.write({ id: message.id, body: message.body, attempts: 0, notBefore: 0, enqueuedAt: message.enqueuedAt });
  }

  async list(): Promise<QueuedMessage[]> {
    const names = (await readdir(this.ready)).filter((n) => n.endsWith('.json'));
    const out: QueuedMessage[] = [];
    for (const name of names) {
      try {
        out.push(JSON.parse(await readFile(join(this.ready, name), 'utf8')) as QueuedMessage);
      } catch {
        // removed or being replaced meanwhile
      }
    }
    return out.sort((a, b) => a.enqueuedAt.localeCompare(b.enqueuedAt));
  }

  /** Hides the message until `delayMs` from now: a backoff after a failure, or the visibility timeout of a delivery. */
  async hide(message: QueuedMessage, delayMs: number): Promise<void> {
    await this.write({ ...message, notBefore: Date.now() + delayMs });
  }

  /** Makes every hidden message visible: after a restart nothing is in flight any more. */
  async revealAll(): Promise<void> {
    for (const message of await this.list()) if (message.notBefore > Date.now()) await this.write({ ...message, notBefore: 0 });
  }

  async acknowledge(message: QueuedMessage): Promise<void> {
    await rm(join(this.ready, `${message.id}.json`), { force: true });
  }

  private async write(message: QueuedMessage): Promise<void> {
    const tmp = join(this.ready, `.${message.id}.${randomUUID()}.tmp`);
    await writeFile(tmp, JSON.stringify(message));
    await rename(tmp, join(this.ready, `${message.id}.json`));
  }
}

/** The local bus: writes each event into the queue of every consumer subscribed to it (the rules of the CDK stack). */
export function fileQueueBus(root: string): EventBus {
  const queues = new Map<string, FileQueue>();
  const queue = (name: string) => {
    if (!queues.has(name)) queues.set(name, new FileQueue(root, name));
    return queues.get(name)!;
  };
  return {
    async publish(events) {
      for (const event of events) {
        const body = JSON.stringify(envelope(event));
        for (const consumer of consumersOf(event.type)) await queue(consumer).send(body);
      }
    },
  };
}
