// Verifies the long-term update after a seal (shared/seal/ltv.ts): the
// document time stamp covers the whole file, its token stamps exactly those
// bytes, and the update between the seal and the token is byte for byte what
// Justera writes for the DSS it holds — so no page, annotation or object can
// have been slipped in under a time stamp anyone could obtain.
import { bytesEqual } from './der';
import { prepareDocTimestamp, readDss, writeLtvUpdate } from './ltv';
import { fingerprint } from './published';
import { checkTimestampToken } from './timestamp';
import type { LongTermInfo, VerifyResult } from './types';

/** The signature dictionary around the /ByteRange at `at` is a document time stamp. */
export function isDocTimestamp(text: string, at: number): boolean {
  const start = text.lastIndexOf(' obj', at);
  const head = text.slice(Math.max(0, start), at + 200);
  return /\/Type\s*\/DocTimeStamp\b/.test(head) || /\/SubFilter\s*\/ETSI\.RFC3161\b/.test(head);
}

export async function checkLongTerm(bytes: Uint8Array, text: string, at: number, sealEnd: number, result: VerifyResult): Promise<LongTermInfo | null> {
  const problems = result.problems;
  const range = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 100));
  const [a, b, c, d] = (range?.slice(1, 5) ?? []).map(Number) as [number, number, number, number];
  if (range && c + d < bytes.length) {
    problems.push(`${bytes.length - c - d} bytes were appended after the seal and its document time stamp (an update neither covers)`);
    return null;
  }
  if (!range || a !== 0 || !(b > sealEnd && c > b + 1 && c + d === bytes.length) || text[b] !== '<' || text[c - 1] !== '>') {
    problems.push('the document time stamp does not cover the whole file');
    return null;
  }

  let dss: Awaited<ReturnType<typeof readDss>>;
  try {
    dss = await readDss(bytes);
  } catch (error) {
    problems.push(`the long-term validation data cannot be read (${(error as Error).message})`);
    return null;
  }
  if (!dss) {
    problems.push('the document time stamp comes without long-term validation data (no DSS)');
    return null;
  }

  // Rebuild the update from the seal's bytes and the DSS found; only the token's hex may differ.
  const capacity = (c - b - 2) / 2;
  try {
    const rebuilt = prepareDocTimestamp(await writeLtvUpdate(bytes.subarray(0, sealEnd), dss, capacity)).bytes;
    if (rebuilt.length !== bytes.length || !bytesEqual(rebuilt.subarray(0, b), bytes.subarray(0, b)) || !bytesEqual(rebuilt.subarray(c), bytes.subarray(c)))
      problems.push('the update after the seal holds more than the long-term validation data and the document time stamp');
  } catch (error) {
    problems.push(`the update after the seal cannot be checked (${(error as Error).message})`);
  }

  const hex = text.slice(b + 1, c - 1);
  let docTimestamp: LongTermInfo['docTimestamp'] = null;
  if (!/^[0-9a-f]+$/.test(hex) || hex.length % 2) problems.push('the document time stamp is not a clean hex string');
  else {
    const covered = new Uint8Array(bytes.length - (c - b));
    covered.set(bytes.subarray(0, b), 0);
    covered.set(bytes.subarray(c), b);
    // The token is followed by zero padding; its DER header says where it ends.
    const token = exactDer(new Uint8Array(Buffer.from(hex, 'hex')));
    const check = checkTimestampToken(token, covered);
    docTimestamp = check.info;
    problems.push(...check.problems.map((p) => `document time stamp: ${p}`));
    result.warnings.push(...check.warnings.map((w) => `document time stamp: ${w}`));
  }

  const seal = result.certificate?.sha256Fingerprint;
  const holdsSealCertificate = Boolean(seal && dss.certificates.some((cert) => fingerprint(cert) === seal));
  if (!holdsSealCertificate) problems.push('the long-term validation data does not hold the seal certificate');
  return { certificates: dss.certificates.length, crls: dss.crls.length, ocsps: dss.ocsps, holdsSealCertificate, docTimestamp, sealedBytes: sealEnd };
}

/** The DER value at the start of `bytes` (its length from its header), or all of it when the header cannot be read. */
function exactDer(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0x30 || bytes.length < 2) return bytes;
  const first = bytes[1]!;
  if (first < 0x80) return bytes.subarray(0, 2 + first);
  const n = first & 0x7f;
  if (n === 0 || n > 4 || bytes.length < 2 + n) return bytes;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + bytes[2 + i]!;
  const end = 2 + n + length;
  if (end > bytes.length || bytes.subarray(end).some((x) => x !== 0)) return bytes;
  return bytes.subarray(0, end);
}
