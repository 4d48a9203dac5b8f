// The smaller record kinds of the in-memory store (see memory-store.ts), and
// the paging both use: newest first, an opaque cursor that only fits the
// listing it came from (a forged or foreign one is a BadCursorError, as on DynamoDB).
import type {
  BodyDirectory,
  DeadLetterRecord,
  DecisionRecord,
  ItemRecord,
  NoticeRecord,
  SecretaryLinkRecord,
  SignerRecord,
  SignerStatus,
} from '../../shared/domain/records';
import { BadCursorError, type BodyRepo, type DeadLetterRepo, type MailLedger, type NoticeRepo, type Page, type SecretaryLinkRepo, type SignerRepo, type Store } from '../../shared/store';

import { memorySubscriptions } from './memory-subscriptions';

const copy = <T>(value: T): T => structuredClone(value);

export interface Rows {
  items: Map<string, ItemRecord>;
  /** Decisions, and whether they are still in the body and global indexes (a superseded draft's are not). */
  decisions: Map<string, { record: DecisionRecord; indexed: boolean }>;
}

/** One page of `rows` in descending order of `sort`, counting only those that pass `keep`. */
export function page<T>(rows: { sort: string; value: T }[], scope: string, limit: number, cursor: string | undefined, keep: (value: T) => boolean): Page<T> {
  let after: string | undefined;
  if (cursor) {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw new BadCursorError();
    }
    const c = decoded as { scope?: unknown; after?: unknown } | null;
    if (!c || typeof c !== 'object' || c.scope !== scope || typeof c.after !== 'string') throw new BadCursorError();
    after = c.after;
  }
  const ordered = rows.filter((r) => after === undefined || r.sort < after).sort((a, b) => (a.sort < b.sort ? 1 : a.sort > b.sort ? -1 : 0));
  const items: T[] = [];
  for (const [i, row] of ordered.entries()) {
    if (!keep(row.value)) continue;
    items.push(row.value);
    if (items.length === limit) {
      const more = i < ordered.length - 1;
      return { items, next: more ? Buffer.from(JSON.stringify({ scope, after: row.sort })).toString('base64url') : null };
    }
  }
  return { items, next: null };
}

type StoredSigner = SignerRecord & { withdrawnFrom?: SignerStatus; lastViewedAt?: string };

function signerRepo(): SignerRepo {
  const rows = new Map<string, StoredSigner>();
  const tokens = new Map<string, { protocolId: string; signerId: string }>();
  const at = (protocolId: string, signerId: string) => rows.get(`${protocolId}#${signerId}`);
  const mayAct = (s: StoredSigner | undefined, tokenHash: string, now: string): s is StoredSigner =>
    s !== undefined && s.status === 'pending' && s.tokenHashes.includes(tokenHash) && s.expiresAt > now;
  return {
    async create(signers) {
      for (const s of signers) if (!at(s.protocolId, s.id)) rows.set(`${s.protocolId}#${s.id}`, { ...copy(s), tokenHashes: [] });
    },
    async all(protocolId) {
      return (await this.history(protocolId)).filter((s) => s.status !== 'withdrawn');
    },
    async history(protocolId) {
      return [...rows.values()]
        .filter((s) => s.protocolId === protocolId)
        .sort((a, b) => a.step - b.step || a.id.localeCompare(b.id))
        .map(copy);
    },
    async withdraw(protocolId, signerId, event) {
      const s = at(protocolId, signerId);
      // The signature is the other writer on this record: whichever lands first wins, never both.
      if (!s || !['pending', 'waiting', 'changes-requested'].includes(s.status)) return false;
      Object.assign(s, { withdrawnFrom: s.status, status: 'withdrawn' });
      s.events.push(copy(event));
      return true;
    },
    async reinstate(protocolId, signerId, event) {
      const s = at(protocolId, signerId);
      if (!s || s.status !== 'withdrawn' || !s.withdrawnFrom) return;
      s.status = s.withdrawnFrom;
      delete s.withdrawnFrom;
      s.events.push(copy(event));
    },
    async get(protocolId, signerId) {
      const s = at(protocolId, signerId);
      return s ? copy(s) : null;
    },
    async addToken(protocolId, signerId, tokenHash) {
      tokens.set(tokenHash, { protocolId, signerId });
      const s = at(protocolId, signerId);
      if (s && !s.tokenHashes.includes(tokenHash)) s.tokenHashes.push(tokenHash);
    },
    async findToken(tokenHash) {
      const t = tokens.get(tokenHash);
      return t ? { ...t } : null;
    },
    async activate(protocolId, signerId) {
      const s = at(protocolId, signerId);
      if (s?.status !== 'waiting') return false;
      s.status = 'pending';
      return true;
    },
    async markInvited(protocolId, signerId, event) {
      const s = at(protocolId, signerId);
      if (!s) return;
      s.invitedAt = event.at;
      s.events.push(copy(event));
    },
    async recordView(protocolId, signerId, event) {
      const s = at(protocolId, signerId);
      if (!s) return;
      s.views += 1;
      // Only the first view goes into the trail; mail scanners and reloads just count.
      if (s.firstViewedAt === null || s.firstViewedAt === undefined) {
        s.firstViewedAt = event.at;
        s.events.push(copy(event));
      } else s.lastViewedAt = event.at;
    },
    async sign(protocolId, signerId, tokenHash, signature, event) {
      const s = at(protocolId, signerId);
      if (!mayAct(s, tokenHash, event.at)) return false;
      Object.assign(s, { status: 'signed', signature: copy(signature) });
      s.events.push(copy(event));
      return true;
    },
    async requestChanges(protocolId, signerId, tokenHash, comment, event) {
      const s = at(protocolId, signerId);
      if (!mayAct(s, tokenHash, event.at)) return false;
      Object.assign(s, { status: 'changes-requested', comment });
      s.events.push(copy(event));
      return true;
    },
    async startBankId(protocolId, signerId, tokenHash, order, event) {
      const s = at(protocolId, signerId);
      if (!mayAct(s, tokenHash, event.at)) return false;
      s.bankId = copy(order);
      s.events.push(copy(event));
      return true;
    },
    async endBankId(protocolId, signerId, orderRef, event) {
      const s = at(protocolId, signerId);
      if (!s || s.bankId?.orderRef !== orderRef) return false;
      s.bankId = null;
      if (event) s.events.push(copy(event));
      return true;
    },
    async recordReminder(protocolId, signerId, days, event) {
      const s = at(protocolId, signerId);
      if (!s || days.some((d) => s.reminders.includes(d))) return false;
      s.reminders.push(...days);
      s.events.push(copy(event));
      return true;
    },
  };
}

