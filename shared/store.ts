// The storage port, one small repository per record kind. Every state change
// is a single-item conditional write (no transactions: the local stand-in has
// none, and none are needed); every read is a GetItem or a Query.
import type {
  BankIdOrderState,
  BodyDirectory,
  DeadLetterRecord,
  DecisionRecord,
  DecisionStatus,
  ItemRecord,
  NoticeRecord,
  ProtocolEvent,
  ProtocolRecord,
  ProtocolStatus,
  SecretaryLinkRecord,
  Member,
  SignerEvent,
  SignerRecord,
  Signature,
} from './domain/records';
import type { MeetingRecord } from './domain/meetings';

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, null on the last one. */
  next: string | null;
  /** Items the store read to answer (where it counts them): the cost of a search. */
  read?: number;
}

export class BadCursorError extends Error {
  constructor() {
    super('invalid cursor');
    this.name = 'BadCursorError';
  }
}

export interface ProtocolQuery {
  body?: string;
  from?: string;
  to?: string;
  status?: ProtocolStatus;
  limit: number;
  cursor?: string;
}

export interface DecisionQuery {
  body?: string;
  from?: string;
  to?: string;
  /** Words that must all start a word of the decision (case and diacritics ignored). */
  words?: string[];
  status?: DecisionStatus;
  limit: number;
  cursor?: string;
}

export interface ProtocolRepo {
  /** Creates the record in RECEIVED; false when it already exists (a repeated delivery). */
  create(protocol: ProtocolRecord): Promise<boolean>;
  get(id: string): Promise<ProtocolRecord | null>;
  /** Moves from one of `from` to `to` and appends the event, or returns null when the state was not one of `from`. */
  transition(
    id: string,
    from: readonly ProtocolStatus[],
    to: ProtocolStatus,
    changes: Partial<ProtocolRecord>,
    event: ProtocolEvent,
    /** Also require that exactly this many corrections were applied (no correction slipped in since the caller read it). */
    guard?: { corrections: number },
  ): Promise<ProtocolRecord | null>;
  /** Appends an audit event without changing the state. */
  note(id: string, event: ProtocolEvent): Promise<void>;
  /** Removes a signer from the pending set while the protocol is ROUTED; null when it was not pending there. */
  removePending(id: string, signerId: string): Promise<{ pending: string[] } | null>;
  /** ROUTED with nobody pending → ADJUSTED. True for exactly one caller. */
  completeAdjustment(id: string, at: string): Promise<boolean>;
  /** A lease so that two deliveries of one event do not both do expensive work. */
  claim(id: string, work: string, holder: string, at: Date, leaseMs: number): Promise<boolean>;
  /** Gives a lease back (after a failed attempt) so the retry need not wait for it to expire. */
  release(id: string, work: string, holder: string): Promise<void>;
  /** Protocols in a state whose lease on `work` ran out before `now`: the attempt that took it died. */
  withExpiredLease(status: ProtocolStatus, work: string, now: Date): Promise<ProtocolRecord[]>;
  list(query: ProtocolQuery): Promise<Page<ProtocolRecord>>;
  ofMeeting(body: string, date: string): Promise<ProtocolRecord[]>;
  /** Protocols in a state since before `before` (oldest first). */
  inStatus(status: ProtocolStatus, before?: string): Promise<ProtocolRecord[]>;
}

/** The meeting record (shared/domain/meetings.ts): which version holds a meeting and which was adjusted. */
export interface MeetingRepo {
  get(key: string): Promise<MeetingRecord | null>;
  /**
   * Makes the protocol the meeting's current version and a member, while
   * nothing is adjusted and no upload later in `order` holds it (true again
   * for the holder itself). Returns the meeting as it stands after.
   */
  claimCurrent(key: string, protocolId: string, order: string): Promise<{ won: boolean; meeting: MeetingRecord | null }>;
  /** Records the current version as the adjusted one, once; true also when it already is. False for any other version. */
  claimAdjusted(key: string, protocolId: string): Promise<boolean>;
}

export interface ContentRepo {
  putItems(items: ItemRecord[]): Promise<void>;
  items(protocolId: string): Promise<ItemRecord[]>;
  putDecisions(decisions: DecisionRecord[]): Promise<void>;
  decisions(protocolId: string): Promise<DecisionRecord[]>;
  setDecisionStatus(protocolId: string, status: DecisionStatus): Promise<void>;
  /** Takes a protocol's decisions out of the body and global indexes (superseded drafts). */
  unindexDecisions(protocolId: string): Promise<void>;
  queryDecisions(query: DecisionQuery): Promise<Page<DecisionRecord>>;
}

