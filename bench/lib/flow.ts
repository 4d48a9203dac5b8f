// Following protocols through the local stack from the outside, as a client
// sees them: uploads, the mails they cause, signatures, the status in the API.
// Times are this process's clock (the stack runs in it too), in ms since the epoch.
import type { OutboxEntry } from '../../shared/pages/outbox';
import { BENCH_BODY, renderSpec } from './generate';
import { signLink, type BenchStack } from './stack';

export interface Tracked {
  index: number;
  date: string;
  key: string;
  bytes: Uint8Array;
  uploadAt: number | null;
  mails: OutboxEntry[];
  signPosts: { at: number; status: number }[];
  protocolId: string | null;
  status: string | null;
  sealedAt: number | null;
  publishedAt: number | null;
}

/** "Justering: Kommunstyrelsen i Benchby 2027-01-05" → "2027-01-05". */
export function dateOfSubject(subject: string): string | null {
  return /(\d{4}-\d{2}-\d{2})$/.exec(subject)?.[1] ?? null;
}

export const isInvitation = (m: OutboxEntry) => m.subject.startsWith('Justering:');
export const isRoutedNotice = (m: OutboxEntry) => m.subject.startsWith('Skickat för justering:');
export const isSealedNotice = (m: OutboxEntry) => m.subject.startsWith('Justerat:');

/** Meeting dates one day apart from a start: a new upload for the same body and date would supersede the older one. */
export function meetingDates(count: number, start = '2027-01-04'): string[] {
  const first = Date.parse(`${start}T12:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(first + i * 86_400_000).toISOString().slice(0, 10));
}

/** Short minutes (two pages), one per meeting date, each with its own text. */
export async function draftsFor(dates: string[]): Promise<Tracked[]> {
  const out: Tracked[] = [];
  for (const [index, date] of dates.entries()) {
    const { bytes } = await renderSpec({ date, paragraphs: 6, seed: 1000 + index });
    out.push({
      index,
      date,
      key: `drafts/${BENCH_BODY.slug}/Protokoll ${date}.pdf`,
      bytes,
      uploadAt: null,
      mails: [],
      signPosts: [],
      protocolId: null,
      status: null,
      sealedAt: null,
      publishedAt: null,
    });
  }
  return out;
}

export async function upload(t: BenchStack, p: Tracked): Promise<void> {
  p.uploadAt = Date.now();
  await t.upload(p.key, p.bytes);
}

/** Files new outbox mail under the protocol of its meeting date; returns how many were new. */
export async function collectMail(t: BenchStack, byDate: Map<string, Tracked>): Promise<number> {
  const fresh = await t.newMail();
  for (const mail of fresh) {
    const date = dateOfSubject(mail.subject);
    const p = date ? byDate.get(date) : undefined;
    if (p) p.mails.push(mail);
  }
  return fresh.length;
}

/** Invitations to each signer and the secretary's "sent for adjustment" notice: everything an upload causes. */
export function mailsComplete(p: Tracked, signers: number): boolean {
  return p.mails.filter(isInvitation).length >= signers && p.mails.some(isRoutedNotice);
}

/** Upload → the last of the mails it caused (the outbox stamps each mail when it is sent). */
export function mailLatency(p: Tracked): number | null {
  const relevant = p.mails.filter((m) => isInvitation(m) || isRoutedNotice(m));
  if (p.uploadAt === null || relevant.length === 0) return null;
  return Math.max(...relevant.map((m) => Date.parse(m.date))) - p.uploadAt;
}

/** The last signature (its POST) → the signed PDF stored (sealedAt, recorded right after the file is written). */
export function sealLatency(p: Tracked): number | null {
  if (p.sealedAt === null || p.signPosts.length === 0) return null;
  return p.sealedAt - Math.max(...p.signPosts.map((s) => s.at));
}

/** Signs every invitation of the protocol; `parallel` posts them at once, else one after the other. */
export async function signAll(p: Tracked, parallel: boolean): Promise<void> {
  const links = p.mails.filter(isInvitation).map((m) => m.links[0]).filter((l): l is string => Boolean(l));
  const sign = async (link: string) => {
    const r = await signLink(link);
    p.signPosts.push({ at: r.postAt, status: r.status });
  };
  if (parallel) await Promise.all(links.map(sign));
  else for (const link of links) await sign(link);
}

export interface Summary {
  id: string;
  date: string | null;
  status: string;
}

/** Every protocol of a body (all pages of the list). */
export async function protocolsOf(t: BenchStack, body: string, range: { from?: string; to?: string } = {}): Promise<Summary[]> {
  const out: Summary[] = [];
  let cursor: string | null = null;
  do {
    const q: URLSearchParams = new URLSearchParams({ body, limit: '200', ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}), ...(cursor ? { cursor } : {}) });
    const r: { status: number; body: { items: Summary[]; next: string | null } } = await t.api(`/protocols?${q}`);
    if (r.status !== 200) throw new Error(`GET /protocols: ${r.status}`);
    out.push(...r.body.items);
    cursor = r.body.next;
  } while (cursor);
  return out;
}

export interface Detail {
  id: string;
  status: string;
  date: string | null;
  source: { key: string };
  sealedAt: string | null;
  publishedAt: string | null;
  signers: { name: string; status: string }[];
}

export async function detailOf(t: BenchStack, id: string): Promise<Detail> {
  const r = await t.api<Detail>(`/protocols/${id}`);
  if (r.status !== 200) throw new Error(`GET /protocols/${id}: ${r.status}`);
  return r.body;
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `done` returns true; false on timeout. */
export async function until(done: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await done()) return true;
    await sleep(everyMs);
  }
  return false;
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
