// The kept validation result is signed with the seal key, so it is evidence
// of its own: a flattened JWS (RFC 7515, JSON serialization) whose protected
// header names the algorithm and carries the seal certificate chain (x5c).
// RS256 for an RSA seal key, ES256 for EC (KMS and Node give ECDSA as DER;
// JWS wants r and s as two 32-byte halves).
import { verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import type { SealSigner } from './types';

export interface FlattenedJws {
  protected: string;
  payload: string;
  signature: string;
}

const b64u = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

/** DER ECDSA-Sig-Value → r ‖ s, each left-padded to 32 bytes (P-256). */
function rawEcdsa(der: Uint8Array): Uint8Array {
  const seq = asn1js.fromBER(der).result as asn1js.Sequence;
  const part = (i: number) => {
    const bytes = new Uint8Array((seq.valueBlock.value[i] as asn1js.Integer).valueBlock.valueHexView);
    const trimmed = bytes.subarray(Math.max(0, bytes.length - 32));
    const out = new Uint8Array(32);
    out.set(trimmed, 32 - trimmed.length);
    return out;
  };
  return new Uint8Array([...part(0), ...part(1)]);
}

export async function signJws(payload: unknown, signer: SealSigner): Promise<Uint8Array> {
  const header = {
    alg: signer.keyAlgorithm === 'RSA' ? 'RS256' : 'ES256',
    cty: 'application/json',
    x5c: [signer.certificate, ...(signer.chain ?? [])].map((c) => Buffer.from(c).toString('base64')),
  };
  const protectedHeader = b64u(JSON.stringify(header));
  const body = b64u(JSON.stringify(payload));
  const signature = await signer.sign(new TextEncoder().encode(`${protectedHeader}.${body}`));
  const jws: FlattenedJws = { protected: protectedHeader, payload: body, signature: b64u(signer.keyAlgorithm === 'RSA' ? signature : rawEcdsa(signature)) };
  return new TextEncoder().encode(`${JSON.stringify(jws, null, 2)}\n`);
}

/** Checks a JWS from signJws against the certificate it names; returns the payload and that certificate (DER), or throws. */
export function openJws(text: string): { payload: unknown; certificate: Uint8Array } {
  const jws = JSON.parse(text) as FlattenedJws;
  const header = JSON.parse(Buffer.from(jws.protected, 'base64url').toString('utf8')) as { alg?: string; x5c?: string[] };
  const leaf = header.x5c?.[0];
  if (!leaf || (header.alg !== 'RS256' && header.alg !== 'ES256')) throw new Error('not a validation result signed by a seal key');
  const certificate = new Uint8Array(Buffer.from(leaf, 'base64'));
  const key = new X509Certificate(Buffer.from(certificate)).publicKey;
  const ok = verify('sha256', Buffer.from(`${jws.protected}.${jws.payload}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(jws.signature, 'base64url'));
  if (!ok) throw new Error('the validation result’s signature does not verify');
  return { payload: JSON.parse(Buffer.from(jws.payload, 'base64url').toString('utf8')), certificate };
}
