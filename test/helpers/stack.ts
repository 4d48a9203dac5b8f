// Starts dynalite and s3rver on free ports (as the test setup's own servers)
// and the local runtime against them, and offers what the tests do with it:
// upload, wait, read the API, read the outbox, sign.
import { localS3Client } from '../../shared/adapters/clients';
import { ApiClient, bearer, type ApiInit, type ApiResponse } from '../../shared/api/client';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutboxEntry } from '../../shared/pages/outbox';
import type { BodyDirectory } from '../../shared/domain/records';
import { startStack, type RunningStack, type StackOptions } from '../../infra/local/stack';
import { startDynalite, startS3rver, type RunningS3, type RunningServer } from '../../infra/local/servers';

export const FIXTURES = new URL('../../../shared/fixtures/', import.meta.url);
export const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));

/** One mail of the local outbox as GET /outbox gives it (attachments always listed, empty when none). */
export type Mail = OutboxEntry & { attachments: NonNullable<OutboxEntry['attachments']> };

export interface TestStack {
  stack: RunningStack;
  dir: string;
  dynamo: RunningServer;
  s3: RunningS3;
  lines: string[];
  upload(key: string, bytes: Uint8Array): Promise<void>;
  /** The API client the CLI and the bench use, as the local administrator. */
  client: ApiClient;
  api<T = unknown>(path: string, init?: ApiInit): Promise<ApiResponse<T>>;
  outbox(): Promise<Mail[]>;
  importBody(directory: BodyDirectory): Promise<void>;
  waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs?: number): Promise<T>;
  protocolOf(key: string, status?: string | string[]): Promise<ProtocolView>;
  restart(options?: Partial<StackOptions>): Promise<void>;
  stop(): Promise<void>;
}

export interface ProtocolView {
  id: string;
  status: string;
  reason: { code: string; sv: string; en: string } | null;
  source: { key: string };
  [k: string]: unknown;
}

export async function startTestStack(options: Partial<StackOptions> = {}): Promise<TestStack> {
  const dir = mkdtempSync(join(tmpdir(), 'justera-test-'));
  const dynamo = await startDynalite(join(dir, 'dynamodb'));
  const s3 = await startS3rver(join(dir, 's3'));
  const lines: string[] = [];
  const base: StackOptions = {
    dataDir: join(dir, 'data'),
    port: 0,
    samples: false,
    dynamoEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    s3rver: s3.server,
    print: (line) => lines.push(line),
    sweepMs: 2000,
    ...options,
  };
  let stack = await startStack(base);
  const s3Client = () => localS3Client(t.s3.endpoint);
  // The stack's URL and token change when it restarts: read them per request.
  const client = new ApiClient(() => stack.url, bearer(() => stack.adminToken));

  const t: TestStack = {
    get stack() {
      return stack;
    },
    dir,
    dynamo,
    s3,
    lines,
    async upload(key, bytes) {
      await s3Client().send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: bytes, ContentType: 'application/pdf' }));
    },
    client,
    api: (path, init) => client.request(path, init),
    async outbox() {
      const r = await t.api<Mail[]>('/outbox', { headers: { accept: 'application/json' } });
      return r.body;
    },
    async importBody(directory) {
      const r = await client.putBody(directory);
      if (r.status !== 200) throw new Error(`import failed: ${r.status} ${JSON.stringify(r.body)}`);
    },
    waitFor: (what, probe, timeoutMs) => waitFor(lines, what, probe, timeoutMs),
    protocolOf: (key, status) => protocolOf(t, key, status),
    async restart(more = {}) {
      await stack.stop();
      stack = await startStack({ ...base, ...more });
    },
    async stop() {
      await stack.stop();
      await t.s3.close();
      await t.dynamo.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Polls until the probe gives something; on a timeout, says what it waited for with the stack's last lines. */
async function waitFor<T>(lines: string[], what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}\n${lines.slice(-30).join('\n')}`);
}

/** The protocol made from an upload, once in a wanted state (without one: settled, not merely received or parsed). */
function protocolOf(t: TestStack, key: string, status?: string | string[]): Promise<ProtocolView> {
  const wanted = status === undefined ? null : Array.isArray(status) ? status : [status];
  return t.waitFor(`protocol of ${key}${wanted ? ` in ${wanted.join('/')}` : ''}`, async () => {
    const list = await t.api<{ items: { id: string }[] }>('/protocols?limit=200');
    for (const item of list.body.items) {
      const p = (await t.api<ProtocolView>(`/protocols/${item.id}`)).body;
      if (p.source.key === key && (wanted ? wanted.includes(p.status) : !['RECEIVED', 'PARSED'].includes(p.status))) return p;
    }
    return null;
  });
}

/** The body directory that names the people of the 003 fixture. */
export function mellansverige(members = [
  { name: 'Helena Proos', email: 'ordforande@example.se', role: 'ordförande' },
  { name: 'Patrik Stenvard', email: 'justerare@example.se', role: 'ledamot' },
]): BodyDirectory {
  return {
    slug: 'samverkansnamnd-mellansverige',
    name: 'Samverkansnämnd Sjukvårdsregion Mellansverige',
    organisation: 'Sjukvårdsregion Mellansverige',
    secretary: { name: 'Eva-Lena Aspetorp', email: 'sekreterare@example.se' },
    signingOrder: 'parallel',
    deadlineDays: 14,
    reminderDays: [3, 7, 12],
    members,
  };
}

/** Reads the hidden sha256 field from a signing page and posts the form as a browser would. */
export async function postSign(link: string, form: Record<string, string>, origin = new URL(link).origin): Promise<{ status: number; html: string }> {
  const page = await (await fetch(link)).text();
  const sha256 = /name="sha256" value="([0-9a-f]{64})"/.exec(page)?.[1] ?? '';
  const response = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ sha256, ...form }).toString(),
  });
  return { status: response.status, html: await response.text() };
}

/**
 * The 003 fixture uploaded as `key` for Mellansverige and signed by both invited signers, as the
 * tests that need an adjusted protocol start; its id once its state is one of `until`.
 */
export async function adjustedFixture(t: TestStack, key: string, until: readonly string[] = ['PUBLISHED']): Promise<string> {
  await t.importBody(mellansverige());
  await t.upload(key, fixture('003-protokoll-draft.pdf'));
  const id = (await t.protocolOf(key, 'ROUTED')).id;
  const invitations = await t.waitFor('two invitations', async () => {
    const mails = (await t.outbox()).filter((m) => m.subject.startsWith('Justering:'));
    return mails.length >= 2 && mails;
  });
  for (const mail of invitations) {
    const signed = await postSign(mail.links[0]!, { action: 'sign', consent: 'on' });
    if (signed.status !== 200) throw new Error(`signing ${mail.to} answered ${signed.status}`);
  }
  await t.waitFor(until.join(' or '), async () => until.includes((await t.api<{ status: string }>(`/protocols/${id}`)).body.status), 60_000);
  return id;
}
