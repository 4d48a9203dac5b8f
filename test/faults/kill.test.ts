// The local stack process killed (SIGKILL) mid-flow and started again on the
// same data folder: every upload becomes a protocol, every signature counts,
// every protocol is sealed once, and the sandboxes die with their runtime.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localS3Client } from '../../shared/adapters/clients';
import { startCliStack, untilOn, type CliStack } from '../helpers/cli';
import { fixture, mellansverige, postSign, type Mail } from '../helpers/stack';

let stack: CliStack;
const SLUGS = ['dod-1', 'dod-2', 'dod-3', 'dod-4'];

const get = async <T>(path: string, admin = false): Promise<T> =>
  (await (
    await fetch(`${stack.url}${path}`, {
      headers: { accept: 'application/json', ...(admin ? { authorization: `Bearer ${readFileSync(join(stack.dataDir, 'admin-token'), 'utf8').trim()}` } : {}) },
    })
  ).json()) as T;

const until = <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 90_000): Promise<T> => untilOn(stack, what, probe, ms);

function sandboxes(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

type Summary = { id: string; body: string; status: string };
const protocols = async () => (await get<{ items: Summary[] }>('/protocols?limit=200')).items.filter((p) => SLUGS.includes(p.body));

beforeAll(async () => {
  stack = await startCliStack();
  const file = join(stack.dataDir, 'bodies.json');
  writeFileSync(
    file,
    JSON.stringify(SLUGS.map((slug) => ({ ...mellansverige(), slug, members: mellansverige().members.map((m) => ({ ...m, email: `${m.email.split('@')[0]}.${slug}@example.se` })) }))),
  );
  expect((await stack.cli('bodies', 'import', file)).code).toBe(0);
});
afterAll(async () => {
  await stack?.stop();
});

describe('killed and restarted', () => {
  it('right after the uploads: every upload is routed after the restart', async () => {
    const { s3Endpoint, bucket } = JSON.parse(readFileSync(join(stack.dataDir, 'stack.json'), 'utf8')) as { s3Endpoint: string; bucket: string };
    const s3 = localS3Client(s3Endpoint);
    await Promise.all(SLUGS.map((slug) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: `drafts/${slug}/p.pdf`, Body: fixture('003-protokoll-draft.pdf') }))));
    const children = sandboxes(stack.child.pid!);
    await stack.kill('SIGKILL');
    await until('sandboxes gone', async () => children.every((pid) => !alive(pid)), 10_000);
    await stack.start();
    await until('all routed', async () => {
      const all = await protocols();
      return all.length === SLUGS.length && all.every((p) => p.status === 'ROUTED');
    });
    const mails = await until('invitations', async () => {
      const m = (await get<Mail[]>('/outbox')).filter((x) => x.subject.startsWith('Justering:'));
      return m.length >= SLUGS.length * 2 && m;
    });
    // Bound on duplicates: one extra mail per signer per crash at most.
    for (const to of new Set(mails.map((m) => m.to))) expect(mails.filter((m) => m.to === to).length).toBeLessThanOrEqual(2);
  }, 180_000);

  it('right after the last signatures: every protocol is sealed exactly once after the restart', async () => {
    const mails = (await get<Mail[]>('/outbox')).filter((x) => x.subject.startsWith('Justering:'));
    const newest = new Map<string, Mail>();
    for (const m of mails) if (!newest.has(m.to)) newest.set(m.to, m); // newest first
    const results = await Promise.all([...newest.values()].map((m) => postSign(m.links[0]!, { action: 'sign', consent: 'on' })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    await stack.kill('SIGKILL');
    await stack.start();
    await until('all published', async () => (await protocols()).every((p) => p.status === 'PUBLISHED'), 120_000);
    for (const p of await protocols()) {
      const audit = await get<{ events: { type: string }[] }>(`/protocols/${p.id}/audit`, true);
      expect(audit.events.filter((e) => e.type === 'signed')).toHaveLength(2);
      expect(audit.events.filter((e) => e.type === 'adjusted')).toHaveLength(1);
      expect(audit.events.filter((e) => e.type === 'sealed')).toHaveLength(1);
    }
  }, 180_000);
});
