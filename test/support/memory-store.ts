// The storage port in memory, for the fast lane: the flows' rules tested
// without servers. Every method reads and writes without awaiting in between,
// so each one is as atomic as the single-item conditional write it stands for;
// test/contract/store-contract.ts holds it and the DynamoDB adapter to the same
// behaviour (the contract runs against dynalite in the full suite).
import type { ProtocolRecord } from '../../shared/domain/records';
import type { MeetingRecord } from '../../shared/domain/meetings';
import { searchField } from '../../shared/domain/text';
import type { ContentRepo, MeetingRepo, ProtocolRepo, Store } from '../../shared/store';
import { memoryRecords, page, type Rows } from './memory-records';

const HIGH = '\uffff';
const copy = <T>(value: T): T => structuredClone(value);

/** The date a protocol sorts by: its meeting, or the day it arrived when the minutes do not say. */
const sortDate = (p: ProtocolRecord) => p.date ?? p.receivedAt.slice(0, 10);

type Leased = ProtocolRecord & { leases?: Record<string, { holder: string; until: string }> };

function protocolRepo(rows: Map<string, Leased>): ProtocolRepo {
  const out = (p: Leased): ProtocolRecord => {
    const { leases: _leases, ...record } = copy(p);
    // A string set on DynamoDB: read back in sorted order.
    return { ...record, pending: [...record.pending].sort() };
  };
  const all = () => [...rows.values()];
  return {
    async create(p) {
      if (rows.has(p.id)) return false;
      // Nobody is pending before routing: the adapter does not store the set on create.
      rows.set(p.id, { ...copy(p), pending: [] });
      return true;
    },
    async get(id) {
      const p = rows.get(id);
      return p ? out(p) : null;
    },
    async transition(id, from, to, changes, event, guard) {
      const p = rows.get(id);
      if (!p || !from.includes(p.status)) return null;
      if (guard && (p.corrections?.length ?? 0) !== guard.corrections) return null;
      for (const [name, value] of Object.entries(changes)) if (value !== undefined) (p as unknown as Record<string, unknown>)[name] = copy(value);
      Object.assign(p, { status: to, statusSince: event.at, updatedAt: event.at });
      p.events.push({ ...event, status: to });
      return out(p);
    },
    async note(id, event) {
      const p = rows.get(id);
      if (!p) throw Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
      p.events.push(copy(event));
      p.updatedAt = event.at;
    },
    async removePending(id, signerId) {
      const p = rows.get(id);
      if (!p || p.status !== 'ROUTED' || !p.pending.includes(signerId)) return null;
      p.pending = p.pending.filter((s) => s !== signerId);
      return { pending: [...p.pending].sort() };
    },
    async completeAdjustment(id, at) {
      const p = rows.get(id);
      if (!p || p.status !== 'ROUTED' || p.pending.length) return false;
      Object.assign(p, { status: 'ADJUSTED', statusSince: at, updatedAt: at, adjustedAt: at });
      p.events.push({ at, type: 'adjusted', status: 'ADJUSTED', detail: 'Alla har justerat.' });
      return true;
    },
    async claim(id, work, holder, at, leaseMs) {
      const p = rows.get(id);
      if (!p) return false;
      const lease = p.leases?.[work];
      if (lease && lease.until >= at.toISOString() && lease.holder !== holder) return false;
      p.leases = { ...p.leases, [work]: { holder, until: new Date(at.getTime() + leaseMs).toISOString() } };
      return true;
    },
    async release(id, work, holder) {
      const p = rows.get(id);
      if (p?.leases?.[work]?.holder === holder) delete p.leases[work];
    },
    async withExpiredLease(status, work, now) {
      const until = now.toISOString();
      return all()
        .filter((p) => p.status === status && p.leases?.[work] && p.leases[work].until < until)
        .sort(byStatusSince)
        .map(out);
    },
    async list(query) {
      const lo = query.from ?? '0000';
      const hi = (query.to ?? '9999') + HIGH;
      const rowsInRange = all()
        .filter((p) => (!query.body || p.body === query.body) && sortDate(p) >= lo && sortDate(p) <= hi)
        .map((p) => ({ sort: `${sortDate(p)}#${p.id}`, value: p }));
      const scope = `protocols|${query.body ?? ''}|${lo}|${hi}`;
      const result = page(rowsInRange, scope, query.limit, query.cursor, (p) => !query.status || p.status === query.status);
      return { items: result.items.map(out), next: result.next };
    },
    async ofMeeting(body, date) {
      return all()
        .filter((p) => p.body === body && sortDate(p) === date)
        .sort((a, b) => a.id.localeCompare(b.id))
        .map(out);
    },
    async inStatus(status, before) {
      return all()
        .filter((p) => p.status === status && (!before || `${p.statusSince}#${p.id}` < before))
        .sort(byStatusSince)
        .map(out);
    },
  };
}

