// SEALED → PUBLISHED: the decisions become adjusted in the index and the
// notice of adjustment goes up with its appeal period.
import { appealPeriod, stockholmDate } from '../domain/calendar';
import type { ItemRecord, NoticeRecord, ProtocolRecord } from '../domain/records';
import { ATTACH_LIMIT_BYTES, receipt } from '../mail/messages';
import type { Deps } from '../ports';
import { protocolUrl } from './links';
import { secretaryAddress, sendOnce } from './notify';
import { mailSubscribers } from './subscriptions';

export { protocolUrl };

export async function publishProtocol(deps: Deps, id: string): Promise<'published' | 'skipped'> {
  const p = await deps.store.protocols.get(id);
  if (!p) throw new Error(`protocol ${id} not found`);
  if (p.status === 'PUBLISHED') {
    const notice = await deps.store.notices.get(id);
    if (notice) await sendReceipts(deps, p, notice);
    return 'skipped';
  }
  if (p.status !== 'SEALED') return 'skipped';
  await deps.store.content.setDecisionStatus(id, 'adjusted');

  // A retry on another day keeps the day the notice first went up.
  const existing = await deps.store.notices.get(id);
  const period = appealPeriod(existing?.postedOn ?? stockholmDate(deps.clock.now()));
  const directory = await deps.store.bodies.get(p.body);
  const notice: NoticeRecord = {
    protocolId: id,
    body: p.body,
    bodyName: p.bodyName ?? directory?.name ?? p.body,
    kind: p.kind,
    meetingDate: p.date,
    paragraphs: paragraphRange(await deps.store.content.items(id)),
    adjustedOn: stockholmDate(new Date(p.adjustedAt ?? p.statusSince)),
    ...period,
    keptAt: directory?.keptAt ?? null,
    protocolUrl: protocolUrl(deps, id),
    pdfUrl: `${protocolUrl(deps, id)}/pdf`,
  };
  await deps.store.notices.put(notice);
  const moved = await deps.store.protocols.transition(id, ['SEALED'], 'PUBLISHED', { publishedAt: deps.clock.now().toISOString() }, {
    at: deps.clock.now().toISOString(),
    type: 'published',
    detail: `Anslaget ${notice.postedOn}; sista dag att överklaga ${notice.appealEndsOn}.`,
  });
  // A retry after the transition finds PUBLISHED and sends whatever receipts the ledger has not recorded.
  await sendReceipts(deps, moved ?? (await deps.store.protocols.get(id)) ?? p, notice);
  deps.metric('ProtocolsPublished');
  deps.log.info('stage', { stage: 'publish', protocolId: id, status: 'PUBLISHED', appealEndsOn: notice.appealEndsOn });
  return 'published';
}

/** "§ 1–12" (or "1–5" for numbered notes): the first and the last item as the document numbers them. */
export function paragraphRange(items: Pick<ItemRecord, 'index' | 'number'>[]): string | null {
  const sorted = [...items].sort((a, b) => a.index - b.index);
  const first = sorted[0]?.number;
  const last = sorted.at(-1)?.number;
  if (!first || !last) return null;
  if (first === last) return first;
  const sign = /^§\s*/.exec(first)?.[0] ?? '';
  return `${first}–${last.startsWith(sign) ? last.slice(sign.length) : last}`;
}

/** Every signer and the secretary get the sealed PDF (or its link), the notice date and the last day to appeal; once each. */
async function sendReceipts(deps: Deps, p: ProtocolRecord, notice: NoticeRecord): Promise<void> {
  await mailSubscribers(deps, notice);
  const recipients = new Set((await deps.store.signers.all(p.id)).map((s) => s.email));
  const secretary = await secretaryAddress(deps, p.body);
  if (secretary) recipients.add(secretary);
  if (!recipients.size) return;
  const directory = await deps.store.bodies.get(p.body);
  let pdf: Uint8Array | null = null;
  if (p.signedKey) {
    const info = await deps.files.head(p.signedKey);
    if (info && info.size <= ATTACH_LIMIT_BYTES) pdf = (await deps.files.get(p.signedKey)).bytes;
  }
  const boardUrl = `${deps.config.JUSTERA_PUBLIC_URL.replace(/\/$/, '')}/anslagstavla`;
  for (const to of recipients)
    await sendOnce(deps, `receipt#${p.id}#${to}`, receipt({ protocol: p, notice, to, replyTo: directory?.secretary.email ?? null, pdf, pdfUrl: notice.pdfUrl, boardUrl }));
}
