// The seal as an archive keeps it: sealed, then — with a time-stamping
// authority — made PAdES B-LT (the chains and CRLs in a DSS) under a document
// time stamp, then validated by the same strict verifier `justera verify`
// runs, and the result kept beside the record as a small JSON signed with the
// seal key (a flattened JWS whose x5c names the seal certificate). Guidance on
// e-signatures is to validate when a signature is made and keep the answer:
// a reader decades later has both the file and what was true when it was made.
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID, toBytes } from './der';
import { addLongTermValidation } from './ltv';
import { fingerprint } from './published';
import { gatherValidationData, type CertificateStatus } from './revocation';
import { sealPdf } from './seal';
import type { SealOptions, SealSigner, VerifyResult } from './types';
import { verifySealedPdf } from './verify';
import { signJws } from './validation-jws';

export interface ValidationReport {
  /** The format of this JSON. */
  version: 1;
  protocolId: string | null;
  validatedAt: string;
  /** "PAdES B-T", "PAdES B-LTA" (B-LT data under a document time stamp), … */
  level: string;
  result: 'valid';
  file: { sha256: string; bytes: number };
  checks: {
    coversWholeDocument: boolean;
    digestMatches: boolean;
    signatureValid: boolean;
    prefixProof: VerifyResult['draft'];
    signatureTimestamp: VerifyResult['timestamp'];
    longTerm: VerifyResult['longTerm'];
    trust: VerifyResult['trust'];
  };
  /** Leaf first: subject and SHA-256 of each certificate of the seal. */
  certificateChain: { subject: string; sha256: string }[];
  /** Every certificate's status when sealed (seal and TSA chains); empty without a TSA. */
  revocation: CertificateStatus[];
  warnings: string[];
}

export interface ArchiveSeal {
  bytes: Uint8Array;
  report: ValidationReport;
  /** The report as a flattened JWS (JSON), signed with the seal key. */
  validation: Uint8Array;
}

export interface ArchiveSealOptions extends SealOptions {
  validatedAt?: Date;
}

/** The certificates in the seal's signature time stamp token (the TSA's), DER. */
function timestampCertificates(sealed: Uint8Array): Uint8Array[] {
  const text = Buffer.from(sealed).toString('latin1');
  const at = text.lastIndexOf('/ByteRange');
  const [b, c] = /\[\s*\d+\s+(\d+)\s+(\d+)/.exec(text.slice(at, at + 100))!.slice(1, 3).map(Number) as [number, number];
  const cms = asn1js.fromBER(Buffer.from(text.slice(b + 1, c - 1), 'hex')).result;
  const signed = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: cms }).content });
  const token = signed.signerInfos[0]?.unsignedAttrs?.attributes.find((a) => a.type === OID.signatureTimeStampToken)?.values[0];
  if (!token) return [];
  const tsa = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: token }).content });
  return (tsa.certificates ?? []).flatMap((x) => (x instanceof pkijs.Certificate ? [toBytes(x.toSchema().toBER())] : []));
}

function levelOf(result: VerifyResult): string {
  if (result.longTerm) return 'PAdES B-LTA';
  return result.timestamp ? 'PAdES B-T' : 'PAdES B-B';
}

/** Seals `stamped`, adds long-term validation data when a TSA is configured, and validates the outcome; throws when it does not validate. */
export async function sealForArchive(stamped: Uint8Array, signer: SealSigner, options: ArchiveSealOptions = {}): Promise<ArchiveSeal> {
  const sealed = await sealPdf(stamped, signer, options);
  const chain = [signer.certificate, ...(signer.chain ?? [])];
  let bytes = sealed;
  let revocation: CertificateStatus[] = [];
  if (options.tsaUrl) {
    const data = await gatherValidationData([...chain, ...timestampCertificates(sealed)], options.fetch);
    revocation = data.status;
    bytes = await addLongTermValidation(sealed, data, { tsaUrl: options.tsaUrl, fetch: options.fetch });
  }
  // Our own chain's top is the anchor: this checks the file and the chain, not whether a reader trusts the CA.
  const result = await verifySealedPdf(bytes, { trustAnchors: [chain.at(-1)!] });
  if (!result.valid) throw new Error(`The sealed record does not validate: ${result.problems.join('; ')}.`);
  const report: ValidationReport = {
    version: 1,
    protocolId: result.protocolId,
    validatedAt: (options.validatedAt ?? new Date()).toISOString(),
    level: levelOf(result),
    result: 'valid',
    file: { sha256: result.sha256, bytes: bytes.length },
    checks: {
      coversWholeDocument: result.coversWholeDocument,
      digestMatches: result.digestMatches,
      signatureValid: result.signatureValid,
      prefixProof: result.draft,
      signatureTimestamp: result.timestamp,
      longTerm: result.longTerm,
      trust: result.trust,
    },
    certificateChain: chain.map((der) => ({ subject: new X509Certificate(Buffer.from(der)).subject.split('\n').join(', '), sha256: fingerprint(der) })),
    revocation,
    warnings: result.warnings,
  };
  return { bytes, report, validation: await signJws(report, signer) };
}
