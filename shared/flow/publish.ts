// SEALED → PUBLISHED: the decisions become adjusted in the index and the
// notice of adjustment goes up with its appeal period.
import { appealPeriod, stockholmDate } from '../domain/calendar';
import type { NoticeRecord } from '../domain/records';
import type { Deps } from '../ports';
import { protocolUrl } from './links';

export { protocolUrl };

export async function publishProtocol(deps: Deps, id: string): Promise<'published' | 'skipped'> {
  const p = await deps.store.protocols.get(id);
  if (!p) throw new Error(`protocol ${id} not found`);
  if (p.status !== 'SEALED') return 'skipped';
  await deps.store.content.setDecisionStatus(id, 'adjusted');

  // A retry on another day keeps the day the notice first went up.
  const existing = await deps.store.notices.get(id);
  const period = appealPeriod(existing?.postedOn ?? stockholmDate(deps.clock.now()));
  const notice: NoticeRecord = {
    protocolId: id,
    body: p.body,
    bodyName: p.bodyName ?? (await deps.store.bodies.get(p.body))?.name ?? p.body,
    meetingDate: p.date,
    adjustedOn: stockholmDate(new Date(p.adjustedAt ?? p.statusSince)),
    ...period,
    protocolUrl: protocolUrl(deps, id),
    pdfUrl: `${protocolUrl(deps, id)}/pdf`,
  };
  await deps.store.notices.put(notice);
  await deps.store.protocols.transition(id, ['SEALED'], 'PUBLISHED', { publishedAt: deps.clock.now().toISOString() }, {
    at: deps.clock.now().toISOString(),
    type: 'published',
    detail: `Anslaget ${notice.postedOn}; sista dag att överklaga ${notice.appealEndsOn}.`,
  });
  deps.metric('ProtocolsPublished');
  deps.log.info('stage', { stage: 'publish', protocolId: id, status: 'PUBLISHED', appealEndsOn: notice.appealEndsOn });
  return 'published';
}
