// Small ASN.1 pieces that pkijs does not model: object identifiers we use, the
// ESS signing-certificate attributes (RFC 2634 / RFC 5035) and DER ordering.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  ecdsaWithSHA512: '1.2.840.10045.4.3.4',
} as const;

/** Node hash names by digest OID. */
export const HASH_BY_OID: Record<string, 'sha1' | 'sha256' | 'sha384' | 'sha512'> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

/** Signature algorithms we accept, with the key type they need and the hash they imply (null: from digestAlgorithm). */
export const SIGNATURE_ALGORITHMS: Record<string, { key: 'rsa' | 'ec'; hash: string | null }> = {
  [OID.rsaEncryption]: { key: 'rsa', hash: null },
  [OID.sha256WithRSA]: { key: 'rsa', hash: 'sha256' },
  [OID.sha384WithRSA]: { key: 'rsa', hash: 'sha384' },
  [OID.sha512WithRSA]: { key: 'rsa', hash: 'sha512' },
  [OID.ecdsaWithSHA256]: { key: 'ec', hash: 'sha256' },
  [OID.ecdsaWithSHA384]: { key: 'ec', hash: 'sha384' },
  [OID.ecdsaWithSHA512]: { key: 'ec', hash: 'sha512' },
};

export function digest(algorithm: string, ...parts: Uint8Array[]): Uint8Array {
  const hash = createHash(algorithm);
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

export function toHex(bytes: Uint8Array | ArrayBuffer): string {
  return Buffer.from(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes).toString('hex');
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

/** A copy backed by a plain ArrayBuffer, as WebCrypto-typed APIs (pkijs, @peculiar/x509) want. */
export function plain(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

export function toBytes(buffer: ArrayBuffer): Uint8Array {
  return new Uint8Array(buffer);
}

/**
 * SigningCertificateV2 with one ESSCertIDv2 per certificate, SHA-256 (the
 * default, so hashAlgorithm is omitted as DER requires). The first is the
 * signer's; listing the chain too binds every certificate in the CMS to the
 * signature, so none can be swapped or altered unnoticed.
 */
export function signingCertificateV2(certificates: Uint8Array[]): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: certificates.map(
          (der) => new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: digest('sha256', der) })] }),
        ),
      }),
    ],
  });
}

/** The certificate hashes of a SigningCertificate (v1, SHA-1) or SigningCertificateV2 attribute value. */
export function essCertHashes(value: unknown, v2: boolean): { hash: string; value: Uint8Array }[] {
  const fail = () => {
    throw new Error('malformed signing-certificate attribute');
  };
  if (!(value instanceof asn1js.Sequence)) fail();
  const certs = (value as asn1js.Sequence).valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return fail();
  return certs.valueBlock.value.map((id) => {
    if (!(id instanceof asn1js.Sequence)) return fail();
    const parts = id.valueBlock.value;
    let hash = v2 ? 'sha256' : 'sha1';
    let i = 0;
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      const alg = new pkijs.AlgorithmIdentifier({ schema: parts[0] });
      hash = HASH_BY_OID[alg.algorithmId] ?? fail();
      i = 1;
    }
    const octets = parts[i];
    if (!(octets instanceof asn1js.OctetString)) return fail();
    return { hash, value: new Uint8Array(octets.valueBlock.valueHexView) };
  });
}

/** DER orders the members of a SET OF by their encodings (X.690 11.6). */
export function derSort<T>(items: T[], encode: (item: T) => Uint8Array): T[] {
  const encoded = items.map((item) => ({ item, der: encode(item) }));
  encoded.sort((a, b) => {
    const n = Math.max(a.der.length, b.der.length);
    for (let i = 0; i < n; i++) {
      const d = (a.der[i] ?? 0) - (b.der[i] ?? 0);
      if (d) return d;
    }
    return 0;
  });
  return encoded.map((e) => e.item);
}

/** An AlgorithmIdentifier's parameters: absent or NULL is all a hash or RSA/ECDSA signature OID may carry. */
export function paramsAbsentOrNull(alg: pkijs.AlgorithmIdentifier): boolean {
  const p = alg.algorithmParams as unknown; // pkijs leaves it undefined when absent
  return p === undefined || p instanceof asn1js.Null;
}

/** Parses one DER element that must fill `bytes` exactly. */
export function parseExact(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1 || parsed.offset !== bytes.length) throw new Error(`${what} is not a single well-formed DER value`);
  return parsed.result;
}
