// An upload under way when the local stack is killed: the bytes that arrived
// stay on disk, and the sweep at the next start finds them. A document cut
// off like that must never become a protocol (it is not what the secretary
// sent); uploading the file again gives one protocol of the whole document.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localS3Client } from '../../shared/adapters/clients';
import { startCliStack, type CliStack } from '../helpers/cli';
import { fixture, mellansverige } from '../helpers/stack';

let stack: CliStack;
const SLUG = 'avbruten-uppladdning';
const MARKER = 'hel-uppladdning';
const KEY = `drafts/${SLUG}/protokoll.pdf`;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 60_000, pollMs = 200): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await probe().catch(() => null);
    if (v) return v;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`timed out: ${what}\n${stack.output.slice(-25).join('\n')}`);
}

/** The largest file under a folder (any name: the stand-in may keep an upload under a temporary one). */
function largest(dir: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) max = Math.max(max, statSync(join(entry.parentPath, entry.name)).size);
  }
  return max;
}

type Detail = { id: string; body: string; status: string; items: number; source: { key: string } };
const all = async (): Promise<Detail[]> => {
  const list = (await (await fetch(`${stack.url}/protocols?limit=200`)).json()) as { items: { id: string }[] };
  return Promise.all(list.items.map(async (p) => (await (await fetch(`${stack.url}/protocols/${p.id}`)).json()) as Detail));
};

beforeAll(async () => {
  stack = await startCliStack();
  const file = join(stack.dataDir, 'bodies.json');
  writeFileSync(file, JSON.stringify([SLUG, MARKER].map((slug) => ({ ...mellansverige(), slug }))));
  expect((await stack.cli('bodies', 'import', file)).code).toBe(0);
});
afterAll(async () => {
  await stack?.stop();
});

describe('an upload cut off by a crash', () => {
  it('never becomes a protocol; the whole file uploaded again becomes exactly one', async () => {
    const { s3Endpoint, bucket } = JSON.parse(readFileSync(join(stack.dataDir, 'stack.json'), 'utf8')) as Record<string, string>;
    const bytes = fixture('003-protokoll-draft.pdf');
    const body = new PassThrough();
    const put = localS3Client(s3Endpoint!)
      .send(new PutObjectCommand({ Bucket: bucket, Key: KEY, Body: body, ContentLength: bytes.length, ContentType: 'application/pdf' }))
      .catch((error: unknown) => error);
    body.write(bytes.subarray(0, bytes.length >> 1));
    await until('half the upload on disk', async () => largest(join(stack.dataDir, 's3', bucket!, 'drafts', SLUG)) >= bytes.length >> 1, 30_000, 20);
    await stack.kill('SIGKILL');
    await put;
    body.destroy();

    await stack.start();
    const s3 = localS3Client(JSON.parse(readFileSync(join(stack.dataDir, 'stack.json'), 'utf8')).s3Endpoint as string);
    // A whole upload after the restart: once it is routed, whatever the start-up sweep found has been read too.
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `drafts/${MARKER}/protokoll.pdf`, Body: bytes }));
    await until('the whole upload routed, nothing left to read', async () => {
      const now = await all();
      return now.some((p) => p.body === MARKER && p.status === 'ROUTED') && now.every((p) => !['RECEIVED', 'PARSED'].includes(p.status));
    });
    expect((await all()).filter((p) => p.source.key === KEY)).toEqual([]);

    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: KEY, Body: bytes }));
    const whole = await until('the whole document routed', async () => (await all()).find((p) => p.source.key === KEY && p.status === 'ROUTED'));
    expect(whole.items).toBe(13);
    expect((await all()).filter((p) => p.source.key === KEY)).toHaveLength(1);
  }, 240_000);
});