export interface SignerRepo {
  /** Creates the signers that do not exist yet. */
  create(signers: SignerRecord[]): Promise<void>;
  /** The protocol's current signers (withdrawn tasks left out). */
  all(protocolId: string): Promise<SignerRecord[]>;
  /** Every signer task ever created for the protocol, withdrawn ones included (the audit trail). */
  history(protocolId: string): Promise<SignerRecord[]>;
  /** Any state but signed (and withdrawn) → withdrawn; false when the signer has signed (or was withdrawn) meanwhile. */
  withdraw(protocolId: string, signerId: string, event: SignerEvent): Promise<boolean>;
  /** Undoes a withdrawal that turned out to conflict: back to the state it was withdrawn from. */
  reinstate(protocolId: string, signerId: string, event: SignerEvent): Promise<void>;
  get(protocolId: string, signerId: string): Promise<SignerRecord | null>;
  /** Stores a new link token's hash for the signer and the lookup from hash to signer. */
  addToken(protocolId: string, signerId: string, tokenHash: string, expiresAt: string): Promise<void>;
  findToken(tokenHash: string): Promise<{ protocolId: string; signerId: string } | null>;
  /** waiting → pending; false when already activated. */
  activate(protocolId: string, signerId: string): Promise<boolean>;
  markInvited(protocolId: string, signerId: string, event: SignerEvent): Promise<void>;
  recordView(protocolId: string, signerId: string, event: SignerEvent): Promise<void>;
  /** pending + this token + not expired → signed. False otherwise (already signed, other token, expired). */
  sign(protocolId: string, signerId: string, tokenHash: string, signature: Signature, event: SignerEvent): Promise<boolean>;
  requestChanges(protocolId: string, signerId: string, tokenHash: string, comment: string, event: SignerEvent): Promise<boolean>;
  /** pending + this token + not expired → keeps the started BankID order (replacing an earlier one). False otherwise. */
  startBankId(protocolId: string, signerId: string, tokenHash: string, order: BankIdOrderState, event: SignerEvent): Promise<boolean>;
  /** Forgets the BankID order `orderRef` (finished, failed or refused), with an event for the trail; false when another order replaced it. */
  endBankId(protocolId: string, signerId: string, orderRef: string, event?: SignerEvent): Promise<boolean>;
  /** Records that the reminders for these schedule days went out; false if one already had. */
  recordReminder(protocolId: string, signerId: string, days: number[], event: SignerEvent): Promise<boolean>;
}

export interface BodyRepo {
  put(directory: BodyDirectory): Promise<void>;
  /** Appends one member (an atomic append: a concurrent append is not lost). */
  addMember(slug: string, member: Member, at: string): Promise<void>;
  get(slug: string): Promise<BodyDirectory | null>;
  list(): Promise<BodyDirectory[]>;
}

export interface NoticeRepo {
  put(notice: NoticeRecord): Promise<void>;
  get(protocolId: string): Promise<NoticeRecord | null>;
  /** Notices still up on `today` (take-down day not yet passed), newest first. */
  current(today: string): Promise<NoticeRecord[]>;
  /** Notices taken down before `today` (the archive: still findable), newest posting first. */
  past(today: string): Promise<NoticeRecord[]>;
}

export interface DeadLetterRepo {
  put(record: DeadLetterRecord): Promise<void>;
  list(includeRedriven?: boolean): Promise<DeadLetterRecord[]>;
  markRedriven(record: DeadLetterRecord, at: string): Promise<void>;
}

export interface MailLedger {
  /**
   * Claims the right to send the mail with this key: 'sent' when it went out
   * already, 'busy' while another attempt (younger than staleMs) is sending it.
   */
  claim(key: string, at: string, staleMs: number): Promise<'claimed' | 'sent' | 'busy'>;
  markSent(key: string, at: string): Promise<void>;
  /** Gives up a claim after a failed send, so the next attempt may send at once. */
  release(key: string): Promise<void>;
}

export interface SecretaryLinkRepo {
  put(tokenHash: string, link: SecretaryLinkRecord): Promise<void>;
  get(tokenHash: string): Promise<SecretaryLinkRecord | null>;
  /** Counts a view; true for the first. */
  recordView(tokenHash: string, at: string): Promise<boolean>;
}

/**
 * A subscription asked for but not confirmed: the address sealed with a key
 * only the confirmation token gives (shared/flow/subscriptions-seal.ts), so
 * the table holds no address before its owner confirms.
 */
export interface PendingSubscription {
  body: string;
  lang: 'sv' | 'en';
  /** The address, AES-256-GCM under a key derived from the token: base64url of iv, ciphertext and tag. */
  sealed: string;
  expiresAt: string;
}

/** A confirmed subscriber of a body's notices. */
export interface Subscriber {
  body: string;
  /** SHA-256 of the folded address: one subscription per address and body. */
  addressKey: string;
  email: string;
  lang: 'sv' | 'en';
  confirmedAt: string;
  /** New at each confirmation, so that an unsubscribe link from before does not end a later subscription. */
  generation: string;
}

/** What an unsubscribe link's token (by its hash) ends. */
export interface UnsubscribeLink {
  body: string;
  addressKey: string;
  generation: string;
  expiresAt: string;
}

export interface SubscriptionRepo {
  putPending(tokenHash: string, pending: PendingSubscription): Promise<void>;
  /** Whether a confirmation token is still good (the page before the button); reads only. */
  hasPending(tokenHash: string, now: string): Promise<boolean>;
  /** Takes the pending request out (a conditional delete): for exactly one caller, and only before it expires. */
  takePending(tokenHash: string, now: string): Promise<PendingSubscription | null>;
  /** Adds the subscriber, unless the address subscribes already (then the first subscription stays). */
  add(subscriber: Subscriber): Promise<void>;
  subscribers(body: string): Promise<Subscriber[]>;
  putUnsubscribe(tokenHash: string, link: UnsubscribeLink): Promise<void>;
  getUnsubscribe(tokenHash: string, now: string): Promise<UnsubscribeLink | null>;
  /** Ends the subscription the link names (if it is still that generation) and the link; false when there was nothing to end. */
  unsubscribe(tokenHash: string, link: UnsubscribeLink): Promise<boolean>;
  /** Counts one request in a window (an hour); false, without counting, when it already had `limit`. */
  countRequest(scope: string, hash: string, window: string, limit: number, expiresAt: string): Promise<boolean>;
}

export interface Store {
  protocols: ProtocolRepo;
  meetings: MeetingRepo;
  content: ContentRepo;
  signers: SignerRepo;
  bodies: BodyRepo;
  notices: NoticeRepo;
  deadLetters: DeadLetterRepo;
  mail: MailLedger;
  secretaryLinks: SecretaryLinkRepo;
  subscriptions: SubscriptionRepo;
}
