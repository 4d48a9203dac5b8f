// What Justera stores about a protocol and the people around it. These are the
// domain's records; shared/adapters/dynamo/ maps them onto the single table.
import type { Attendee, Evidence, EvidenceField, ExistingSignature, MinutesKind } from '../minutes/model';

export const PROTOCOL_STATUSES = [
  'RECEIVED',
  'PARSED',
  'ROUTED',
  'CHANGES_REQUESTED',
  'ADJUSTED',
  'SEALED',
  'PUBLISHED',
  'NEEDS_ATTENTION',
  'REJECTED',
  'SUPERSEDED',
  'EXPIRED',
  'WITHDRAWN',
] as const;
export type ProtocolStatus = (typeof PROTOCOL_STATUSES)[number];

/** States in which a newer upload of the same meeting replaces the protocol. */
export const OPEN_STATUSES: readonly ProtocolStatus[] = ['RECEIVED', 'PARSED', 'ROUTED', 'CHANGES_REQUESTED', 'NEEDS_ATTENTION', 'EXPIRED'];
/** States after which nothing about the adjusted record may change. */
export const ADJUSTED_STATUSES: readonly ProtocolStatus[] = ['ADJUSTED', 'SEALED', 'PUBLISHED'];

export interface SourceObject {
  bucket: string;
  key: string;
  versionId?: string;
  eTag: string;
  size: number;
  sequencer?: string;
}

/**
 * Every kind of line in a protocol's audit trail. One list, so that the audit
 * page can be checked to have a label for each (a new kind without one fails
 * its test rather than printing raw on a sealed PDF).
 */
export const PROTOCOL_EVENT_TYPES = [
  'received',
  'parsed',
  'stopped',
  'superseded',
  'routing-failed',
  'awaiting-confirmation',
  'routed',
  'corrected',
  'corrected-by-operator',
  'changes-requested',
  'link-resent',
  'withdrawn-by-secretary',
  'expired',
  'adjusted',
  'sealed',
  'published',
  'dead-letter',
  'redriven',
] as const;
export type ProtocolEventType = (typeof PROTOCOL_EVENT_TYPES)[number];

/** Every kind of line in a signer's own trail. */
export const SIGNER_EVENT_TYPES = ['invited', 'viewed', 'signed', 'changes-requested', 'reminded', 'withdrawn', 'reinstated', 'bankid-started', 'bankid-refused'] as const;

/** One line of a protocol's audit trail: a state change or something done to it. */
export interface ProtocolEvent {
  at: string;
  type: ProtocolEventType;
  status?: ProtocolStatus;
  detail?: string;
}

export interface Reason {
  code: string;
  /** Swedish, for the secretary. */
  sv: string;
  en: string;
}

export interface ProtocolRecord {
  id: string;
  /** Body slug: the first folder under drafts/. */
  body: string;
  bodyName: string | null;
  kind: MinutesKind | null;
  date: string | null;
  time: string | null;
  place: string | null;
  chair: string | null;
  adjusters: string[];
  secretary: string | null;
  attendees: Attendee[];
  signatures: ExistingSignature[];
  warnings: string[];
  /** Where the parser read each value (absent on records parsed before it was kept); a corrected value's rule is "secretary" or "operator". */
  evidence?: Partial<Record<EvidenceField, Evidence>>;
  /** Corrections of the parse by the secretary or an operator, oldest first (absent before the first). */
  corrections?: Correction[];
  status: ProtocolStatus;
  reason: Reason | null;
  statusSince: string;
  receivedAt: string;
  updatedAt: string;
  source: SourceObject;
  /** Immutable copy of the exact draft bytes: what signers read and what gets stamped. */
  draftKey: string | null;
  draftSha256: string | null;
  pages: number | null;
  /** "PDF/A-2b" when the draft is PDF/A (the record stays so), null when it is not; absent when read before this was kept. */
  pdfa?: string | null;
  itemCount: number;
  decisionCount: number;
  supersedes: string | null;
  supersededBy: string | null;
  deadline: string | null;
  /** Signer ids that have not signed yet; absent once everyone has. */
  pending: string[];
  adjustedAt: string | null;
  signedKey: string | null;
  signedSha256: string | null;
  sealedAt: string | null;
  publishedAt: string | null;
  events: ProtocolEvent[];
}

/** Who corrected a parse: the secretary on the page behind their link, or an operator through the admin API. */
export type Corrector = 'secretary' | 'operator';

/** The fields a correction may set. */
export type CorrectedField = 'chair' | 'adjusters' | 'date' | 'place';

/** One correction: what each changed field was and became, and who was added to the directory for it. */
export interface Correction {
  at: string;
  by: Corrector;
  changes: { field: CorrectedField; from: string | string[] | null; to: string | string[] | null }[];
  /** Names added to the body's directory by this correction (never their addresses). */
  addedMembers: string[];
}

export interface ItemRecord {
  protocolId: string;
  index: number;
  number: string;
  title: string;
  text: string;
}

export type DecisionStatus = 'draft' | 'adjusted';

export interface DecisionRecord {
  protocolId: string;
  body: string;
  bodyName: string | null;
  date: string | null;
  itemIndex: number;
  itemNumber: string;
  itemTitle: string;
  index: number;
  text: string;
  status: DecisionStatus;
}

