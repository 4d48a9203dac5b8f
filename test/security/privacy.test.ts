// No personal data in public: a protocol goes through a change request, a new
// revision and both signatures, made from a distinct address and browser; a
// second upload stops on an ambiguous directory. Then every public GET route
// (ROUTES minus admin and the personal signing links) and the text of the
// sealed PDF are scanned for e-mail addresses, IP addresses, the user agent
// and the comment. The private audit trail (admin) still has all of them, and
// its evidence hashes are the ones the public PDF prints.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/api/routes';
import { evidenceText } from '../../shared/signing/evidence';
import { fixture, mellansverige, startTestStack, type Mail, type ProtocolView, type TestStack } from '../helpers/stack';

const BODY = 'samverkansnamnd-mellansverige';
const AMBIGUOUS = 'tvetydig-namnd';
/** The signers act from an address and a browser nothing else uses, so any trace of them is theirs. */
const SIGNER_IP = '127.0.0.2';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) JusteraPrivacyProbe/1.0';
const COMMENT = 'Paragraf 8 anger fel datum för junimötet (kommentar-7f3a).';
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
/** Full or compressed ("::") IPv6; times like 18:56:00 and CSS like a::before are neither. */
const IPV6 = /\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*::[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*\b/i;

let t: TestStack;
let work: string;

/** A browser request from SIGNER_IP with USER_AGENT (fetch cannot choose its source address). */
function browse(url: string, form?: Record<string, string>): Promise<{ status: number; text: string }> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: form ? 'POST' : 'GET',
        localAddress: SIGNER_IP,
        headers: {
          'user-agent': USER_AGENT,
          'sec-fetch-site': 'same-origin',
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function act(link: string, form: Record<string, string>): Promise<number> {
  const page = await browse(link);
  const sha256 = /name="sha256" value="([0-9a-f]{64})"/.exec(page.text)?.[1] ?? '';
  return (await browse(link, { sha256, ...form })).status;
}

const invitations = async (since: number) =>
  (await t.outbox()).filter((m: Mail) => m.subject.startsWith('Justering:') && Date.parse(m.date) >= since);

/**
 * The PDF's objects with every stream decompressed (qpdf --qdf): dictionaries,
 * the Info and XMP metadata, content streams, scripts. Streams that are not
 * text (fonts, images) are left out: their random bytes now and then spell
 * something shaped like an address, and they carry none.
 */
function readableObjects(file: string): string {
  const plain = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-']).toString('latin1');
  return plain.replace(/stream\r?\n([\s\S]*?)endstream/g, (whole, body: string) => {
    const printable = body.replace(/[^\t\n\r\x20-\x7e\xa0-\xff]/g, '').length;
    return printable >= body.length * 0.95 ? whole : 'stream (binary) endstream';
  });
}

/** Every public GET route with every protocol id, as text; the sealed PDFs through pdftotext and as readable objects. */
async function publicText(): Promise<{ where: string; text: string }[]> {
  const ids = (await t.api<{ items: { id: string }[] }>('/protocols?limit=200')).body.items.map((p) => p.id);
  const out: { where: string; text: string }[] = [];
  const routes = ROUTES.filter((r) => r.method === 'GET' && !r.admin && !r.path.startsWith('/sign/'));
  for (const route of routes) {
    const paths = route.path.includes('{id}') ? ids.map((id) => route.path.replace('{id}', id)) : [route.path];
    for (const path of paths) {
      const r = await fetch(`${t.stack.url}${path}`, { redirect: 'manual' });
      if (r.status === 302) {
        const pdf = new Uint8Array(await (await fetch(r.headers.get('location')!)).arrayBuffer());
        const file = join(work, `${path.replace(/\W+/g, '-')}.pdf`);
        writeFileSync(file, pdf);
        out.push({ where: `${path} (pdftotext)`, text: execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }) });
        out.push({ where: `${path} (objects)`, text: readableObjects(file) });
      } else out.push({ where: path, text: await r.text() });
    }
  }
  // Listings with their filters, too.
  for (const path of [`/protocols?body=${BODY}`, '/protocols?status=CHANGES_REQUESTED', '/protocols?status=NEEDS_ATTENTION', `/decisions?body=${BODY}`])
    out.push({ where: path, text: await (await fetch(`${t.stack.url}${path}`)).text() });
  // The pages a browser gets for the same routes (Accept: text/html), in both languages.
  const pages = [...ids.map((id) => `/protocols/${id}`), ...ids.map((id) => `/protocols/${id}?lang=en`), '/protocols', `/protocols?status=CHANGES_REQUESTED`, `/beslut?body=${BODY}`];
  for (const path of pages) out.push({ where: `${path} (page)`, text: await (await fetch(`${t.stack.url}${path}`, { headers: { accept: 'text/html' } })).text() });
  return out;
}

function expectNothingPersonal(found: { where: string; text: string }[]): void {
  const base = new URL(t.stack.url).host; // 127.0.0.1:<port> in every link is the server, not a person
  for (const { where, text } of found) {
    const scanned = text.split(base).join('SERVER');
    expect(scanned, `${where}: e-mail address`).not.toMatch(EMAIL);
    expect(scanned.match(IPV4) ?? [], `${where}: IP address`).toEqual([]);
    expect(scanned, `${where}: IPv6 address`).not.toMatch(IPV6);
    expect(scanned, `${where}: user agent`).not.toContain('JusteraPrivacyProbe');
    expect(scanned, `${where}: comment`).not.toContain('kommentar-7f3a');
    expect(scanned, `${where}: comment`).not.toContain('fel datum för junimötet');
  }
}

