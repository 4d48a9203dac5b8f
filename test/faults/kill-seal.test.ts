// The local stack killed (SIGKILL) while the stamp function seals a protocol,
// then started again: the dead attempt still holds the seal's lease, and the
// redelivered event must not use up its retries against it. The protocol is
// sealed and published without anyone re-driving it, and sealed once.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, localS3Client } from '../../shared/adapters/clients';
import { startCliStack, type CliStack } from '../helpers/cli';
import { fixture, mellansverige, postSign, type Mail } from '../helpers/stack';

let stack: CliStack;
const SLUG = 'mitt-i-forseglingen';

const get = async <T>(path: string, admin = false): Promise<T> =>
  (await (
    await fetch(`${stack.url}${path}`, {
      headers: { accept: 'application/json', ...(admin ? { authorization: `Bearer ${readFileSync(join(stack.dataDir, 'admin-token'), 'utf8').trim()}` } : {}) },
    })
  ).json()) as T;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 60_000, pollMs = 250): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`timed out: ${what}\n${stack.output.slice(-25).join('\n')}`);
}

type Summary = { id: string; body: string; status: string; reason: { code: string; sv: string } | null };
const mine = async () => (await get<{ items: Summary[] }>('/protocols?limit=200')).items.find((p) => p.body === SLUG);

beforeAll(async () => {
  stack = await startCliStack();
  const file = join(stack.dataDir, 'bodies.json');
  writeFileSync(file, JSON.stringify({ ...mellansverige(), slug: SLUG }));
  expect((await stack.cli('bodies', 'import', file)).code).toBe(0);
});
afterAll(async () => {
  await stack?.stop();
});

describe('killed in the middle of a seal', () => {
  it('resumes the seal after the restart without a re-drive, and seals once', async () => {
    const { s3Endpoint, dynamoEndpoint, bucket, table } = JSON.parse(readFileSync(join(stack.dataDir, 'stack.json'), 'utf8')) as Record<string, string>;
    await localS3Client(s3Endpoint!).send(new PutObjectCommand({ Bucket: bucket, Key: `drafts/${SLUG}/p.pdf`, Body: fixture('003-protokoll-draft.pdf') }));
    const routed = await until('routed', async () => (await mine().catch(() => undefined))?.status === 'ROUTED');
    expect(routed).toBe(true);
    const invitations = await until('invitations', async () => {
      const m = (await get<Mail[]>('/outbox')).filter((x) => x.subject.startsWith('Justering:'));
      return m.length === 2 && m;
    });
    const { id } = (await mine())!;
    const db = new DynamoDBClient({ region: 'eu-north-1', endpoint: dynamoEndpoint, credentials: LOCAL_CREDENTIALS });
    const item = async () => (await db.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `PROTOCOL#${id}` }, sk: { S: 'META' } }, ConsistentRead: true }))).Item;

    await Promise.all(invitations.map((m) => postSign(m.links[0]!, { action: 'sign', consent: 'on' })));
    // The stamp function has taken the seal's lease and not finished: kill the whole stack now.
    const held = await until('the seal under way', async () => {
      const now = await item();
      if (now?.status?.S !== 'ADJUSTED') throw new Error(`sealed before it could be interrupted: ${now?.status?.S}`);
      return now.lease_seal !== undefined;
    }, 60_000, 5);
    expect(held).toBe(true);
    await stack.kill('SIGKILL');
    db.destroy();

    await stack.start();
    const done = await until(
      'published',
      async () => {
        const p = await mine();
        if (p?.status === 'NEEDS_ATTENTION') throw new Error(`needs attention after the restart: ${p.reason?.sv}`);
        return p?.status === 'PUBLISHED' && p;
      },
      240_000,
      1000,
    );
    expect(done.id).toBe(id);
    const audit = await get<{ events: { type: string }[] }>(`/protocols/${id}/audit`, true);
    expect(audit.events.filter((e) => e.type === 'sealed')).toHaveLength(1);
    expect(audit.events.filter((e) => e.type === 'dead-letter')).toHaveLength(0);
  }, 360_000);
});