function byStatusSince(a: ProtocolRecord, b: ProtocolRecord): number {
  return `${a.statusSince}#${a.id}`.localeCompare(`${b.statusSince}#${b.id}`);
}

function meetingRepo(rows: Map<string, MeetingRecord>): MeetingRepo {
  return {
    async get(key) {
      const m = rows.get(key);
      return m ? copy(m) : null;
    },
    async claimCurrent(key, protocolId, order) {
      const m = rows.get(key);
      // Nothing adjusted yet, and no newer upload holds the meeting (holding it already is fine: a repeated delivery).
      if (m && (m.adjusted || (m.order !== null && m.order >= order && m.current !== protocolId))) return { won: false, meeting: copy(m) };
      const next: MeetingRecord = { key, current: protocolId, order, adjusted: null, members: [...new Set([...(m?.members ?? []), protocolId])].sort() };
      rows.set(key, next);
      return { won: true, meeting: copy(next) };
    },
    async claimAdjusted(key, protocolId) {
      const m = rows.get(key);
      if (m && ((m.current !== null && m.current !== protocolId) || (m.adjusted !== null && m.adjusted !== protocolId))) return false;
      const members = [...new Set([...(m?.members ?? []), protocolId])].sort();
      rows.set(key, { key, current: m?.current ?? protocolId, order: m?.order ?? null, adjusted: protocolId, members });
      return true;
    },
  };
}

function contentRepo(rows: Rows): ContentRepo {
  const decisionSort = (d: { date: string | null; protocolId: string; itemIndex: number; index: number }) =>
    `${d.date ?? '0000-00-00'}#${d.protocolId}#${String(d.itemIndex).padStart(4, '0')}#${String(d.index).padStart(2, '0')}`;
  const ofProtocol = (id: string) => [...rows.decisions.values()].filter((d) => d.record.protocolId === id);
  return {
    async putItems(items) {
      for (const i of items) rows.items.set(`${i.protocolId}#${i.index}`, copy(i));
    },
    async items(protocolId) {
      return [...rows.items.values()].filter((i) => i.protocolId === protocolId).sort((a, b) => a.index - b.index).map(copy);
    },
    async putDecisions(decisions) {
      for (const d of decisions) rows.decisions.set(`${d.protocolId}#${d.itemIndex}#${d.index}`, { record: copy(d), indexed: true });
    },
    async decisions(protocolId) {
      return ofProtocol(protocolId)
        .map((d) => copy(d.record))
        .sort((a, b) => a.itemIndex - b.itemIndex || a.index - b.index);
    },
    async setDecisionStatus(protocolId, status) {
      for (const d of ofProtocol(protocolId)) d.record.status = status;
    },
    async unindexDecisions(protocolId) {
      for (const d of ofProtocol(protocolId)) d.indexed = false;
    },
    async queryDecisions(query) {
      const lo = query.from ?? '0000';
      const hi = (query.to ?? '9999') + HIGH;
      const candidates = [...rows.decisions.values()]
        .filter((d) => d.indexed && (!query.body || d.record.body === query.body))
        .map((d) => ({ sort: decisionSort(d.record), value: d.record }))
        .filter((d) => d.sort >= lo && d.sort <= hi);
      const words = query.words ?? [];
      const matches = (d: (typeof candidates)[number]['value']) => {
        const search = searchField(`${d.itemTitle} ${d.text}`);
        return words.every((w) => search.includes(` ${w}`)) && (!query.status || d.status === query.status);
      };
      const scope = `decisions|${query.body ?? ''}|${lo}|${hi}`;
      const result = page(candidates, scope, query.limit, query.cursor, matches);
      return { items: result.items.map(copy), next: result.next };
    },
  };
}

/**
 * A fresh, empty store. With `jitter` (a seeded random source) every call
 * waits a random few turns of the event loop before and after it runs, as a
 * network round trip would: concurrent flows then interleave differently on
 * every seed, which is what a race test needs to explore.
 */
export function memoryStore(jitter?: () => number): Store {
  const rows: Rows = { items: new Map(), decisions: new Map() };
  const store: Store = {
    protocols: protocolRepo(new Map()),
    meetings: meetingRepo(new Map()),
    content: contentRepo(rows),
    ...memoryRecords(),
  };
  return jitter ? jittered(store, jitter) : store;
}

function jittered(store: Store, random: () => number): Store {
  const pause = async () => {
    for (let n = Math.floor(random() * 3); n > 0; n--) await new Promise((resolve) => setImmediate(resolve));
  };
  const wrap = <R extends object>(repo: R): R =>
    Object.fromEntries(
      Object.entries(repo).map(([name, method]) => [
        name,
        async (...args: unknown[]) => {
          await pause();
          const result: unknown = await (method as (...a: unknown[]) => Promise<unknown>).apply(repo, args);
          await pause();
          return result;
        },
      ]),
    ) as R;
  return Object.fromEntries(Object.entries(store).map(([name, repo]) => [name, wrap(repo as object)])) as unknown as Store;
}
