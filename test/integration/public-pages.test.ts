// The public pages through the local runtime on real dynalite and s3rver: a
// protocol is uploaded, adjusted by both signers, sealed and published; then
// a browser (Accept: text/html) and an API client ask for the same things.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/clients';
import { dynamoStore } from '../../shared/adapters/dynamo';
import { TABLE_NAME } from '../../infra/local/stack';
import { checkAtom } from '../support/atom-check';
import { adjustedFixture, mellansverige, startTestStack, type TestStack } from '../helpers/stack';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const KEY = 'drafts/samverkansnamnd-mellansverige/Protokoll 2025-02-14.pdf';
let t: TestStack;
let id: string;

interface DecisionOut {
  protocolId: string;
  item: string;
  text: string;
}

async function get(path: string, accept?: string): Promise<{ status: number; type: string; vary: string; body: string }> {
  const r = await fetch(`${t.stack.url}${path}`, { headers: accept ? { accept } : {} });
  return { status: r.status, type: r.headers.get('content-type') ?? '', vary: r.headers.get('vary') ?? '', body: await r.text() };
}

beforeAll(async () => {
  t = await startTestStack();
  id = await adjustedFixture(t, KEY);
});

afterAll(async () => {
  await t?.stop();
});

describe('/beslut', () => {
  it('finds what GET /decisions finds for the same words, with § and a link to the protocol page', async () => {
    const api = (await t.api<{ items: DecisionOut[] }>('/decisions?q=justera%20protokoll&status=adjusted')).body.items;
    expect(api.length).toBeGreaterThan(0);
    const page = await get('/beslut?q=JUSTERA+Protokoll&body=&from=&to=', BROWSER);
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    const shown = page.body.match(/<li><p class="kicker">/g) ?? [];
    expect(shown).toHaveLength(api.length);
    for (const d of api) expect(page.body).toContain(`<bdi>${d.item}</bdi>`);
    expect(page.body).toContain(`href="/protocols/${id}"`);
  });

  it('ignores diacritics and case as the API does, and filters by body and dates', async () => {
    const all = await get('/beslut?body=samverkansnamnd-mellansverige&from=2025-02-14&to=2025-02-14');
    expect(all.body.match(/<li><p class="kicker">/g)).toHaveLength(11);
    const none = await get('/beslut?body=samverkansnamnd-mellansverige&from=2025-02-15');
    expect(none.body).toContain('Inga justerade beslut matchar sökningen.');
  });

  it('refuses a reversed range or a forged cursor with 400 and the reason on the page', async () => {
    const reversed = await get('/beslut?from=2025-03-01&to=2025-01-01');
    expect(reversed.status).toBe(400);
    expect(reversed.type).toContain('text/html');
    expect(reversed.body).toContain('from must not be after to');
    const forged = await get('/beslut?cursor=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('role="alert"');
  });

  it('is in English with lang=en', async () => {
    const en = await get('/beslut?lang=en&q=protokoll');
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain(`href="/protocols/${id}?lang=en"`);
  });
});

describe('/protocols for a browser and for a program', () => {
  it('answers a browser with the protocol page: §§, decisions, notice, PDF link, seal in words, no e-mail', async () => {
    const page = await get(`/protocols/${id}`, BROWSER);
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.vary).toMatch(/Accept/i);
    expect(page.body).toContain('<h1><bdi>Samverkansnämnd Sjukvårdsregion Mellansverige</bdi></h1>');
    expect(page.body).toContain('<bdi>§ 8</bdi>');
    expect(page.body).toContain('Sista dag för överklagande');
    expect(page.body).toContain(`href="${t.stack.url}/protocols/${id}/pdf"`);
    expect(page.body).toContain('Kontroll av förseglingen');
    const detail = (await t.api<{ signedSha256: string }>(`/protocols/${id}`)).body;
    expect(page.body).toContain(detail.signedSha256);
    const certs = (await t.api<{ certificates: { sha256: string }[] }>('/seal-certificates')).body.certificates;
    expect(certs.length).toBeGreaterThan(0);
    for (const c of certs) expect(page.body).toContain(c.sha256);
    // The signers signed from 127.0.0.1 with Node's fetch: neither address nor agent may show, only the stack's own URLs.
    expect(page.body).not.toMatch(/@example\.se/i);
    const audit = (await t.api<{ events: { type: string; userAgent?: string }[] }>(`/protocols/${id}/audit`, { admin: true })).body.events;
    const agents = audit.filter((e) => e.type === 'signed').map((e) => e.userAgent!);
    expect(agents).toHaveLength(2);
    for (const agent of agents) expect(page.body).not.toContain(agent);
    expect(page.body.split(t.stack.url).join('')).not.toContain('127.0.0.1');
  });

  it('answers JSON to application/json, to */* and without Accept', async () => {
    for (const accept of ['application/json', '*/*', undefined]) {
      const r = await get(`/protocols/${id}`, accept);
      expect(r.type, String(accept)).toBe('application/json; charset=utf-8');
      expect((JSON.parse(r.body) as { id: string }).id).toBe(id);
    }
  });

  it('lists published protocols for a browser, and every protocol as JSON', async () => {
    const page = await get('/protocols', BROWSER);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain(`href="/protocols/${id}"`);
    const en = await get('/protocols?lang=en', BROWSER);
    expect(en.status).toBe(200);
    expect(en.body).toContain(`href="/protocols/${id}?lang=en"`);
    expect((await get('/protocols?lang=en')).status).toBe(400);
    const json = await get('/protocols');
    expect((JSON.parse(json.body) as { items: { id: string }[] }).items.map((p) => p.id)).toContain(id);
  });

  it('refuses a bad query as before, for a browser too', async () => {
    expect((await get('/protocols?from=nope', BROWSER)).status).toBe(400);
  });
});

