// Security properties through the real stack: links hashed at rest and never
// returned, posts only from our own pages, admin routes closed, hostile
// paths refused, and the headers every response carries.
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../shared/adapters/clients';
import { fixture, mellansverige, startTestStack, type Mail, type ProtocolView, type TestStack } from '../helpers/stack';

let t: TestStack;
let protocol: ProtocolView;
let mails: Mail[];

beforeAll(async () => {
  t = await startTestStack();
  await t.importBody(mellansverige());
  await t.upload('drafts/samverkansnamnd-mellansverige/p.pdf', fixture('003-protokoll-draft.pdf'));
  protocol = await t.protocolOf('drafts/samverkansnamnd-mellansverige/p.pdf', 'ROUTED');
  mails = await t.waitFor('invitations', async () => {
    const m = (await t.outbox()).filter((x) => x.subject.startsWith('Justering:'));
    return m.length === 2 && m;
  });
});
afterAll(async () => {
  await t?.stop();
});

const tokenOf = (link: string) => link.split('/sign/')[1]!;

/** The whole table as text (a Scan is fine in a test; the application never scans). */
async function tableDump(): Promise<string> {
  const db = new DynamoDBClient({ region: 'eu-north-1', endpoint: t.dynamo.endpoint, credentials: LOCAL_CREDENTIALS });
  const items: unknown[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: 'justera', ExclusiveStartKey: start as never }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return JSON.stringify(items);
}

describe('link tokens', () => {
  it('are stored only as SHA-256: the table holds no usable link', async () => {
    const dump = await tableDump();
    for (const mail of mails) {
      const token = tokenOf(mail.links[0]!);
      expect(dump).not.toContain(token);
      expect(dump).toContain(createHash('sha256').update(token).digest('hex'));
    }
  });

  it('never leave through the API, not even their hashes', async () => {
    const hashes = mails.map((m) => createHash('sha256').update(tokenOf(m.links[0]!)).digest('hex'));
    const bodies = [
      JSON.stringify((await t.api(`/protocols/${protocol.id}`)).body),
      JSON.stringify((await t.api(`/protocols/${protocol.id}/audit`, { admin: true })).body),
      JSON.stringify((await t.api('/protocols')).body),
      JSON.stringify((await t.api('/decisions')).body),
    ];
    for (const body of bodies) for (const h of hashes) expect(body).not.toContain(h);
  });

  it('unknown links look the same whether malformed or well-formed', async () => {
    const a = await fetch(`${t.stack.url}/sign/${'A'.repeat(43)}`);
    const b = await fetch(`${t.stack.url}/sign/not-a-token`);
    const c = await fetch(`${t.stack.url}/sign/${tokenOf(mails[0]!.links[0]!).replace(/^./, (ch) => (ch === 'x' ? 'y' : 'x'))}`);
    expect([a.status, b.status, c.status]).toEqual([404, 404, 404]);
    const [ta, tb, tc] = await Promise.all([a.text(), b.text(), c.text()]);
    expect(tb).toBe(ta);
    expect(tc).toBe(ta);
  });
});

describe('posting the form', () => {
  const post = (link: string, headers: Record<string, string>) =>
    fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'action=sign&consent=on' }).then((r) => r.status);

  it('is refused from another site, or with no proof of origin at all', async () => {
    const link = mails[0]!.links[0]!;
    expect(await post(link, { 'sec-fetch-site': 'cross-site', origin: t.stack.url })).toBe(403);
    expect(await post(link, { 'sec-fetch-site': 'same-site' })).toBe(403);
    expect(await post(link, { origin: 'https://evil.example' })).toBe(403);
    expect(await post(link, { origin: 'null' })).toBe(403);
    expect(await post(link, {})).toBe(403);
    expect(await post(link, { referer: 'https://evil.example/page' })).toBe(403);
    expect((await t.api<ProtocolView>(`/protocols/${protocol.id}`)).body.status).toBe('ROUTED');
  });
});

describe('admin routes', () => {
  it('answer 401 without detail, for every admin route', async () => {
    for (const [method, path] of [
      ['GET', '/admin/bodies'],
      ['GET', '/admin/bodies/samverkansnamnd-mellansverige'],
      ['PUT', '/admin/bodies/samverkansnamnd-mellansverige'],
      ['POST', `/admin/protocols/${protocol.id}/route`],
      ['GET', `/protocols/${protocol.id}/audit`],
      ['GET', '/admin/dead-letters'],
      ['POST', '/admin/dead-letters/redrive'],
      ['POST', '/admin/remind'],
      ['POST', '/admin/reindex'],
    ] as const) {
      const r = await t.api(path, { method, headers: { authorization: 'Bearer x' } });
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.body).toEqual({ error: 'unauthorized' });
    }
  });
});

describe('hostile paths and slugs', () => {
  it('refuses traversal in body slugs', async () => {
    for (const slug of ['..', '%2e%2e', '..%2f..%2fetc', '.%2e', 'a%2fb', 'A-B', '-a']) {
      const r = await t.api(`/admin/bodies/${slug}`, { admin: true });
      expect([400, 404], slug).toContain(r.status);
    }
    const bad = { ...mellansverige(), slug: '../etc' };
    const r = await t.api('/admin/bodies/etc', { method: 'PUT', admin: true, body: JSON.stringify(bad), headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
  });

  it('a draft uploaded under a traversal folder is REJECTED, not written elsewhere', async () => {
    for (const key of ['drafts/../escape.pdf', 'drafts/%2e%2e/escape.pdf', 'drafts/a/../b.pdf']) {
      await t.upload(key, fixture('003-protokoll-draft.pdf'));
      const p = await t.protocolOf(key);
      expect(p.status, key).toBe('REJECTED');
      expect(p.reason?.code).toBe('BAD_FOLDER');
    }
  });
});

describe('response headers', () => {
  it('the signing page: CSP without any script, no referrer, no sniffing, no framing', async () => {
    const r = await fetch(mails[0]!.links[0]!);
    const policy = r.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/script-src|unsafe-inline|unsafe-eval/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await r.text()).not.toMatch(/<script/i);
  });

  it('every API response: nosniff and no referrer', async () => {
    for (const path of ['/health', '/protocols', `/protocols/${protocol.id}`, '/decisions', '/notices', '/anslagstavla', '/openapi.json', '/nowhere']) {
      const r = await fetch(`${t.stack.url}${path}`);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });
});