let sealedId = '';

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'justera-privacy-'));
  t = await startTestStack();
  await t.importBody(mellansverige());
  const people = mellansverige().members;
  await t.importBody({
    ...mellansverige([...people, { name: 'Helena Proos', email: 'helena.proos2@example.se', role: 'ledamot' }]),
    slug: AMBIGUOUS,
    name: 'Tvetydig nämnd',
  });
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe('personal data in public', () => {
  it('a change request: its comment reaches the secretary, and no public route', async () => {
    const since = Date.now();
    await t.upload(`drafts/${BODY}/protokoll.pdf`, fixture('003-protokoll-draft.pdf'));
    const first = await t.protocolOf(`drafts/${BODY}/protokoll.pdf`, 'ROUTED');
    const mails = await t.waitFor('two invitations', async () => {
      const m = await invitations(since);
      return m.length === 2 && m;
    });
    const adjuster = mails.find((m) => m.to === 'justerare@example.se')!;
    expect(await act(adjuster.links[0]!, { action: 'request-changes', comment: COMMENT })).toBe(200);
    const p = await t.waitFor('changes requested', async () => {
      const v = (await t.api<ProtocolView>(`/protocols/${first.id}`)).body;
      return v.status === 'CHANGES_REQUESTED' && v;
    });
    expect(p.reason?.code).toBe('CHANGES_REQUESTED');
    const told = await t.waitFor('secretary mail', async () => (await t.outbox()).find((m) => m.subject.startsWith('Ändring begärd')));
    expect(told.to).toBe('sekreterare@example.se');
    expect(told.text).toContain('kommentar-7f3a');
    expectNothingPersonal(await publicText());
  });

  it('a revision signed by both, sealed and published, and an ambiguous directory: nothing personal anywhere public', async () => {
    const since = Date.now();
    await t.upload(`drafts/${BODY}/protokoll rättat.pdf`, fixture('003-protokoll-draft.pdf'));
    // The same bytes after a change request: the change is missing, and the secretary sends it anyway.
    const same = await t.protocolOf(`drafts/${BODY}/protokoll rättat.pdf`, 'NEEDS_ATTENTION');
    expect(same.reason?.code).toBe('CHANGE_MISSING');
    expect((await t.api(`/admin/protocols/${same.id}/route`, { method: 'POST', admin: true })).status).toBe(200);
    const revision = await t.protocolOf(`drafts/${BODY}/protokoll rättat.pdf`, 'ROUTED');
    sealedId = revision.id;
    const mails = await t.waitFor('new invitations', async () => {
      const m = await invitations(since);
      return m.length === 2 && m;
    });
    for (const mail of mails) expect(await act(mail.links[0]!, { action: 'sign', consent: 'on' })).toBe(200);
    await t.waitFor('published', async () => (await t.api<ProtocolView>(`/protocols/${revision.id}`)).body.status === 'PUBLISHED', 60_000);

    await t.upload(`drafts/${AMBIGUOUS}/protokoll.pdf`, fixture('003-protokoll-draft.pdf'));
    const stopped = await t.protocolOf(`drafts/${AMBIGUOUS}/protokoll.pdf`, 'NEEDS_ATTENTION');
    expect(stopped.reason?.sv).toContain('matchar flera personer');
    // The secretary's mail still tells the two apart.
    const problem = await t.waitFor('problem mail', async () => (await t.outbox()).find((m) => m.text.includes('helena.proos2@example.se')));
    expect(problem.to).toBe('sekreterare@example.se');

    const found = await publicText();
    expect(found.some((f) => f.where.endsWith('(pdftotext)') && f.text.includes('Granskningslogg'))).toBe(true);
    expectNothingPersonal(found);
  });

  it('the private audit trail (admin) keeps them, and its evidence hashes are the ones the sealed PDF prints', async () => {
    type Line = { at: string; type: 'signed' | 'changes-requested'; signerId?: string; email?: string; ip?: string; userAgent?: string; detail?: string; evidenceSalt?: string; evidenceSha256?: string };
    const all = await t.api<{ items: { id: string }[] }>('/protocols?limit=200');
    const trails = await Promise.all(all.body.items.map((p) => t.api<{ events: Line[] }>(`/protocols/${p.id}/audit`, { admin: true })));
    const request = trails.flatMap((r) => r.body.events).find((l) => l.type === 'changes-requested' && l.email)!;
    expect(request).toMatchObject({ email: 'justerare@example.se', ip: expect.stringContaining(SIGNER_IP), userAgent: USER_AGENT, detail: COMMENT });

    const signed = (await t.api<{ events: Line[] }>(`/protocols/${sealedId}/audit`, { admin: true })).body.events.filter((l) => l.type === 'signed');
    expect(signed).toHaveLength(2);
    const redirect = await fetch(`${t.stack.url}/protocols/${sealedId}/pdf`, { redirect: 'manual' });
    const file = join(work, 'sealed.pdf');
    writeFileSync(file, new Uint8Array(await (await fetch(redirect.headers.get('location')!)).arrayBuffer()));
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const line of signed) {
      expect(line).toMatchObject({ ip: expect.stringContaining(SIGNER_IP), userAgent: USER_AGENT });
      expect(text).toContain(line.evidenceSha256);
      // Whoever holds the private trail can recompute the printed hash from it.
      const again = evidenceText(sealedId, { id: line.signerId!, email: line.email!, comment: null }, { ...line, salt: line.evidenceSalt });
      expect(createHash('sha256').update(again).digest('hex')).toBe(line.evidenceSha256);
    }
  });
});
