// Records as the API shows them: no e-mail addresses, tokens or hashes of
// tokens ever leave through a public endpoint.
import type { z } from 'zod';
import type { DecisionRecord, ItemRecord, NoticeRecord, ProtocolRecord, SignerRecord } from '../domain/records';
import type { decisionView, noticeView, protocolDetail, protocolSummary } from './schemas';

export function baseUrl(publicUrl: string): string {
  return publicUrl.replace(/\/$/, '');
}

export function summaryView(p: ProtocolRecord, base: string): z.infer<typeof protocolSummary> {
  return {
    id: p.id,
    body: p.body,
    bodyName: p.bodyName,
    kind: p.kind,
    date: p.date,
    status: p.status,
    reason: p.reason,
    receivedAt: p.receivedAt,
    statusSince: p.statusSince,
    items: p.itemCount,
    decisions: p.decisionCount,
    url: `${base}/protocols/${p.id}`,
  };
}

export function decisionOut(d: DecisionRecord, base: string): z.infer<typeof decisionView> {
  return {
    protocolId: d.protocolId,
    body: d.body,
    bodyName: d.bodyName,
    date: d.date,
    item: d.itemNumber,
    itemTitle: d.itemTitle,
    text: d.text,
    status: d.status,
    url: `${base}/protocols/${d.protocolId}`,
  };
}

export function noticeOut(n: NoticeRecord): z.infer<typeof noticeView> {
  // Notices posted before these fields were kept answer null for them.
  return { ...n, kind: n.kind ?? null, paragraphs: n.paragraphs ?? null, keptAt: n.keptAt ?? null };
}

export function detailView(
  p: ProtocolRecord,
  items: ItemRecord[],
  decisions: DecisionRecord[],
  signers: SignerRecord[],
  notice: NoticeRecord | null,
  base: string,
): z.infer<typeof protocolDetail> {
  return {
    ...summaryView(p, base),
    time: p.time,
    place: p.place,
    chair: p.chair,
    adjusters: p.adjusters,
    secretary: p.secretary,
    attendees: p.attendees,
    signatures: p.signatures.map((s) => ({ name: s.name, place: s.place, date: s.date })),
    warnings: p.warnings,
    source: { key: p.source.key, size: p.source.size },
    draftSha256: p.draftSha256,
    pages: p.pages,
    supersedes: p.supersedes,
    supersededBy: p.supersededBy,
    deadline: p.deadline,
    adjustedAt: p.adjustedAt,
    signedSha256: p.signedSha256,
    sealedAt: p.sealedAt,
    publishedAt: p.publishedAt,
    signers: signers.map((s) => ({ name: s.name, role: s.role, status: s.status, signedAt: s.signature?.at ?? null })),
    contents: items.map((i) => ({
      number: i.number,
      title: i.title,
      text: i.text,
      decisions: decisions.filter((d) => d.itemIndex === i.index).sort((a, b) => a.index - b.index).map((d) => ({ text: d.text, status: d.status })),
    })),
    notice: notice ? noticeOut(notice) : null,
    pdf: p.signedKey ? `${base}/protocols/${p.id}/pdf` : null,
    validation: p.signedKey ? `${base}/protocols/${p.id}/validation` : null,
  };
}