describe('/tillganglighet', () => {
  it('is served in Swedish and English and linked from the other pages', async () => {
    const sv = await get('/tillganglighet');
    expect(sv.status).toBe(200);
    expect(sv.body).toContain('<h1>Tillgänglighetsredogörelse</h1>');
    expect((await get('/tillganglighet?lang=en')).body).toContain('<h1>Accessibility statement</h1>');
    for (const path of ['/anslagstavla', '/beslut', `/protocols/${id}`]) expect((await get(path, BROWSER)).body, path).toContain('href="/tillganglighet"');
  });
});

describe('/anslagstavla/arkiv', () => {
  it('lists a notice taken down after its appeal period, as taken down, and the board no longer shows it', async () => {
    // The stack's clock is the real one: a notice of an earlier protocol whose take-down day has passed, written through the real adapter.
    const store = dynamoStore(documentClient('eu-north-1', t.dynamo.endpoint), TABLE_NAME);
    const current = (await store.notices.get(id))!;
    const old = { ...current, protocolId: 'a'.repeat(20), meetingDate: '2024-01-10', adjustedOn: '2024-01-15', postedOn: '2024-01-16', appealEndsOn: '2024-02-06', takeDownOn: '2024-02-07' };
    await store.notices.put(old);
    const archive = await get('/anslagstavla/arkiv');
    expect(archive.status).toBe(200);
    expect(archive.body).toContain('href="/protocols/aaaaaaaaaaaaaaaaaaaa"');
    expect(archive.body).toContain('nedtaget <time datetime="2024-02-07">2024-02-07</time>');
    expect(archive.body).not.toContain(`href="/protocols/${id}"`);
    const board = await get('/anslagstavla');
    expect(board.body).not.toContain('aaaaaaaaaaaaaaaaaaaa');
    expect(board.body).toContain(id);
    expect(board.body).toContain('href="/anslagstavla/arkiv"');
  });
});

describe('/feeds', () => {
  it('serves every body and one body as valid Atom, the published protocol an entry with its page, PDF and notice', async () => {
    for (const path of ['/feeds', '/feeds/samverkansnamnd-mellansverige']) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.type).toBe('application/atom+xml; charset=utf-8');
      const feed = checkAtom(r.body);
      expect(feed.id).toBe(`${t.stack.url}${path}`);
      const entry = feed.entries.find((e) => e.id === `${t.stack.url}/protocols/${id}`)!;
      expect(entry.link).toBe(`${t.stack.url}/protocols/${id}`);
      expect(entry.enclosure).toBe(`${t.stack.url}/protocols/${id}/pdf`);
      expect(entry.title).toBe('Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-14: protokollet är justerat');
      const notice = (await t.api<{ notice: { appealEndsOn: string } }>(`/protocols/${id}`)).body.notice;
      expect(entry.summary).toContain(`Sista dag för överklagande: ${notice.appealEndsOn}.`);
      expect(feed.updated >= entry.updated).toBe(true);
      expect(r.body).not.toMatch(/@example\.se/);
    }
  });

  it('has no entry of another body, and 404 for a body without a directory', async () => {
    await t.importBody({ ...mellansverige(), slug: 'annan-namnd', name: 'Annan nämnd' });
    expect(checkAtom((await get('/feeds/annan-namnd')).body).entries).toEqual([]);
    expect((await get('/feeds/ingen-sadan')).status).toBe(404);
    expect((await get('/feeds/Not..a..slug')).status).toBe(404);
  });
});
