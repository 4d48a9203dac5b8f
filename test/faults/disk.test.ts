// The data folder stops taking writes for a moment while the stack runs. As
// root, permissions do not stop writes, so the table folder is put on a small
// file system of its own (tmpfs), which is then filled up: LevelDB's next
// write fails with ENOSPC, as on a full or failing disk. The stack must stay
// up, serve what it can, and carry on once the space is back, with every
// upload routed and nothing lost.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localS3Client } from '../../shared/adapters/clients';
import { startCliStack, untilOn, type CliStack } from '../helpers/cli';
import { fixture, mellansverige } from '../helpers/stack';

let stack: CliStack;
let tables: string;
const SLUGS = ['full-1', 'full-2', 'full-3', 'full-4', 'full-5', 'full-6'];

/** mount(8) as root, through sudo otherwise (as CI runs it). */
function mount(...args: string[]): void {
  if (process.getuid?.() === 0) execFileSync('mount', args);
  else execFileSync('sudo', ['-n', 'mount', ...args]);
}
function unmount(dir: string): void {
  if (process.getuid?.() === 0) execFileSync('umount', ['-l', dir]);
  else execFileSync('sudo', ['-n', 'umount', '-l', dir]);
}

/** Fills the file system until a write fails with ENOSPC. */
function fill(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(1 << 20);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

const until = <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms?: number): Promise<T> => untilOn(stack, what, probe, ms);

type Summary = { id: string; body: string; status: string; reason: { code: string } | null };
const protocols = async () =>
  ((await (await fetch(`${stack.url}/protocols?limit=200`)).json()) as { items: Summary[] }).items.filter((p) => SLUGS.includes(p.body));

beforeAll(async () => {
  stack = await startCliStack({}, (dataDir) => {
    tables = join(dataDir, 'dynamodb');
    mkdirSync(tables);
    mount('-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', tables);
  });
  const file = join(stack.dataDir, 'bodies.json');
  writeFileSync(file, JSON.stringify(SLUGS.map((slug) => ({ ...mellansverige(), slug }))));
  expect((await stack.cli('bodies', 'import', file)).code).toBe(0);
});

afterAll(async () => {
  await stack?.kill('SIGTERM');
  if (tables) unmount(tables);
  await stack?.stop();
});

describe('a data folder that stops taking writes for a moment', () => {
  it('keeps the stack up, and every upload is routed once the folder takes writes again', async () => {
    const { s3Endpoint, bucket } = JSON.parse(readFileSync(join(stack.dataDir, 'stack.json'), 'utf8')) as { s3Endpoint: string; bucket: string };
    const s3 = localS3Client(s3Endpoint);
    const upload = (slug: string) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: `drafts/${slug}/p.pdf`, Body: fixture('003-protokoll-draft.pdf') }));
    await upload(SLUGS[0]!);
    await until('the first routed', async () => (await protocols()).find((p) => p.status === 'ROUTED'));

    const filler = join(tables, 'filler');
    fill(filler);
    // Uploads while the disk is full; the first write that needs space fails.
    let sent = 1;
    await until(
      'a failed table write',
      async () => {
        if (stack.output.some((l) => l.includes('table server stopped'))) return true;
        if (sent < SLUGS.length) await upload(SLUGS[sent++]!);
        return false;
      },
      30_000,
    );
    // The stack is still there and answers what needs no table.
    expect(stack.child.exitCode).toBeNull();
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);

    rmSync(filler);
    await until('the table server back', async () => stack.output.some((l) => l.includes('table server back')));
    for (const slug of SLUGS.slice(sent)) await upload(slug);
    const all = await until('every upload routed', async () => {
      const list = await protocols();
      return list.length === SLUGS.length && list.every((p) => p.status === 'ROUTED') && list;
    }, 90_000);
    expect(all.map((p) => p.body).sort()).toEqual([...SLUGS].sort());
    expect(stack.child.exitCode).toBeNull();
  }, 180_000);
});