function bodyRepo(): BodyRepo {
  const rows = new Map<string, BodyDirectory>();
  return {
    async put(directory) {
      rows.set(directory.slug, copy(directory));
    },
    async addMember(slug, member, at) {
      const body = rows.get(slug);
      if (!body) throw Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
      body.members.push(copy(member));
      body.updatedAt = at;
    },
    async get(slug) {
      const body = rows.get(slug);
      return body ? copy(body) : null;
    },
    async list() {
      return [...rows.values()].sort((a, b) => a.slug.localeCompare(b.slug)).map(copy);
    },
  };
}

function noticeRepo(): NoticeRepo {
  const rows = new Map<string, NoticeRecord>();
  return {
    async put(notice) {
      rows.set(notice.protocolId, copy(notice));
    },
    async get(protocolId) {
      const n = rows.get(protocolId);
      return n ? copy(n) : null;
    },
    async current(today) {
      return [...rows.values()]
        .filter((n) => n.takeDownOn >= today)
        .sort((a, b) => b.postedOn.localeCompare(a.postedOn) || b.protocolId.localeCompare(a.protocolId))
        .map(copy);
    },
    async past(today) {
      return [...rows.values()]
        .filter((n) => n.takeDownOn < today)
        .sort((a, b) => b.postedOn.localeCompare(a.postedOn) || b.protocolId.localeCompare(a.protocolId))
        .map(copy);
    },
  };
}

function deadLetterRepo(): DeadLetterRepo {
  const rows = new Map<string, DeadLetterRecord>();
  return {
    async put(record) {
      rows.set(`${record.at}#${record.id}`, copy(record));
    },
    async list(includeRedriven = false) {
      return [...rows.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, r]) => copy(r))
        .filter((r) => includeRedriven || !r.redrivenAt);
    },
    async markRedriven(record, at) {
      const stored = rows.get(`${record.at}#${record.id}`);
      if (stored) stored.redrivenAt = at;
    },
  };
}

function mailLedger(): MailLedger {
  const rows = new Map<string, { state: 'sending' | 'sent'; at: string }>();
  return {
    async claim(key, at, staleMs) {
      const row = rows.get(key);
      // A crash between sending and recording leaves 'sending': once that is stale, a retry sends again (one duplicate at most).
      if (!row || (row.state === 'sending' && row.at < new Date(Date.parse(at) - staleMs).toISOString())) {
        rows.set(key, { state: 'sending', at });
        return 'claimed';
      }
      return row.state === 'sent' ? 'sent' : 'busy';
    },
    async markSent(key, at) {
      rows.set(key, { state: 'sent', at: rows.get(key)?.at ?? at });
    },
    async release(key) {
      if (rows.get(key)?.state === 'sending') rows.delete(key);
    },
  };
}

function secretaryLinkRepo(): SecretaryLinkRepo {
  const rows = new Map<string, SecretaryLinkRecord>();
  return {
    async put(hash, link) {
      rows.set(hash, copy(link));
    },
    async get(hash) {
      const link = rows.get(hash);
      return link ? copy(link) : null;
    },
    async recordView(hash, at) {
      const link = rows.get(hash);
      if (!link) return false;
      link.views += 1;
      if (link.firstViewedAt !== null) return false;
      link.firstViewedAt = at;
      return true;
    },
  };
}

export function memoryRecords(): Omit<Store, 'protocols' | 'meetings' | 'content'> {
  return {
    signers: signerRepo(),
    bodies: bodyRepo(),
    notices: noticeRepo(),
    deadLetters: deadLetterRepo(),
    mail: mailLedger(),
    secretaryLinks: secretaryLinkRepo(),
    subscriptions: memorySubscriptions(),
  };
}
