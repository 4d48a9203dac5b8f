// RFC 3161 client: asks a time-stamping authority to stamp the hash of our
// signature value (CAdES signature-time-stamp) and returns the token as
// received, after checking it answers our request.
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, digest, OID } from './der';
import { checkTimestampToken } from './timestamp';

const TIMEOUT_MS = 15_000;

/** Requests a timestamp over `signatureValue`; returns the DER TimeStampToken (a CMS ContentInfo). */
export async function requestTimestamp(url: string, signatureValue: Uint8Array, fetchImpl: typeof fetch = fetch): Promise<Uint8Array> {
  const nonce = randomBytes(8);
  // 0x40..0x7f first: a positive INTEGER with no leading zero octet, so it compares byte for byte.
  nonce[0] = ((nonce[0] ?? 0) & 0x3f) | 0x40;
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: digest('sha256', signatureValue) }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true, // the token then carries the TSA certificate, so it verifies on its own
  });

  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
    body: new Uint8Array(request.toSchema().toBER()),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`The time-stamping authority answered HTTP ${response.status}.`);
  const raw = new Uint8Array(await response.arrayBuffer());

  const parsed = asn1js.fromBER(raw);
  if (parsed.offset === -1) throw new Error('The time-stamping authority sent an unreadable answer.');
  const reply = new pkijs.TimeStampResp({ schema: parsed.result });
  const status = reply.status.status;
  if ((status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) || !reply.timeStampToken) {
    const text = reply.status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
    throw new Error(`The time-stamping authority refused the request (status ${status}${text ? `: ${text}` : ''}).`);
  }
  // Keep the token's bytes exactly as the TSA encoded them.
  const tokenElement = (parsed.result as asn1js.Sequence).valueBlock.value[1]!;
  const token = new Uint8Array(tokenElement.valueBeforeDecodeView);

  const check = checkTimestampToken(token, signatureValue);
  if (!check.info || check.problems.length) throw new Error(`The timestamp token is not usable: ${check.problems.join('; ')}.`);
  const tst = new pkijs.TSTInfo({
    schema: asn1js.fromBER(new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: tokenElement }).content }).encapContentInfo.eContent!.getValue()).result,
  });
  if (!tst.nonce || !bytesEqual(new Uint8Array(tst.nonce.valueBlock.valueHexView), new Uint8Array(nonce)))
    throw new Error('The timestamp token does not answer this request (nonce differs).');
  return token;
}
