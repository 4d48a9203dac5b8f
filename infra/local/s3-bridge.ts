// Turns objects created under drafts/ into the S3 event notification the
// parse function receives on AWS: key encoded as S3 encodes it, the same
// prefix filter as the CDK notification, delivered through the parse queue
// (with its retries and dead-letter queue). s3rver's own events are
// immediate but not durable, so a sweep of the bucket at start and now and
// then picks up anything uploaded while the stack was down. Unlike S3, s3rver
// lists an object while its upload is still being written (growing, its
// time moving on), so the sweep leaves objects alone until they have been
// quiet for a moment; the event, which comes once the upload is complete,
// does not wait.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type S3rver from 's3rver';
import type { FileQueue } from '../../shared/adapters/file-queue';
import { DRAFTS_PREFIX } from '../../shared/flow/receive';
import type { FileInfo, FileStore } from '../../shared/ports';

/** S3 event notifications carry keys form-encoded: spaces as '+', '/' kept. */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');
}

export class S3Bridge {
  private readonly seen: Set<string>;
  private timer?: NodeJS.Timeout;
  private saving = Promise.resolve();

  constructor(
    private readonly files: FileStore,
    private readonly queue: FileQueue,
    private readonly ledgerPath: string,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly settleMs = 2000,
  ) {
    this.seen = new Set(existsSync(ledgerPath) ? (JSON.parse(readFileSync(ledgerPath, 'utf8')) as string[]) : []);
  }

  attach(server: S3rver): void {
    server.on('event', (event: { Records?: { eventName?: string; s3?: { object?: { key?: string } } }[] }) => {
      for (const record of event.Records ?? []) {
        const key = record.s3?.object?.key;
        if (!record.eventName?.startsWith('ObjectCreated') || !key?.startsWith(DRAFTS_PREFIX)) continue;
        // s3rver passes the key undecoded; look the object up for its etag and time.
        this.files
          .head(key)
          .then((info) => info && this.deliver(info))
          .catch(this.onError);
      }
    });
  }

  /** Lists drafts/ and delivers whatever was never delivered. */
  async sweep(): Promise<number> {
    let delivered = 0;
    for await (const info of this.files.list(DRAFTS_PREFIX)) {
      // Seconds precision: "quiet for settleMs" is counted from the end of the second it was last written.
      const quietFor = Date.now() - (Math.floor(info.lastModified.getTime() / 1000) + 1) * 1000;
      if (quietFor < this.settleMs) continue; // maybe still being written; the event or a later sweep delivers it
      if (await this.deliver(info)) delivered++;
    }
    return delivered;
  }

  startSweeping(everyMs: number): void {
    this.timer = setInterval(() => void this.sweep().catch(this.onError), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async deliver(info: FileInfo): Promise<boolean> {
    if (!info.key.startsWith(DRAFTS_PREFIX) || info.key.endsWith('/')) return false;
    // Seconds: what HEAD and LIST both report, so the event and the sweep agree on the version.
    const seconds = Math.floor(info.lastModified.getTime() / 1000);
    const identity = createHash('sha256').update(`${info.key}\n${info.eTag}\n${seconds}`).digest('hex').slice(0, 32);
    if (this.seen.has(identity)) return false;
    this.seen.add(identity);
    const record = {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'local',
      eventTime: new Date(seconds * 1000).toISOString(),
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'drafts',
        bucket: { name: this.files.bucket, arn: `arn:aws:s3:::${this.files.bucket}` },
        object: { key: encodeS3Key(info.key), size: info.size, eTag: info.eTag, sequencer: seconds.toString(16).toUpperCase() },
      },
    };
    try {
      await this.queue.send(JSON.stringify({ Records: [record] }), identity);
    } catch (error) {
      this.seen.delete(identity);
      throw error;
    }
    // Recorded only once queued: a crash in between means delivering again, never losing it.
    await this.save();
    return true;
  }

  private save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const tmp = `${this.ledgerPath}.tmp`;
      await writeFile(tmp, JSON.stringify([...this.seen]));
      await rename(tmp, this.ledgerPath);
    });
    return this.saving;
  }
}
