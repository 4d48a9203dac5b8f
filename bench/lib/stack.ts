// The local stack for the pipeline benchmark and the load run: embedded
// dynalite and s3rver in a temporary data folder, the same runtime as
// `npm start`, and what a client does with it (upload, read the API and the
// outbox, sign).
import { mkdtempSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { ChildProcessHost } from '../../infra/local/hosts';
import { localPaths } from '../../infra/local/paths';
import { startStack, type RunningStack } from '../../infra/local/stack';
import { LOCAL_CREDENTIALS } from '../../shared/adapters/clients';
import { ApiClient, bearer, type ApiInit, type ApiResponse } from '../../shared/api/client';
import type { OutboxEntry } from '../../shared/pages/outbox';
import type { BodyDirectory } from '../../shared/domain/records';
import { BENCH_BODY } from './generate';

export interface BenchStack {
  stack: RunningStack;
  dir: string;
  /** The last lines the stack printed (for a failure report). */
  lines: string[];
  upload(key: string, bytes: Uint8Array): Promise<void>;
  api<T = unknown>(pathname: string, init?: ApiInit): Promise<ApiResponse<T>>;
  importBody(directory: BodyDirectory): Promise<void>;
  /** Outbox entries not returned before (reads only files it has not seen). */
  newMail(): Promise<OutboxEntry[]>;
  /** Keys under a prefix in the bucket. */
  list(prefix: string): Promise<string[]>;
  /** Peak RSS (MB) of the parse and stamp sandboxes, as the runtime sampled them. */
  sandboxPeaks(): { parse: number | null; stamp: number | null };
  stop(options?: { keep?: boolean }): Promise<void>;
}

export function benchDirectory(overrides: Partial<BodyDirectory> = {}): BodyDirectory {
  return {
    slug: BENCH_BODY.slug,
    name: BENCH_BODY.name,
    organisation: BENCH_BODY.organisation,
    secretary: { name: BENCH_BODY.secretary, email: 'sekreterare@example.se' },
    signingOrder: 'parallel',
    deadlineDays: 14,
    reminderDays: [3, 7, 12],
    members: [
      { name: BENCH_BODY.chair, email: 'ordforande@example.se', role: 'ordförande' },
      { name: BENCH_BODY.adjuster, email: 'justerare@example.se', role: 'ledamot' },
    ],
    ...overrides,
  };
}

export async function startBenchStack(options: { sweepMs?: number } = {}): Promise<BenchStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'justera-bench-'));
  const lines: string[] = [];
  const stack = await startStack({
    dataDir: path.join(dir, 'data'),
    port: 0,
    samples: false,
    print: (line) => {
      lines.push(line);
      if (lines.length > 400) lines.splice(0, lines.length - 200);
    },
    sweepMs: options.sweepMs ?? 5000,
  });
  const s3 = new S3Client({
    region: 'eu-north-1',
    endpoint: stack.s3Endpoint,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Uploads "at once" mean at once: not queued behind the SDK's default of 50 sockets.
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 1024 }) },
  });

  const client = new ApiClient(stack.url, bearer(() => stack.adminToken));
  const api: BenchStack['api'] = (pathname, init) => client.request(pathname, init);

  return {
    stack,
    dir,
    lines,
    async upload(key, bytes) {
      await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: bytes, ContentType: 'application/pdf' }));
    },
    api,
    async importBody(directory) {
      const r = await client.putBody(directory);
      if (r.status !== 200) throw new Error(`importing ${directory.slug} failed: ${r.status} ${JSON.stringify(r.body)}`);
    },
    newMail: newMailIn(localPaths(stack.dataDir).outbox),
    async list(prefix) {
      const keys: string[] = [];
      for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: stack.bucket, Prefix: prefix })) for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
      return keys;
    },
    sandboxPeaks() {
      const peak = (host: unknown) => (host instanceof ChildProcessHost ? Math.round(host.peakRssMb * 10) / 10 : null);
      return { parse: peak(stack.hosts.parse), stamp: peak(stack.hosts.stamp) };
    },
    async stop({ keep = false } = {}) {
      await stack.stop();
      s3.destroy();
      if (!keep) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Outbox entries not returned before: the same files GET /outbox lists, read incrementally (polling the whole outbox would load the machine being measured). */
function newMailIn(outboxDir: string): () => Promise<OutboxEntry[]> {
  const seen = new Set<string>();
  return async () => {
    const names = (await readdir(outboxDir).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !seen.has(n));
    const out: OutboxEntry[] = [];
    for (const name of names) {
      try {
        out.push(JSON.parse(await readFile(path.join(outboxDir, name), 'utf8')) as OutboxEntry);
        seen.add(name);
      } catch {
        // renamed into place but not readable yet: next time
      }
    }
    return out;
  };
}

/** Opens a signing page, reads its hidden sha256 field and posts the form as a browser would. */
export async function signLink(link: string, form: Record<string, string> = { action: 'sign', consent: 'on' }): Promise<{ status: number; postAt: number }> {
  const page = await (await fetch(link)).text();
  const sha256 = /name="sha256" value="([0-9a-f]{64})"/.exec(page)?.[1] ?? '';
  // The moment the signer presses the button: the start of the last signature.
  const postAt = Date.now();
  const response = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(link).origin },
    body: new URLSearchParams({ sha256, ...form }).toString(),
  });
  await response.arrayBuffer();
  return { status: response.status, postAt };
}
