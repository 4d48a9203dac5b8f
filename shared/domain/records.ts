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

/** One line of a protocol's audit trail: a state change or something done to it. */
export interface ProtocolEvent {
  at: string;
  type: string;
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
  /** Where the parser read each value (absent on records parsed before it was kept). */
  evidence?: Partial<Record<EvidenceField, Evidence>>;
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
export type SignerStatus = 'waiting' | 'pending' | 'signed' | 'changes-requested';

export interface SignerEvent {
  at: string;
  type: 'invited' | 'viewed' | 'signed' | 'changes-requested' | 'reminded';
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
}

export interface SignerRecord {
  protocolId: string;
  id: string;
  name: string;
  email: string;
  role: SignerRole;
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
}

export type SigningOrder = 'parallel' | 'secretary-first' | 'sequential';

export interface Member {
  name: string;
  email: string;
  role: string;
}

export interface BodyDirectory {
  slug: string;
  name: string;
  organisation: string;
  secretary: { name: string; email: string };
  signingOrder: SigningOrder;
  deadlineDays: number;
  reminderDays: number[];
  members: Member[];
  updatedAt?: string;
}

export interface NoticeRecord {
  protocolId: string;
  body: string;
  bodyName: string;
  meetingDate: string | null;
  adjustedOn: string;
  postedOn: string;
  appealEndsOn: string;
  takeDownOn: string;
  /** Where the protocol is kept: its API URL. */
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
