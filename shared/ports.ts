// The small interfaces the domain flows talk to. Adapters in shared/adapters
// implement them with S3, DynamoDB, SES/SMTP/outbox, EventBridge/local queues
// and KMS/local keys; the flows never see an AWS SDK type.
import type { EvidenceVault } from './bankid/evidence';
import type { BankIdService } from './bankid/types';
import type { PersonnummerHasher } from './bankid/personnummer';
import type { Config } from './config';
import type { DomainEvent } from './domain/events';
import type { SealSigner } from './seal/types';
import type { Store } from './store';

export interface StoredFile {
  bytes: Uint8Array;
  eTag: string;
  versionId?: string;
  size: number;
}

export interface FileInfo {
  key: string;
  eTag: string;
  size: number;
  lastModified: Date;
  versionId?: string;
}

export class FileGoneError extends Error {
  constructor(
    key: string,
    /** Deleted, or overwritten by a newer upload of the same key. */
    readonly gone: 'deleted' | 'replaced',
  ) {
    super(`${key}: ${gone === 'deleted' ? 'no longer in the bucket' : 'replaced by a newer upload'}`);
    this.name = 'FileGoneError';
  }
}

export interface FileStore {
  readonly bucket: string;
  /** Reads the exact version (versionId) or the exact bytes (eTag); FileGoneError when that is no longer there. */
  get(key: string, exact?: { versionId?: string; eTag?: string }): Promise<StoredFile>;
  head(key: string): Promise<FileInfo | null>;
  put(
    key: string,
    bytes: Uint8Array,
    options: { contentType: string; metadata?: Record<string, string>; retain?: { mode: 'GOVERNANCE' | 'COMPLIANCE'; until: Date } },
  ): Promise<void>;
  /** A short-lived URL a browser can fetch the object from. */
  presignGet(key: string, seconds: number, fileName?: string): Promise<string>;
  list(prefix: string): AsyncIterable<FileInfo>;
}

export interface EventBus {
  publish(events: DomainEvent[]): Promise<void>;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Links the message carries as buttons, in order (the local outbox reads the same from the HTML that SES delivers). */
  links: string[];
  /** Answers go to the secretary, not to the sending address nobody reads. */
  replyTo?: string;
  /** Files sent with the message (the signed PDF in a receipt). */
  attachments?: MailAttachment[];
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) on a subscriber's mail. */
  headers?: Record<string, string>;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Puts a message body on the named consumer queue (parse, route, stamp, index). */
export type Requeue = (queue: string, body: string) => Promise<void>;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Everything a flow may use. Built once per Lambda container or local function. */
export interface Deps {
  config: Config;
  store: Store;
  files: FileStore;
  events: EventBus;
  mailer: Mailer;
  clock: Clock;
  /** Created on first use: only the stamp function needs the seal key. */
  sealSigner: () => Promise<SealSigner>;
  /** The PEM certificates the stack seals with (GET /seal-certificates); never the key. */
  sealCertificates: () => Promise<string[]>;
  /** Puts a message back on a consumer's queue (re-drive of dead letters); only the admin function may. */
  requeue: Requeue;
  /** The keyed hash of personnummer; only the functions that take or check one (admin, sign) may. */
  personnummers: () => Promise<PersonnummerHasher>;
  /** The BankID RP API; only the sign function may. */
  bankId: () => Promise<BankIdService>;
  /** BankID evidence, encrypted: the sign function keeps it, the admin function opens it for the operator. */
  evidence: () => Promise<EvidenceVault>;
  log: Log;
  metric: Metric;
}

/** Counts and durations for dashboards and alarms (names in docs/architecture.md). */
export type Metric = (name: string, value?: number, unit?: 'Count' | 'Milliseconds') => void;

export interface Log {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}
