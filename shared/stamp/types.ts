// What the stamp step needs to turn an adjusted draft into the signed record.
// Plain data: the caller (the stamp function) gathers it from the table and
// the seal adapter; nothing here knows about AWS.
import type { DraftPositions } from './positions';

/** Custom keys of the Info dictionary: the record's id and the draft's hash travel with the file. */
export const INFO_PROTOCOL_ID = 'JusteraProtocolId';
export const INFO_DRAFT_SHA256 = 'JusteraDraftSha256';
/** How many bytes of the record are the draft, unchanged (the rest is the stamp's and the seal's updates). */
export const INFO_DRAFT_BYTES = 'JusteraDraftBytes';

/** Where a name is printed: baseline-left corner in PDF user space, as `TextLine` gives it. */
export interface Anchor {
  /** 1-based page number. */
  page: number;
  x: number;
  y: number;
  width: number;
  size: number;
}

/**
 * One thing that happened to one signer's task, as the public record shows it.
 * `type` is open: the known ones (sent, viewed, signed, reminded,
 * changes-requested, declined, expired, superseded, escalated) get a
 * Swedish/English label, others print as given. There is deliberately no
 * field for an e-mail address, IP address, user agent or comment: those stay
 * in the private audit trail, and `evidenceSha256` ties the line to it.
 */
export interface AuditSignerEvent {
  type: string;
  /** ISO date-time. */
  at: string;
  /** Hex SHA-256 over the event's private evidence (shared/signing/evidence.ts), when it has any. */
  evidenceSha256?: string | null;
}

export interface AuditSigner {
  name: string;
  role: string;
  /** How the signer was identified and consented, e.g. "personal link by e-mail, explicit consent". */
  method?: string | null;
  events: AuditSignerEvent[];
}

/** A document-level event (uploaded, parsed, routed, adjusted …). */
export interface AuditDocumentEvent {
  type: string;
  at: string;
  detail?: string | null;
}

export interface AuditSection {
  /** Hex SHA-256 of the draft PDF exactly as uploaded and shown to the signers. */
  draftSha256: string;
  /** Name of the uploaded file, when known. */
  draftFileName?: string | null;
  signers: AuditSigner[];
  events?: AuditDocumentEvent[];
}

/**
 * The seal as printed on the audit page. It is printed before the seal is
 * applied (the page is part of what is sealed), so `sealedAt` is the time the
 * caller then passes to `sealPdf` as `signingTime`. `describeSeal` in
 * shared/seal builds this from the signer's certificate.
 */
export interface SealDescription {
  subject: string;
  issuer: string;
  /** Hex serial number. */
  serialNumber: string;
  /** Hex SHA-256 of the DER certificate (colons optional). */
  sha256Fingerprint: string;
  /** E.g. "RSA 3072 / SHA-256 (PAdES B-B, ETSI.CAdES.detached)". */
  algorithm: string;
  /** ISO date-time. */
  sealedAt: string;
  /** URL or name of the time-stamping authority, when one is used. */
  tsa?: string | null;
  selfSigned?: boolean;
  validFrom?: string | null;
  validTo?: string | null;
}

export interface StampSigner {
  name: string;
  /** As it should read in the stamp: "ordförande", "justerare" … */
  role: string;
  /** ISO date-time of the signature. */
  signedAt: string;
  /** Where the name is printed; without one the signer gets a line in a signature block. */
  anchor?: Anchor;
}

export interface StampInput {
  draft: Uint8Array;
  /**
   * Where the draft's text is printed, as the parse step kept it (positions.ts); null when it was not kept:
   * every page then counts as full, and the stamps go to a signature page of their own, the footers to the edge.
   */
  positions: DraftPositions | null;
  protocolId: string;
  title: string;
  bodyName: string;
  /** ISO date (YYYY-MM-DD). */
  meetingDate: string | null;
  signers: StampSigner[];
  audit: AuditSection;
  seal: SealDescription;
  /** IANA zone for every printed time; default Europe/Stockholm. */
  timeZone?: string;
}