export type SignerRole = 'ordförande' | 'justerare' | 'sekreterare';
/** `withdrawn`: a correction replaced this signer's task before anyone signed; its links are dead. */
export type SignerStatus = 'waiting' | 'pending' | 'signed' | 'changes-requested' | 'withdrawn';

/** Where a signer's name came from: the minutes, the directory's chair (the minutes name none), or a correction. */
export type SignerOrigin = 'minutes' | 'directory' | 'correction';

export interface SignerEvent {
  at: string;
  type: (typeof SIGNER_EVENT_TYPES)[number];
  ip?: string;
  userAgent?: string;
  detail?: string;
  /** Random salt of the evidence hash the public record prints (shared/signing/evidence.ts); events of a signer's request carry one. */
  salt?: string;
}

export interface Signature {
  at: string;
  ip: string;
  userAgent: string;
  /** SHA-256 of the exact PDF the signer was shown. */
  pdfSha256: string;
  /** How the signer proved who they are; absent on signatures made before BankID: the e-mailed link. */
  method?: SignatureMethod;
  /** BankID: SHA-256 (hex) of the signature XML of completionData, which the audit page prints. */
  completionSha256?: string;
}

export type SignatureMethod = 'link' | 'BankID';

/**
 * A BankID order in progress for one signer. The secrets (qrStartSecret, the
 * tokens) stay on the server: the page gets a rendered QR and the autostart
 * link, never the secret that makes the next QR.
 */
export interface BankIdOrderState {
  orderRef: string;
  autoStartToken: string;
  qrStartToken: string;
  qrStartSecret: string;
  startedAt: string;
  /** The exact text and digest the order was started with: verification compares the signature to them. */
  visibleText: string;
  pdfSha256: string;
}

export interface SignerRecord {
  protocolId: string;
  id: string;
  name: string;
  email: string;
  role: SignerRole;
  /** Absent on tasks created before it was recorded: read as "minutes". */
  origin?: SignerOrigin;
  /** Signers of step n are asked once everyone of step n-1 has signed. */
  step: number;
  status: SignerStatus;
  /** SHA-256 of every link token mailed to this signer (one per mail); never the tokens. */
  tokenHashes: string[];
  expiresAt: string;
  invitedAt: string | null;
  firstViewedAt: string | null;
  views: number;
  signature: Signature | null;
  comment: string | null;
  /** Reminder days (as in the body's schedule) already mailed. */
  reminders: number[];
  events: SignerEvent[];
  /** Bodies that sign with BankID: the keyed hash of the member's personnummer (never the number). */
  personnummerHash?: string;
  /** The BankID order this signer has started and not yet finished. */
  bankId?: BankIdOrderState | null;
}

export type SigningOrder = 'parallel' | 'secretary-first' | 'sequential';

export interface Member {
  name: string;
  email: string;
  role: string;
  /** Keyed hash (HMAC-SHA256, shared/bankid/personnummer.ts) of the personnummer; the number itself is never stored. */
  personnummerHash?: string;
}

/** How a body's signers sign: the e-mailed link and a consent box, or BankID. */
export type SignatureKind = 'link' | 'bankid';

export interface BodyDirectory {
  slug: string;
  name: string;
  organisation: string;
  secretary: { name: string; email: string };
  signingOrder: SigningOrder;
  deadlineDays: number;
  reminderDays: number[];
  members: Member[];
  /** Absent: "link". */
  signature?: SignatureKind;
  /** Invitations go out only after the secretary has confirmed the parse on the secretary's page. */
  confirmBeforeSending?: boolean;
  /** Förvaringsplats: where the adjusted protocols are kept, for the notice (e.g. "Kommunkansliet, Storgatan 1"). */
  keptAt?: string;
  updatedAt?: string;
}

/** A personal link to the secretary's page of one protocol; stored under the SHA-256 of its token. */
export interface SecretaryLinkRecord {
  protocolId: string;
  /** The address it was mailed to: the link dies when the directory names another secretary. */
  email: string;
  createdAt: string;
  expiresAt: string;
  firstViewedAt: string | null;
  views: number;
}

export interface NoticeRecord {
  protocolId: string;
  body: string;
  bodyName: string;
  /** Protokoll or minnesanteckningar; absent on notices posted before it was kept. */
  kind?: MinutesKind | null;
  meetingDate: string | null;
  /** The paragraphs the document holds, e.g. "§ 1–12" (absent on older notices, null when none were read). */
  paragraphs?: string | null;
  adjustedOn: string;
  postedOn: string;
  appealEndsOn: string;
  takeDownOn: string;
  /** Förvaringsplats from the body's directory (absent on older notices, null when the directory names none). */
  keptAt?: string | null;
  /** The protocol's public page (HTML to a browser, JSON to an API client). */
  protocolUrl: string;
  pdfUrl: string;
}

export interface DeadLetterRecord {
  id: string;
  queue: string;
  at: string;
  protocolId: string | null;
  attempts: number;
  error: string;
  /** The original message body, to re-drive. */
  body: string;
  redrivenAt: string | null;
  /** The protocol's state when the message failed, restored on re-drive. */
  statusBefore: ProtocolStatus | null;
}
