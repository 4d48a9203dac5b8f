// Verifies a sealed protocol the strict way: the file must be exactly what was
// sealed. Every byte is either inside the signed byte ranges (digest), inside
// the CMS (signature, ESS binding, or a structure check here), or zero padding
// after it; a change to any one of them makes the result invalid. A record
// names its draft (length and SHA-256, in the signed Info dictionary); the
// first that many bytes must hash to it: the prefix proof that the record
// begins with exactly the file every signer approved.
import * as asn1js from 'asn1js';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFObject } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { INFO_DRAFT_BYTES, INFO_DRAFT_SHA256, INFO_PROTOCOL_ID } from '../stamp/types';
import { certificatesOf, checkEss, publicKeyOf, signedAttributesVerify, signerCertificate, signerHash, singleValue } from './cms-check';
import { bytesEqual, digest, OID, paramsAbsentOrNull, toBytes, toHex } from './der';
import { certificateInfo } from './describe';
import { checkLongTerm, isDocTimestamp } from './verify-long-term';
import { checkTimestampToken } from './timestamp';
import { checkTrust } from './trust';
import type { VerifyResult } from './types';

export interface VerifyOptions {
  /**
   * DER certificates trusted to seal: the stack's published seal certificates,
   * or the CA that issues them. Without any, `trust` stays null: the result then
   * says the file is intact, not who sealed it.
   */
  trustAnchors?: Uint8Array[];
  /** Whose key the anchors are, for the problem line ("not sealed by <organisation>'s key"). */
  organisation?: string;
}

export async function verifySealedPdf(bytes: Uint8Array, options: VerifyOptions = {}): Promise<VerifyResult> {
  const text = Buffer.from(bytes).toString('latin1'); // one char per byte
  const last = text.lastIndexOf('/ByteRange');
  // A document time stamp after the seal (PAdES B-LTA): the seal is checked on the file as it was sealed, the rest here.
  if (last > 0 && isDocTimestamp(text, last)) return verifyLongTerm(bytes, text, last, options);
  return verifySeal(bytes, options);
}

/** The seal itself: the last signature of `bytes` must be the seal and cover the whole of it. */
async function verifySeal(bytes: Uint8Array, options: VerifyOptions): Promise<VerifyResult> {
  const result = emptyResult(bytes);
  const problems = result.problems;
  const text = Buffer.from(bytes).toString('latin1');
  const info = await readInfo(bytes, text);
  result.protocolId = info.protocolId;
  result.draft = draftProof(bytes, info, result);

  const range = readByteRange(text, bytes.length, problems);
  if (!range) return result;
  const { at, a, b, c, d } = range;
  if (c + d < bytes.length) problems.push(`${bytes.length - c - d} bytes were appended after the seal (an update the seal does not cover)`);
  const hex = text.slice(b + 1, c - 1);
  result.coversWholeDocument =
    a === 0 &&
    c + d === bytes.length &&
    text[b] === '<' &&
    text[c - 1] === '>' &&
    /\/Contents\s*$/.test(text.slice(Math.max(0, b - 16), b)) &&
    at < b; // the ByteRange itself is signed
  if (!result.coversWholeDocument) problems.push('the signature does not cover the whole file (besides its own /Contents)');

  const dictionary = signatureDictionary(text, at, b, c);
  result.subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dictionary)?.[1] ?? null;
  if (result.subFilter !== 'ETSI.CAdES.detached') problems.push(`the signature is not PAdES (SubFilter ${result.subFilter ?? 'missing'})`);
  result.signedAt = pdfDate(/\/M\s*\((D:[^)]*)\)/.exec(dictionary)?.[1] ?? null);

  const signedDigest = digest('sha256', bytes.subarray(0, b), bytes.subarray(c, Math.min(bytes.length, c + d)));

  // Our seals write lower-case hex padded with zeros; mixed case or anything
  // after the DER value means the bytes were touched.
  if (!/^(?:[0-9a-f]*|[0-9A-F]*)$/.test(hex) || hex.length % 2) {
    problems.push('the /Contents is not a clean hex string');
    return result;
  }
  await checkSignature(new Uint8Array(Buffer.from(hex, 'hex')), signedDigest, result, options);
  result.valid = result.coversWholeDocument && result.digestMatches && result.signatureValid && problems.length === 0;
  return result;
}

function emptyResult(bytes: Uint8Array): VerifyResult {
  return {
    valid: false,
    coversWholeDocument: false,
    digestMatches: false,
    signatureValid: false,
    protocolId: null,
    sha256: toHex(digest('sha256', bytes)),
    subFilter: null,
    certificate: null,
    signedAt: null,
    timestamp: null,
    longTerm: null,
    trust: null,
    draft: null,
    problems: [],
    warnings: [],
  };
}

/**
 * A sealed file with the long-term update after it: the seal must verify on
 * the bytes it covers, and the update must be exactly the DSS and document
 * time stamp Justera writes, with a token over all of it.
 */
