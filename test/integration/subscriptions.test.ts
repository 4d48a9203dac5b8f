// E-mail subscriptions end to end on the local stack (dynalite, s3rver, the
// outbox): subscribe, confirm (a page, then a POST), a notice goes up → one
// mail with a one-click unsubscribe link and the RFC 8058 headers → the
// one-click POST → the next notice of the body sends that address nothing.
// The table holds no address until the owner confirms.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/clients';
import { TABLE_NAME } from '../../infra/local/stack';
import { localPaths } from '../../infra/local/paths';
import { BENCH_BODY, renderSpec } from '../../bench/lib/generate';
import { benchDirectory } from '../../bench/lib/stack';
import { postSign, startTestStack, type Mail, type TestStack } from '../helpers/stack';

const ADDRESS = 'Invanare.Ek@Example.org';
const STORED = 'invanare.ek@example.org';
let t: TestStack;
/** Signing links already followed: each meeting's invitations are the new ones. */
const used = new Set<string>();

async function tableText(): Promise<string> {
  const db = documentClient('eu-north-1', t.dynamo.endpoint);
  // A test may Scan: it looks for the address anywhere in the table.
  const out = await db.send(new ScanCommand({ TableName: TABLE_NAME }));
  return JSON.stringify(out.Items ?? []).toLowerCase();
}

const form = (fields: Record<string, string>, origin?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
  body: new URLSearchParams(fields).toString(),
});

async function publishMeeting(date: string): Promise<string> {
  const key = `drafts/${BENCH_BODY.slug}/Protokoll ${date}.pdf`;
  await t.upload(key, (await renderSpec({ date, paragraphs: 3, seed: Number(date.slice(-2)) })).bytes);
  const id = (await t.protocolOf(key, 'ROUTED')).id;
  const invitations = await t.waitFor(`invitations of ${date}`, async () => {
    const mine = (await t.outbox()).filter((m) => m.subject.startsWith('Justering:') && !used.has(m.links[0]!));
    return mine.length >= 2 && mine;
  });
  for (const mail of invitations) {
    used.add(mail.links[0]!);
    expect((await postSign(mail.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(200);
  }
  await t.waitFor(`${date} PUBLISHED`, async () => (await t.api<{ status: string }>(`/protocols/${id}`)).body.status === 'PUBLISHED', 60_000);
  // The receipts go out after the subscribers' mails (publish sends those first).
  await t.waitFor(`receipts of ${date}`, async () => (await t.outbox()).some((m) => m.subject.startsWith('Justerat och anslaget') && m.to === 'sekreterare@example.se' && m.text.includes(date)));
  return id;
}

const noticeMails = async (): Promise<Mail[]> => (await t.outbox()).filter((m) => m.to === STORED && m.subject.startsWith('Anslag:'));

beforeAll(async () => {
  t = await startTestStack();
  await t.importBody(benchDirectory());
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

describe('an e-mail subscription to a body', () => {
  let unsubscribeLink = '';

  it('asks for the address on the body page, mails a confirmation link and stores no address before it is confirmed', async () => {
    const page = await fetch(`${t.stack.url}/prenumeration/${BENCH_BODY.slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`action="/prenumeration/${BENCH_BODY.slug}"`);

    const bad = await fetch(`${t.stack.url}/prenumeration/${BENCH_BODY.slug}`, form({ email: 'not an address', lang: 'sv' }, t.stack.url));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('aria-invalid="true"');

    const foreign = await fetch(`${t.stack.url}/prenumeration/${BENCH_BODY.slug}`, form({ email: ADDRESS, lang: 'sv' }, 'https://elsewhere.example'));
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('Formuläret skickades inte från den här webbplatsen.');

    const sent = await fetch(`${t.stack.url}/prenumeration/${BENCH_BODY.slug}`, form({ email: ADDRESS, lang: 'sv' }, t.stack.url));
    expect(sent.status).toBe(200);
    const answer = await sent.text();
    expect(answer).toContain('Titta i din e-post');
    expect(answer.toLowerCase()).not.toContain(STORED);

    const confirmation = await t.waitFor('confirmation mail', async () => (await t.outbox()).find((m) => m.to === STORED && m.subject.startsWith('Bekräfta')));
    const link = confirmation.links[0]!;
    expect(link).toMatch(/\/prenumeration\/bekrafta\/[A-Za-z0-9_-]{43}$/);
    const token = link.split('/').pop()!;
    const table = await tableText();
    expect(table).not.toContain(STORED);
    expect(table).not.toContain('invanare');
    expect(table).not.toContain(token.toLowerCase());

    // The link opens a page with a button; opening it (as a mail scanner would) confirms nothing.
    const opened = await fetch(link);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('<form method="post"');
    expect(await tableText()).not.toContain(STORED);

    const confirmed = await fetch(link, form({ lang: 'sv' }, t.stack.url));
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Prenumerationen är bekräftad');
    expect(await tableText()).toContain(STORED);
    // Single use: the same link again is refused.
    expect((await fetch(link, form({ lang: 'sv' }, t.stack.url))).status).toBe(404);
  });

  it('mails the subscriber when a notice goes up, with a one-click unsubscribe link in the RFC 8058 headers', async () => {
    const id = await publishMeeting('2026-11-10');
    const mails = await noticeMails();
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.text).toContain(`/protocols/${id}`);
    unsubscribeLink = mail.links.find((l) => l.includes('/prenumeration/avsluta/'))!;
    expect(unsubscribeLink).toMatch(/\/prenumeration\/avsluta\/[A-Za-z0-9_-]{43}$/);
    // The header section of the .eml, long lines unfolded (RFC 5322 §2.2.3).
    const raw = readFileSync(join(localPaths(join(t.dir, 'data')).outbox, `${mail.id}.eml`), 'utf8').split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    expect(raw).toContain(`List-Unsubscribe: <${unsubscribeLink}>`);
    expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    // Public pages and API answers name no subscriber.
    for (const path of [`/protocols/${id}`, '/notices', '/anslagstavla', `/feeds/${BENCH_BODY.slug}`, `/prenumeration/${BENCH_BODY.slug}`])
      expect((await (await fetch(`${t.stack.url}${path}`)).text()).toLowerCase(), path).not.toContain(STORED);
  }, 120_000);

  it('ends with the one-click POST (no page, no origin), and the next notice sends that address nothing', async () => {
    const page = await fetch(unsubscribeLink);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Avsluta prenumerationen');
    expect(await tableText()).toContain(STORED);

    const oneClick = await fetch(unsubscribeLink, form({ 'List-Unsubscribe': 'One-Click' }));
    expect(oneClick.status).toBe(200);
    expect(await tableText()).not.toContain(STORED);

    await publishMeeting('2026-11-24');
    expect(await noticeMails()).toHaveLength(1);
  }, 120_000);

  it('answers 429 with a page and Retry-After once an address asked too often this hour', async () => {
    const ask = () => fetch(`${t.stack.url}/prenumeration/${BENCH_BODY.slug}?lang=en`, form({ email: 'often@example.org', lang: 'en' }, t.stack.url));
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(200);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = await limited.text();
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('Too many requests');
    expect((await t.outbox()).filter((m) => m.to === 'often@example.org')).toHaveLength(3);
  });
});
