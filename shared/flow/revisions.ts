// Versions of one meeting's minutes. The meeting record (shared/domain/meetings.ts)
// decides, by one conditional write each, which upload holds the meeting and
// which version is adjusted; the protocols' own states follow it. Writes go
// meeting record first, protocol second, so that a process dying between the
// two leaves nothing that a repeat of the same step does not finish
// (docs/architecture.md, "One meeting, one record").
import { meetingKeyOf, uploadOrderOf } from '../domain/meetings';
import { ADJUSTED_STATUSES, OPEN_STATUSES, type ItemRecord, type ProtocolRecord } from '../domain/records';
import type { Deps } from '../ports';

export type Claim =
  | { kind: 'current'; previous: ProtocolRecord | null; older: ProtocolRecord[] }
  | { kind: 'outdated'; newer: string }
  | { kind: 'already-adjusted'; adjusted: string };

const newestFirst = (a: ProtocolRecord, b: ProtocolRecord) => (uploadOrderOf(a) < uploadOrderOf(b) ? 1 : -1);

/**
 * A newly read upload (still RECEIVED, its meeting date known) claims its
 * meeting: it holds it when it is the newest upload and nothing is adjusted.
 * Repeating this for the same upload gives the same answer.
 */
export async function claimMeeting(deps: Deps, protocol: ProtocolRecord): Promise<Claim> {
  // Meetings adjusted before meeting records existed are found in the index.
  const order = uploadOrderOf(protocol);
  const indexed = protocol.date ? await deps.store.protocols.ofMeeting(protocol.body, protocol.date) : [];
  const legacy = indexed.find((o) => o.id !== protocol.id && ADJUSTED_STATUSES.includes(o.status));
  if (legacy) return uploadOrderOf(legacy) > order ? { kind: 'outdated', newer: legacy.id } : { kind: 'already-adjusted', adjusted: legacy.id };

  const { won, meeting } = await deps.store.meetings.claimCurrent(meetingKeyOf(protocol), protocol.id, order);
  if (!won) {
    // An upload older than the adjusted version is merely outdated; a newer one comes too late.
    if (meeting?.adjusted && !(meeting.order && order < meeting.order)) return { kind: 'already-adjusted', adjusted: meeting.adjusted };
    return { kind: 'outdated', newer: meeting?.current ?? meeting?.adjusted ?? '' };
  }
  const ids = new Set([...(meeting?.members ?? []), ...indexed.map((o) => o.id)]);
  ids.delete(protocol.id);
  const others = (await Promise.all([...ids].map((id) => deps.store.protocols.get(id)))).filter((o): o is ProtocolRecord => o !== null);
  const before = others.filter((o) => uploadOrderOf(o) < order).sort(newestFirst);
  return {
    kind: 'current',
    // The version signers last saw: the most recent older one that was sent out.
    previous: before.find((o) => (OPEN_STATUSES.includes(o.status) || o.status === 'SUPERSEDED') && o.deadline) ?? null,
    older: before.filter((o) => OPEN_STATUSES.includes(o.status)),
  };
}

/** Only the holder of the meeting calls this: the versions it replaces can no longer be adjusted. */
export async function supersedeOlder(deps: Deps, protocol: Pick<ProtocolRecord, 'id'>, older: ProtocolRecord[]): Promise<void> {
  for (const old of older) await retire(deps, old, protocol.id, `Ersatt av en nyare version (${protocol.id}).`);
}

async function retire(deps: Deps, old: Pick<ProtocolRecord, 'id'>, by: string, detail: string): Promise<boolean> {
  const moved = await deps.store.protocols.transition(old.id, OPEN_STATUSES, 'SUPERSEDED', { supersededBy: by }, { at: deps.clock.now().toISOString(), type: 'superseded', detail });
  if (moved) {
    await deps.store.content.unindexDecisions(old.id);
    deps.metric('ProtocolsSuperseded');
    deps.log.info('stage', { protocolId: old.id, status: 'SUPERSEDED', by });
  }
  return moved !== null;
}

/**
 * Whether the protocol still holds its meeting, so that routing it makes
 * sense; a version that a newer upload or an adjusted version displaced is
 * superseded here instead (its own replacement may not have got to it yet).
 */
export async function holdsMeeting(deps: Deps, p: ProtocolRecord): Promise<boolean> {
  const meeting = await deps.store.meetings.get(meetingKeyOf(p));
  const holder = meeting?.adjusted ?? meeting?.current;
  // No record: a protocol from before meeting records, which holds its meeting as it did then.
  if (!holder || holder === p.id) return true;
  await retire(deps, p, holder, `En annan version av protokollet (${holder}) gäller för sammanträdet.`);
  return false;
}

/**
 * The last signature: the version becomes its meeting's adjusted one only if
 * it still holds the meeting (one conditional write on the meeting record);
 * otherwise it is superseded and its signatures count for nothing.
 */
export async function claimAdjustment(deps: Deps, p: ProtocolRecord): Promise<boolean> {
  if (await deps.store.meetings.claimAdjusted(meetingKeyOf(p), p.id)) return true;
  const meeting = await deps.store.meetings.get(meetingKeyOf(p));
  const holder = meeting?.adjusted ?? meeting?.current ?? '';
  await retire(deps, p, holder, `En nyare version av protokollet (${holder}) gäller för sammanträdet.`);
  return false;
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