async function verifyLongTerm(bytes: Uint8Array, text: string, last: number, options: VerifyOptions): Promise<VerifyResult> {
  const seal = readByteRange(text.slice(0, last), bytes.length, []);
  if (!seal) {
    const result = emptyResult(bytes);
    result.problems.push('the file has a document time stamp but no seal before it');
    return result;
  }
  const sealEnd = seal.c + seal.d;
  const result = { ...(await verifySeal(bytes.subarray(0, sealEnd), options)), sha256: toHex(digest('sha256', bytes)) };
  result.longTerm = await checkLongTerm(bytes, text, last, sealEnd, result);
  result.valid = result.valid && result.problems.length === 0;
  return result;
}

/** The record's first bytes against the draft it names; null (with a warning) for a record that names none. */
function draftProof(bytes: Uint8Array, info: InfoFields, result: VerifyResult): VerifyResult['draft'] {
  if (info.draftBytes === null || info.draftSha256 === null) {
    result.warnings.push('the record does not name the bytes of its draft, so it cannot show that it begins with the draft');
    return null;
  }
  const fits = info.draftBytes > 0 && info.draftBytes < bytes.length;
  const prefixSha256 = fits ? toHex(digest('sha256', bytes.subarray(0, info.draftBytes))) : null;
  const matches = prefixSha256 === info.draftSha256.toLowerCase();
  if (!matches)
    result.problems.push(
      fits
        ? `the first ${info.draftBytes} bytes are not the draft: their SHA-256 is ${prefixSha256}, the draft's ${info.draftSha256}`
        : `the record names a draft of ${info.draftBytes} bytes, which does not fit the file`,
    );
  return { bytes: info.draftBytes, sha256: info.draftSha256, matches };
}

/** The last signature dictionary's /ByteRange (the one that must cover the file), or null with the problem noted. */
function readByteRange(text: string, size: number, problems: string[]): { at: number; a: number; b: number; c: number; d: number } | null {
  const at = text.lastIndexOf('/ByteRange');
  const range = at < 0 ? null : /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 100));
  if (!range) {
    problems.push(at < 0 ? 'the file has no signature' : 'the /ByteRange cannot be read');
    return null;
  }
  const [a, b, c, d] = range.slice(1, 5).map(Number) as [number, number, number, number];
  if (!(b > 0 && c > b + 1 && c <= size)) {
    problems.push('the /ByteRange does not fit the file');
    return null;
  }
  return { at, a, b, c, d };
}

/** The CMS signature, and with trust anchors, whose key made it. */
async function checkSignature(contents: Uint8Array, signedDigest: Uint8Array, result: VerifyResult, options: VerifyOptions): Promise<void> {
  let certificates: { signer: Uint8Array; bag: Uint8Array[] } | null = null;
  try {
    certificates = checkCms(contents, signedDigest, result);
  } catch (error) {
    result.problems.push(`the signature cannot be read (${(error as Error).message})`);
  }
  if (certificates && options.trustAnchors?.length) {
    const at = new Date(result.timestamp?.time ?? result.signedAt ?? Date.now());
    result.trust = await checkTrust(certificates.signer, certificates.bag, options.trustAnchors, at);
    if (!result.trust.trusted) result.problems.push(`not sealed by ${options.organisation ?? 'the trusted organisation'}'s key: ${result.trust.problem}`);
  }
}

/** Checks the CMS into `result`; returns the signer certificate and every certificate the CMS carries. */
function checkCms(contents: Uint8Array, signedDigest: Uint8Array, result: VerifyResult): { signer: Uint8Array; bag: Uint8Array[] } {
  const problems = result.problems;
  const parsed = asn1js.fromBER(contents);
  if (parsed.offset === -1) throw new Error('not DER');
  const der = contents.subarray(0, parsed.offset);
  if (contents.subarray(parsed.offset).some((byte) => byte !== 0)) problems.push('there are bytes after the signature in /Contents');

  const ci = new pkijs.ContentInfo({ schema: parsed.result });
  if (ci.contentType !== OID.signedData) throw new Error('not a CMS SignedData');
  const sd = new pkijs.SignedData({ schema: ci.content });
  const si = sd.signerInfos[0];
  if (!si) throw new Error('no signer');

  // Fields the signature does not cover must hold exactly what a seal writes.
  if (sd.version !== 1 || si.version !== 1) problems.push('unexpected CMS version');
  if (sd.signerInfos.length !== 1) problems.push('the CMS has more than one signer');
  if (sd.encapContentInfo.eContentType !== OID.data || sd.encapContentInfo.eContent) problems.push('the CMS is not detached');
  if (sd.crls?.length) problems.push('the CMS carries unexpected revocation data');
  if (sd.digestAlgorithms.length !== 1 || sd.digestAlgorithms[0]!.algorithmId !== OID.sha256 || !paramsAbsentOrNull(sd.digestAlgorithms[0]!))
    problems.push('the CMS lists unexpected digest algorithms');
  const reencoded = toBytes(new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema() }).toSchema().toBER());
  if (!bytesEqual(reencoded, der)) problems.push('the CMS is not in canonical DER form');

  const cert = signerCertificate(sd, si);
  if (!cert) throw new Error('the signer certificate is not in the CMS');
  result.certificate = certificateInfo(cert);
  const key = publicKeyOf(cert);
  const hash = signerHash(si, key);
  if (hash !== 'sha256') problems.push('the signature does not use SHA-256 with the certificate’s key type');

  const contentType = singleValue(si.signedAttrs, OID.contentType);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== OID.data)
    problems.push('the content-type attribute is missing or wrong');
  const messageDigest = singleValue(si.signedAttrs, OID.messageDigest);
  result.digestMatches = messageDigest instanceof asn1js.OctetString && bytesEqual(new Uint8Array(messageDigest.valueBlock.valueHexView), signedDigest);
  if (!result.digestMatches) problems.push('the file’s digest does not match the signed digest: the file was changed');
  result.signatureValid = hash !== null && signedAttributesVerify(si, key, hash);
  if (!result.signatureValid) problems.push('the signature does not verify with the certificate');
  if (singleValue(si.signedAttrs, OID.signingTime)) result.warnings.push('the CMS has a signingTime attribute (PAdES keeps the time in /M)');

  const ess = checkEss(si, cert, certificatesOf(sd), true);
  if (ess) problems.push(ess);

  for (const attr of si.unsignedAttrs?.attributes ?? []) {
    if (attr.type !== OID.signatureTimeStampToken || attr.values.length !== 1) {
      problems.push(`unexpected unsigned attribute ${attr.type}`);
      continue;
    }
    const check = checkTimestampToken(toBytes(attr.values[0].toBER()), new Uint8Array(si.signature.valueBlock.valueHexView));
    result.timestamp = check.info;
    problems.push(...check.problems);
    result.warnings.push(...check.warnings);
  }
  return { signer: cert, bag: certificatesOf(sd) };
}

