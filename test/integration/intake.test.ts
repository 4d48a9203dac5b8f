// Drafts in, protocols out: both seed formats, repeated deliveries, and every
// kind of bad input ending in a state with a reason — the file kept, the
// stack still serving, the data still there after a restart.
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localS3Client } from '../../shared/adapters/clients';
import { FileQueue } from '../../infra/local/file-queue';
import { localPaths } from '../../infra/local/paths';
import { draftMessage, encodeS3Key } from '../../shared/domain/draft-event';
import { fixture, mellansverige, startTestStack, type ProtocolView, type TestStack } from '../helpers/stack';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack();
});
afterAll(async () => {
  await t?.stop();
});

async function exists(key: string): Promise<boolean> {
  const s3 = localS3Client(t.s3.endpoint);
  try {
    await s3.send(new HeadObjectCommand({ Bucket: t.stack.bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

describe('the minnesanteckningar seed', () => {
  it('has items 1–15, decisions in 4, 5, 8, 9 and 10, chair and secretary', async () => {
    const key = 'drafts/regionsjukvardsledningen/minnesanteckningar.pdf';
    await t.upload(key, fixture('000-minnesanteckningar.pdf'));
    const p = await t.protocolOf(key);
    expect(p.status).toBe('NEEDS_ATTENTION'); // parsed, but no directory for this body yet
    expect(p.reason?.code).toBe('NO_DIRECTORY');
    const detail = (await t.api<{ contents: { number: string; decisions: unknown[] }[]; chair: string; secretary: string; kind: string }>(`/protocols/${p.id}`)).body;
    expect(detail.kind).toBe('minnesanteckningar');
    expect(detail.contents.map((c) => c.number)).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
    expect(detail.contents.filter((c) => c.decisions.length).map((c) => c.number)).toEqual(['4', '5', '8', '9', '10']);
    expect(detail.chair).toBe('Magnus Persson');
    expect(detail.secretary).toBe('Agnes Savetun');
  });
});

describe('repeated delivery', () => {
  it('the same S3 notification delivered twice more gives still one protocol', async () => {
    const key = 'drafts/dubbel/protokoll å+b.pdf';
    await t.upload(key, fixture('003-protokoll-draft.pdf'));
    const first = await t.protocolOf(key);
    // Rebuild the very notification S3 (here the bridge) delivered for this object version and deliver it twice, as SQS may.
    const s3 = localS3Client(t.s3.endpoint);
    const head = await s3.send(new HeadObjectCommand({ Bucket: t.stack.bucket, Key: key }));
    const seconds = Math.floor(head.LastModified!.getTime() / 1000);
    const body = draftMessage({
      bucket: t.stack.bucket,
      encodedKey: encodeS3Key(key),
      size: head.ContentLength!,
      eTag: head.ETag!.replace(/"/g, ''),
      sequencer: seconds.toString(16).toUpperCase(),
      eventTime: new Date(seconds * 1000).toISOString(),
    });
    const parse = new FileQueue(localPaths(t.stack.dataDir).queues, 'parse');
    await parse.send(body, 'again-1');
    await parse.send(body, 'again-2');
    await t.waitFor('queue drained', () => t.stack.idle());
    const all = (await t.api<{ items: { id: string }[] }>('/protocols?body=dubbel')).body.items;
    expect(all.map((p) => p.id)).toEqual([first.id]);
    const audit = (await t.api<{ events: { type: string }[] }>(`/protocols/${first.id}/audit`, { admin: true })).body.events;
    expect(audit.filter((e) => e.type === 'received')).toHaveLength(1);
  });

  it('re-delivering the bridge\'s own notification changes nothing', async () => {
    const key = 'drafts/dubbel2/protokoll.pdf';
    await t.upload(key, fixture('003-protokoll-draft.pdf'));
    const first = await t.protocolOf(key);
    const detail = (await t.api<ProtocolView & { source: { key: string; eTag?: string } }>(`/protocols/${first.id}`)).body;
    const count = async () => (await t.api<{ items: unknown[] }>('/protocols?body=dubbel2')).body.items.length;
    expect(await count()).toBe(1);
    // The sweep finds the object again and must not deliver it twice; a restart must not either.
    await t.restart();
    await t.waitFor('sweep', async () => (await t.stack.idle()) && true);
    expect(await count()).toBe(1);
    expect(detail.status).not.toBe('RECEIVED');
  });
});

describe('bad input', () => {
  const cases: [string, () => Uint8Array, string, string][] = [
    ['a text file renamed .pdf', () => new TextEncoder().encode('Det här är anteckningar, inte en PDF.\n'), 'REJECTED', 'NOT_PDF'],
    ['an empty file', () => new Uint8Array(0), 'REJECTED', 'EMPTY'],
    ['a truncated PDF', () => fixture('003-protokoll-draft.pdf').slice(0, 4000), 'NEEDS_ATTENTION', 'CORRUPT'],
    ['an HTML page named .pdf', () => new TextEncoder().encode('<!doctype html><html><body><script>alert(1)</script></body></html>'), 'REJECTED', 'NOT_PDF'],
  ];
  for (const [name, bytes, status, code] of cases)
    it(`${name} ends ${status} (${code}) with a reason, and stays in the bucket`, async () => {
      const key = `drafts/felaktiga/${code.toLowerCase()}.pdf`;
      await t.upload(key, bytes());
      const p = await t.protocolOf(key);
      expect(p.status).toBe(status);
      expect(p.reason?.code).toBe(code);
      expect(p.reason?.sv.length).toBeGreaterThan(10);
      expect(await exists(key)).toBe(true);
    });

  it('an encrypted PDF is REJECTED', async () => {
    const plain = join(t.dir, 'plain.pdf');
    const locked = join(t.dir, 'locked.pdf');
    writeFileSync(plain, fixture('003-protokoll-draft.pdf'));
    execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', plain, locked]);
    const key = 'drafts/felaktiga/krypterad.pdf';
    await t.upload(key, new Uint8Array(readFileSync(locked)));
    const p = await t.protocolOf(key);
    expect(p.status).toBe('REJECTED');
    expect(p.reason?.code).toBe('ENCRYPTED');
  });

  it('a file outside a body folder is REJECTED with how to fix it', async () => {
    const key = 'drafts/Protokoll utan mapp.pdf';
    await t.upload(key, fixture('003-protokoll-draft.pdf'));
    const p = await t.protocolOf(key);
    expect(p.status).toBe('REJECTED');
    expect(p.reason?.code).toBe('BAD_FOLDER');
    expect(p.reason?.sv).toContain('drafts/<organ>/');
  });

  it('the secretary of a known body is told, with how to fix it', async () => {
    await t.importBody({ ...mellansverige(), slug: 'med-katalog' });
    const key = 'drafts/med-katalog/anteckningar.pdf';
    await t.upload(key, new TextEncoder().encode('Anteckningar i textformat.\n'));
    const p = await t.protocolOf(key, 'REJECTED');
    const mail = await t.waitFor('problem mail', async () => (await t.outbox()).find((m) => m.subject.startsWith('Åtgärd krävs') && m.text.includes(p.id)));
    expect(mail.to).toBe('sekreterare@example.se');
    expect(mail.text).toContain('inte en PDF');
    expect(mail.text).toContain('Spara protokollet som PDF');
  });

  it('the server keeps serving', async () => {
    expect((await t.api('/health')).status).toBe(200);
  });
});

describe('the read API', () => {
  it('answers 400 for a bad query and 404 for an unknown id', async () => {
    expect((await t.api('/protocols?from=14-02-2025')).status).toBe(400);
    expect((await t.api('/protocols?status=DONE')).status).toBe(400);
    expect((await t.api('/protocols?cursor=bm90LWpzb24')).status).toBe(400);
    expect((await t.api('/decisions?limit=0')).status).toBe(400);
    expect((await t.api('/protocols/00000000000000000000')).status).toBe(404);
    expect((await t.api('/protocols/..%2f..%2fetc')).status).toBe(404);
  });

  it('pages with a next cursor', async () => {
    const first = (await t.api<{ items: { id: string }[]; next: string | null }>('/protocols?limit=2')).body;
    expect(first.items).toHaveLength(2);
    expect(first.next).toBeTruthy();
    const second = (await t.api<{ items: { id: string }[] }>(`/protocols?limit=2&cursor=${first.next}`)).body;
    expect(second.items.map((i) => i.id)).not.toEqual(expect.arrayContaining(first.items.map((i) => i.id)));
  });

  it('finds decisions by words, ignoring case and diacritics', async () => {
    const hits = (await t.api<{ items: { text: string }[] }>('/decisions?q=HANDLINGARNA')).body.items;
    expect(hits.length).toBeGreaterThan(0);
    const folded = (await t.api<{ items: { text: string; itemTitle: string }[] }>('/decisions?q=sallsynta')).body.items;
    expect(folded.some((d) => /sällsynta/i.test(d.itemTitle))).toBe(true);
  });

  it('serves an OpenAPI document', async () => {
    const doc = (await t.api<{ openapi: string; paths: Record<string, unknown> }>('/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/protocols', '/protocols/{id}', '/decisions', '/notices']));
  });
});

describe('a restart', () => {
  it('keeps every protocol', async () => {
    const list = async () => (await t.api<{ items: { id: string; status: string }[] }>('/protocols?limit=200')).body.items.map((p) => `${p.id} ${p.status}`);
    const before = await list();
    expect(before.length).toBeGreaterThan(5);
    await t.restart();
    expect(await list()).toEqual(before);
  });
});
