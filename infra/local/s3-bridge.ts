// Turns objects created under drafts/ into the S3 event notification the
// parse function receives on AWS: key encoded as S3 encodes it, the same
// prefix filter as the CDK notification, delivered through the parse queue
// (with its retries and dead-letter queue). s3rver's own events are
// immediate but not durable, so a sweep of the bucket at start and now and
// then picks up anything uploaded while the stack was down.
//
// Unlike S3, s3rver on its own shows an object while its upload is still
// being written (s3-atomic.ts now has it write to a temporary name first, but
// an overwrite still takes its name a moment before its new checksum is
// written). An object is delivered only once it is whole — the MD5
// of what is stored equals the ETag s3rver computed while receiving it — and
// its size and time are read after that, so every sighting of one upload
// names the same version. (An ETag s3rver recomputed from a partial file
// never matches; such an object is delivered once it has been quiet for
// STALE_ETAG_MS.)
import { createHash } from 'node:crypto';
import { FileGoneError } from '../../shared/ports';
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type S3rver from 's3rver';
import type { FileQueue } from './file-queue';
import { DRAFTS_PREFIX, S3Notification, draftMessage, draftsOf, encodeS3Key } from '../../shared/domain/draft-event';
import type { FileInfo, FileStore } from '../../shared/ports';

/** An object unchanged this long is whole, whatever its ETag says. */
const STALE_ETAG_MS = 10_000;

const quietFor = (info: FileInfo) => Date.now() - (Math.floor(info.lastModified.getTime() / 1000) + 1) * 1000;

export class S3Bridge {
  private readonly seen: Set<string>;
  private timer?: NodeJS.Timeout;
  private saving = Promise.resolve();

  constructor(
    private readonly files: FileStore,
    private readonly queue: FileQueue,
    private readonly ledgerPath: string,
    private readonly onError: (error: unknown) => void = () => undefined,
    /** How long an object must have been unchanged before a periodic sweep reads it (longer while events arrive). */
    private settleMs = 2000,
  ) {
    this.seen = new Set(existsSync(ledgerPath) ? (JSON.parse(readFileSync(ledgerPath, 'utf8')) as string[]) : []);
  }

  /**
   * With s3rver's events the sweep is only the safety net for what arrived
   * while the stack was down, so it waits a minute before reading an object:
   * a stalled upload is not mistaken for a whole one.
   */
  attach(server: S3rver): void {
    this.settleMs = 60_000;
    server.on('event', (event: unknown) => {
      const notification = S3Notification.safeParse(event);
      for (const { encodedKey: key, eventTime } of notification.success ? draftsOf(notification.data) : []) {
        if (!key.startsWith(DRAFTS_PREFIX)) continue;
        // s3rver passes the key undecoded; look the object up for its etag and time.
        void this.deliverWhenWhole(key, eventTime).catch(this.onError);
      }
    });
  }

  /**
   * s3rver announces an upload before its last bytes are on disk, and S3 may
   * be briefly unreachable: look again for some twelve seconds.
   */
  private async deliverWhenWhole(key: string, eventTime?: string): Promise<void> {
    let failure: unknown = null;
    for (const wait of [0, 50, 100, 200, 400, 800, 1600, 3200, 6400]) {
      if (wait) await new Promise((r) => setTimeout(r, wait));
      try {
        const info = await this.files.head(key);
        if (!info || this.seen.has(identityOf(info)) || (await this.deliver(info, eventTime))) return;
      } catch (error) {
        failure = error;
      }
    }
    // Still not whole (a stalled upload) or not reachable: the sweep takes it from here.
    if (failure) this.onError(failure);
  }

  /**
   * Lists drafts/ and delivers whatever was never delivered. At start nothing
   * can be uploading through this stack yet, so `settleMs: 0` reads at once.
   */
  async sweep(options: { settleMs?: number } = {}): Promise<number> {
    const settleMs = options.settleMs ?? this.settleMs;
    let delivered = 0;
    for await (const info of this.files.list(DRAFTS_PREFIX)) {
      // Cheap first: an object written to in the last moments is not read yet.
      if (quietFor(info) < settleMs) continue;
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

  /** The object as it stands once whole, or null while it is still being written. */
  private async whole(listed: FileInfo): Promise<FileInfo | null> {
    if (this.seen.has(identityOf(listed))) return null;
    let file;
    try {
      file = await this.files.get(listed.key);
    } catch (error) {
      if (error instanceof FileGoneError) return null;
      throw error;
    }
    const md5 = createHash('md5').update(file.bytes).digest('hex');
    const info = await this.files.head(listed.key);
    if (!info || info.size !== file.bytes.length || info.eTag !== file.eTag) return null; // changed meanwhile
    if (md5 !== file.eTag && quietFor(info) < STALE_ETAG_MS) return null;
    return info;
  }

  /**
   * `eventTime`: s3rver's event says when the upload was stored to the
   * millisecond; the sweep only has the object's time to the second. Uploads
   * of one meeting are ordered by it (shared/domain/meetings.ts).
   */
  private async deliver(listed: FileInfo, eventTime?: string): Promise<boolean> {
    if (!listed.key.startsWith(DRAFTS_PREFIX) || listed.key.endsWith('/')) return false;
    const info = await this.whole(listed);
    if (!info) return false;
    const identity = identityOf(info);
    const seconds = Math.floor(info.lastModified.getTime() / 1000);
    if (this.seen.has(identity)) return false;
    this.seen.add(identity);
    const message = draftMessage({
      bucket: this.files.bucket,
      encodedKey: encodeS3Key(info.key),
      size: info.size,
      eTag: info.eTag,
      sequencer: seconds.toString(16).toUpperCase(),
      eventTime: eventTime ?? new Date(seconds * 1000).toISOString(),
    });
    try {
      await this.queue.send(message, identity);
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

/** One upload: key, content and time. Seconds, as HEAD and LIST both report them, so the event and the sweep agree. */
function identityOf(info: FileInfo): string {
  const seconds = Math.floor(info.lastModified.getTime() / 1000);
  return createHash('sha256').update(`${info.key}\n${info.eTag}\n${seconds}`).digest('hex').slice(0, 32);
}
