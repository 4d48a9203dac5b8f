// The seal's ports: who holds the key (a local PEM key or a KMS key behind an
// adapter) and what verification reports.
import type { Continuation } from '../stamp/incremental';
import type { TrustResult } from './trust';

/**
 * Something that can sign with the organisation's seal key. `sign` gets the
 * data (the DER of the CMS signed attributes) and returns the signature over
 * its SHA-256 digest, encoded as CMS wants it: PKCS#1 v1.5 for RSA, a DER
 * ECDSA-Sig-Value (SEQUENCE of r, s) for EC — what KMS returns as well.
 */
export interface SealSigner {
  /** DER X.509 certificate of the seal key. */
  certificate: Uint8Array;
  /** DER certificates of the issuing chain, signer's issuer first. */
  chain?: Uint8Array[];
  keyAlgorithm: 'RSA' | 'EC';
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface SealOptions {
  reason?: string;
  location?: string;
  /** Name in the signature dictionary; defaults to the certificate's common name. */
  name?: string;
  contactInfo?: string;
  /** Goes into /M (PAdES keeps the claimed signing time out of the CMS). Default: now. */
  signingTime?: Date;
  /** RFC 3161 time-stamping authority; its token over the signature becomes an unsigned attribute. */
  tsaUrl?: string;
  fetch?: typeof fetch;
  /** The stamp's document for exactly these bytes (`stampForSeal`), used once; without it the bytes are parsed. */
  continuation?: Continuation | null;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** Hex, lower case. */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** Hex SHA-256 of the DER certificate, lower case, no separators. */
  sha256Fingerprint: string;
  selfSigned: boolean;
  /** "RSA 3072", "EC P-256". */
  publicKey: string;
}

export interface TimestampInfo {
  /** genTime of the token, ISO. */
  time: string;
  /** Subject of the TSA certificate, when the token carries it. */
  authority: string | null;
  /** Hex serial number of the token. */
  serialNumber: string;
  /** The token's signature verifies and its imprint is the hash of our signature value. */
  valid: boolean;
}

export interface LongTermInfo {
  /** How many certificates, CRLs and OCSP responses the DSS holds. */
  certificates: number;
  crls: number;
  ocsps: number;
  /** The DSS holds the seal's certificate (and so the chain a validator needs). */
  holdsSealCertificate: boolean;
  /** The document time stamp over the whole file, DSS included. */
  docTimestamp: TimestampInfo | null;
  /** Bytes of the seal's revision: the long-term update follows them. */
  sealedBytes: number;
}

export interface VerifyResult {
  /** All checks passed and nothing unexpected was found. */
  valid: boolean;
  /** The signed byte ranges are the whole file except the /Contents hex string. */
  coversWholeDocument: boolean;
  /** The CMS messageDigest equals the SHA-256 of the signed byte ranges. */
  digestMatches: boolean;
  /** The signature over the signed attributes verifies with the certificate's key. */
  signatureValid: boolean;
  /** From the Info dictionary (/JusteraProtocolId). */
  protocolId: string | null;
  /** Hex SHA-256 of the whole file as given. */
  sha256: string;
  subFilter: string | null;
  certificate: CertificateInfo | null;
  /** From /M of the signature dictionary, ISO. */
  signedAt: string | null;
  timestamp: TimestampInfo | null;
  /** PAdES B-LT data in a DSS under a document time stamp (B-LTA); null when the file has neither. */
  longTerm: LongTermInfo | null;
  /**
   * The prefix proof: the draft the record names (its length and SHA-256, from
   * the signed Info dictionary) and whether the file's first that many bytes
   * hash to it. Null when the record names no draft (sealed before records did).
   */
  draft: { bytes: number; sha256: string; matches: boolean } | null;
  /** Whether a trust anchor vouches for the signer certificate; null when no anchor was given. */
  trust: TrustResult | null;
  /** Why `valid` is false. */
  problems: string[];
  /** Worth knowing, not a reason to reject (e.g. a certificate in a timestamp that cannot be checked). */
  warnings: string[];
}
