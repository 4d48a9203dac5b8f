// A durable queue in a folder, for the local stack: one JSON file per message,
// written atomically (temporary file + rename), removed only after the consumer
// succeeded. Survives a killed process: whatever is in ready/ runs again on
// start, exactly as an SQS message becomes visible again after a crash.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface QueuedMessage {
  id: string;
  body: string;
  /** Deliveries so far. */
  attempts: number;
  /** Epoch ms before which the message is not delivered (backoff). */
  notBefore: number;
  enqueuedAt: string;
  lastError?: string;
  /** Message attributes, as SQS carries them (the dead-letter queue gets the last error). */
  attributes?: Record<string, string>;
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
  async send(body: string, id: string = randomUUID(), attributes?: Record<string, string>): Promise<string> {
    const message: QueuedMessage = { id, body, attempts: 0, notBefore: 0, enqueuedAt: new Date().toISOString(), ...(attributes ? { attributes } : {}) };
    await this.write(this.ready, message);
    return id;
  }

  async list(): Promise<QueuedMessage[]> {
    const dir = this.ready;
    const names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
    const out: QueuedMessage[] = [];
    for (const name of names) {
      try {
        out.push(JSON.parse(await readFile(join(dir, name), 'utf8')) as QueuedMessage);
      } catch {
        // removed or being replaced meanwhile
      }
    }
    return out.sort((a, b) => a.enqueuedAt.localeCompare(b.enqueuedAt));
  }

  /** Hides the message until `delayMs` from now: a backoff after a failure, or the visibility timeout of a delivery. */
  async hide(message: QueuedMessage, delayMs: number, error?: string): Promise<void> {
    await this.write(this.ready, { ...message, ...(error ? { lastError: error } : {}), notBefore: Date.now() + delayMs });
  }

  /** Makes every hidden message visible: after a restart nothing is in flight any more. */
  async revealAll(): Promise<void> {
    for (const message of await this.list()) if (message.notBefore > Date.now()) await this.write(this.ready, { ...message, notBefore: 0 });
  }

  async acknowledge(message: QueuedMessage): Promise<void> {
    await rm(join(this.ready, `${message.id}.json`), { force: true });
  }

  private async write(dir: string, message: QueuedMessage): Promise<void> {
    const tmp = join(dir, `.${message.id}.${randomUUID()}.tmp`);
    await writeFile(tmp, JSON.stringify(message));
    await rename(tmp, join(dir, `${message.id}.json`));
  }
}
