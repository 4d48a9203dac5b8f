// Requests a client gets wrong, or an attacker makes up, through the real
// stack: each answers 4xx with a reason (never 500); HEAD answers like GET
// without the body; a superseded draft is no longer served to its old link;
// directory text with control characters is refused.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/api/routes';
import { fixture, mellansverige, startTestStack, type Mail, type ProtocolView, type TestStack } from '../helpers/stack';

let t: TestStack;
let first: ProtocolView;
let oldLink: string;
let secretaryLink: string;
const BODY = 'samverkansnamnd-mellansverige';

beforeAll(async () => {
  t = await startTestStack();
  await t.importBody(mellansverige());
  await t.upload(`drafts/${BODY}/p.pdf`, fixture('003-protokoll-draft.pdf'));
  first = await t.protocolOf(`drafts/${BODY}/p.pdf`, 'ROUTED');
  const invitation = await t.waitFor('invitation', async () => (await t.outbox()).find((m: Mail) => m.subject.startsWith('Justering:')));
  oldLink = invitation.links[0]!;
  const routed = await t.waitFor('secretary mail', async () => (await t.outbox()).find((m: Mail) => m.links.some((l) => l.includes('/secretary/'))));
  secretaryLink = routed.links.find((l) => l.includes('/secretary/'))!;
});
afterAll(async () => {
  await t?.stop();
});

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cursors and ranges', () => {
  it('a forged or foreign cursor is 400, never 500', async () => {
    const decisions = await t.api<{ next: string | null }>('/decisions?limit=1');
    expect(decisions.status).toBe(200);
    expect(decisions.body.next).toBeTruthy();
    const byBody = await t.api<{ next: string | null }>(`/decisions?body=${BODY}&limit=1`);
    expect(byBody.body.next).toBeTruthy();
    const cases: [string, string][] = [
      ['/protocols', decisions.body.next!], // a cursor of another listing
      ['/decisions', byBody.body.next!], // of the same listing for one body, used for all bodies
      [`/decisions?body=andra`, byBody.body.next!], // of another body
      ['/decisions?from=2030-01-01', decisions.body.next!], // outside the range now asked for
      ['/protocols', cursorOf({ a: 'b' })],
      ['/protocols', cursorOf({ pk: 'x', sk: 'y', gsi2pk: 'PROTOCOLS', gsi2sk: 'zzzz' })],
      ['/protocols', cursorOf({ pk: 'x', sk: 'y', gsi2pk: 'PROTOCOLS', gsi2sk: 1 })],
      ['/protocols', cursorOf(['x'])],
      ['/protocols', 'not base64 json'],
    ];
    for (const [path, cursor] of cases) {
      const r = await t.api<{ error: string }>(`${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`);
      expect(r.status, `${path} ${cursor}`).toBe(400);
      expect(r.body.error).toBe('invalid cursor');
    }
    // The cursor of the listing itself still works.
    expect((await t.api(`/decisions?limit=1&cursor=${decisions.body.next}`)).status).toBe(200);
  });

  it('from after to is 400 with the reason', async () => {
    for (const path of ['/protocols', '/decisions']) {
      const r = await t.api<{ error: string }>(`${path}?from=2025-03-01&to=2025-02-01`);
      expect(r.status, path).toBe(400);
      expect(r.body.error).toContain('from must not be after to');
    }
    expect((await t.api('/protocols?from=2025-02-14&to=2025-02-14')).status).toBe(200);
  });
});

/** A HEAD request (fetch cannot show that no body came, so node:http). */
function head(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'HEAD', headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HEAD', () => {
  it('answers on every GET route like GET, without a body', async () => {
    const token = oldLink.split('/sign/')[1]!;
    const secretaryToken = secretaryLink.split('/secretary/')[1]!;
    const concrete = (path: string) =>
      path.replace('{id}', first.id).replace('{token}', path.startsWith('/secretary/') ? secretaryToken : token).replace('{slug}', BODY);
    for (const route of ROUTES.filter((r) => r.method === 'GET')) {
      const path = concrete(route.path);
      const auth: Record<string, string> = route.admin ? { authorization: `Bearer ${t.stack.adminToken}` } : {};
      const got = await fetch(`${t.stack.url}${path}`, { headers: auth, redirect: 'manual' });
      await got.arrayBuffer();
      const h = await head(`${t.stack.url}${path}`, auth);
      expect(h.status, `HEAD ${path}`).toBe(got.status);
      // A subscription link's token is none of this test's: its own page says the link is unknown (404, HTML).
      const foreignToken = /^\/prenumeration\/(bekrafta|avsluta)\//.test(path);
      if (foreignToken) expect(got.headers.get('content-type'), `GET ${path}`).toMatch(/^text\/html/);
      else expect(h.status, `HEAD ${path}`).not.toBe(404);
      expect(h.bytes, `HEAD ${path}`).toBe(0);
      expect(h.headers['content-type'], `HEAD ${path}`).toBe(got.headers.get('content-type') ?? undefined);
    }
    expect((await head(`${t.stack.url}/nowhere`)).status).toBe(404);
    expect((await head(`${t.stack.url}/admin/bodies`)).status).toBe(401);
  });
});

describe('a superseded draft', () => {
  it('is no longer served to the old link: 410 with a page saying why', async () => {
    const before = await fetch(`${oldLink}/pdf`, { redirect: 'manual' });
    expect(before.status).toBe(302);
    await t.upload(`drafts/${BODY}/p-rättad.pdf`, fixture('003-protokoll-draft.pdf'));
    await t.waitFor('superseded', async () => (await t.api<ProtocolView>(`/protocols/${first.id}`)).body.status === 'SUPERSEDED');
    const after = await fetch(`${oldLink}/pdf`, { redirect: 'manual' });
    expect(after.status).toBe(410);
    expect(after.headers.get('location')).toBeNull();
    expect(after.headers.get('content-type')).toContain('text/html');
    expect(await after.text()).toContain('Det finns en nyare version');
  });
});

describe('directory text', () => {
  it('refuses control characters (CR/LF above all) in every string, with 400', async () => {
    const put = (directory: unknown) =>
      t.api<{ error: string }>(`/admin/bodies/${BODY}`, { method: 'PUT', admin: true, body: JSON.stringify(directory), headers: { 'content-type': 'application/json' } });
    const good = mellansverige();
    const bad: [string, unknown][] = [
      ['name', { ...good, name: 'Nämnden\r\nBcc: x@example.org' }],
      ['name (trailing)', { ...good, name: 'Nämnden\n' }],
      ['organisation', { ...good, organisation: 'Region\u0000X' }],
      ['secretary.name', { ...good, secretary: { ...good.secretary, name: 'Eva\rLena' } }],
      ['members.name', { ...good, members: [{ ...good.members[0]!, name: 'Helena\u2028Proos' }, good.members[1]] }],
      ['members.role', { ...good, members: [{ ...good.members[0]!, role: 'ordförande\u0085' }, good.members[1]] }],
      ['secretary.email', { ...good, secretary: { ...good.secretary, email: 'a@example.se\r\nBcc: b@example.org' } }],
    ];
    for (const [what, directory] of bad) {
      const r = await put(directory);
      expect(r.status, what).toBe(400);
    }
    expect((await put(good)).status).toBe(200);
  });
});
