// A new upload for the same body and meeting date (or the same key) replaces
// the earlier version while that is still open; after adjustment nothing
// replaces it. Events may arrive out of order, so "newer" is decided by when
// the upload happened, not by when it was processed.
import { ADJUSTED_STATUSES, OPEN_STATUSES, type ItemRecord, type ProtocolRecord } from '../domain/records';
import type { Deps } from '../ports';

export type Revision =
  | { kind: 'first'; older: ProtocolRecord[] }
  | { kind: 'replaces'; previous: ProtocolRecord; older: ProtocolRecord[] }
  | { kind: 'outdated'; newer: ProtocolRecord; older: ProtocolRecord[] }
  | { kind: 'already-adjusted'; adjusted: ProtocolRecord; older: ProtocolRecord[] };

function newer(a: ProtocolRecord, b: ProtocolRecord): boolean {
  return a.receivedAt > b.receivedAt || (a.receivedAt === b.receivedAt && a.id > b.id);
}

export async function decideRevision(deps: Deps, protocol: ProtocolRecord): Promise<Revision> {
  const found = [
    ...(protocol.date ? await deps.store.protocols.ofMeeting(protocol.body, protocol.date) : []),
    ...(await deps.store.protocols.ofSource(protocol.source.key)),
  ];
  const others = [...new Map(found.filter((o) => o.id !== protocol.id && o.body === protocol.body).map((o) => [o.id, o])).values()];
  const adjusted = others.find((o) => ADJUSTED_STATUSES.includes(o.status));
  const older = others.filter((o) => !newer(o, protocol) && OPEN_STATUSES.includes(o.status));
  if (adjusted) return { kind: 'already-adjusted', adjusted, older: [] };
  const later = others.filter((o) => newer(o, protocol) && !['REJECTED'].includes(o.status)).sort((a, b) => (newer(a, b) ? -1 : 1));
  if (later[0]) return { kind: 'outdated', newer: later[0], older: [] };
  // The version signers last saw: the most recent older one that was sent out.
  const previous = others
    .filter((o) => !newer(o, protocol) && (OPEN_STATUSES.includes(o.status) || o.status === 'SUPERSEDED') && o.deadline)
    .sort((a, b) => (newer(a, b) ? -1 : 1))[0];
  return previous ? { kind: 'replaces', previous, older } : { kind: 'first', older };
}

export async function supersedeOlder(deps: Deps, protocol: ProtocolRecord, older: ProtocolRecord[]): Promise<void> {
  for (const old of older) {
    const moved = await deps.store.protocols.transition(
      old.id,
      OPEN_STATUSES,
      'SUPERSEDED',
      { supersededBy: protocol.id },
      { at: deps.clock.now().toISOString(), type: 'superseded', detail: `Ersatt av en nyare version (${protocol.id}).` },
    );
    if (moved) {
      await deps.store.content.unindexDecisions(old.id);
      deps.log.info('stage', { stage: 'parse', protocolId: old.id, status: 'SUPERSEDED', by: protocol.id });
    }
  }
}

/** Paragraphs whose title or text differ between two versions, for the mail to signers. */
export function changedItems(before: ItemRecord[], after: ItemRecord[]): string[] {
  const old = new Map(before.map((i) => [i.number, i]));
  const now = new Map(after.map((i) => [i.number, i]));
  const changed: string[] = [];
  for (const item of after) {
    const was = old.get(item.number);
    if (!was) changed.push(`${item.number} ${item.title} (ny)`);
    else if (was.title !== item.title || was.text !== item.text) changed.push(`${item.number} ${item.title}`);
  }
  for (const item of before) if (!now.has(item.number)) changed.push(`${item.number} ${item.title} (borttagen)`);
  return changed;
}