/** The text of the signature dictionary around the /ByteRange, without the /Contents hex. */
function signatureDictionary(text: string, at: number, b: number, c: number): string {
  const start = Math.max(0, text.lastIndexOf(' obj', at));
  const end = text.indexOf('endobj', Math.max(at, c));
  const whole = text.slice(start, end < 0 ? Math.min(text.length, c + 2000) : end);
  const offset = b - start;
  return offset > 0 && offset < whole.length ? whole.slice(0, offset) + whole.slice(offset + (c - b)) : whole;
}

/** "D:20250219175600Z" or "D:20250219185600+01'00'" → ISO. */
function pdfDate(value: string | null): string | null {
  const m = value && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(value);
  if (!m) return null;
  const [, y, mo = '01', da = '01', h = '00', mi = '00', s = '00', zone = 'Z'] = m;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`;
  const date = new Date(`${y}-${mo}-${da}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

interface InfoFields {
  protocolId: string | null;
  draftSha256: string | null;
  draftBytes: number | null;
}

/**
 * Justera's keys of the Info dictionary. A sealed record ends with the seal's
 * classic trailer, so the last /Info reference and the last definition of that
 * object (the stamp's update) are read directly, which keeps verification
 * fast; anything else goes through pdf-lib, which also takes the last one.
 */
async function readInfo(bytes: Uint8Array, text: string): Promise<InfoFields> {
  const none: InfoFields = { protocolId: null, draftSha256: null, draftBytes: null };
  const ref = [...text.matchAll(/trailer\s*<<[^]*?\/Info\s+(\d+)\s+(\d+)\s+R/g)].at(-1);
  if (ref) {
    const object = [...text.matchAll(new RegExp(`(?:^|[\\r\\n\\s])${ref[1]}\\s+${ref[2]}\\s+obj\\s*<<([^]*?)>>\\s*endobj`, 'g'))].at(-1);
    if (object) {
      const value = (key: string) => new RegExp(`/${key}\\s*(<[0-9A-Fa-f\\s]*>|\\((?:\\\\.|[^\\\\)])*\\)|\\d+)`).exec(object[1]!)?.[1];
      const string = (key: string) => {
        const token = value(key);
        return token && /^[<(]/.test(token) ? decodePdfString(token) : null;
      };
      const length = value(INFO_DRAFT_BYTES);
      return { protocolId: string(INFO_PROTOCOL_ID), draftSha256: string(INFO_DRAFT_SHA256), draftBytes: length && /^\d+$/.test(length) ? Number(length) : null };
    }
  }
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
    const info = doc.context.lookup(doc.context.trailerInfo.Info);
    if (!(info instanceof PDFDict)) return none;
    const get = (key: string): PDFObject | undefined => info.get(PDFName.of(key));
    const string = (v: PDFObject | undefined) => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : null);
    const length = get(INFO_DRAFT_BYTES);
    return {
      protocolId: string(get(INFO_PROTOCOL_ID)),
      draftSha256: string(get(INFO_DRAFT_SHA256)),
      draftBytes: length instanceof PDFNumber ? length.asNumber() : null,
    };
  } catch {
    return none;
  }
}

function decodePdfString(token: string): string {
  const raw = token.startsWith('<')
    ? PDFHexString.of(token.slice(1, -1).replace(/\s+/g, ''))
    : PDFString.of(token.slice(1, -1));
  return raw.decodeText();
}
