// Checks shared by the seal's own verification and the timestamp token's: one
// signer, its certificate found by issuer and serial, the signature over the
// signed attributes, and the ESS attribute binding the certificates.
import { createPublicKey, verify as verifySignature, X509Certificate, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, digest, essCertHashes, HASH_BY_OID, OID, paramsAbsentOrNull, SIGNATURE_ALGORITHMS, toBytes } from './der';

export function attributeValues(attrs: pkijs.SignedAndUnsignedAttributes | undefined, oid: string): unknown[][] {
  return (attrs?.attributes ?? []).filter((a) => a.type === oid).map((a) => a.values as unknown[]);
}

/** The single value of an attribute that must occur once with one value, or null. */
export function singleValue(attrs: pkijs.SignedAndUnsignedAttributes | undefined, oid: string): unknown {
  const found = attributeValues(attrs, oid);
  return found.length === 1 && found[0]!.length === 1 ? found[0]![0] : null;
}

/** DER of the certificates in a SignedData, as they are encoded there. */
export function certificatesOf(sd: pkijs.SignedData): Uint8Array[] {
  return (sd.certificates ?? []).map((c) => {
    if (!(c instanceof pkijs.Certificate)) throw new Error('the CMS carries a certificate of an unsupported type');
    return toBytes(c.toSchema().toBER());
  });
}

/** The certificate named by the signer's issuer and serial number. */
export function signerCertificate(sd: pkijs.SignedData, si: pkijs.SignerInfo): Uint8Array | null {
  if (!(si.sid instanceof pkijs.IssuerAndSerialNumber)) return null;
  const sid = si.sid;
  const issuer = toBytes(sid.issuer.toSchema().toBER());
  for (const cert of sd.certificates ?? []) {
    if (!(cert instanceof pkijs.Certificate)) continue;
    if (
      bytesEqual(toBytes(cert.issuer.toSchema().toBER()), issuer) &&
      bytesEqual(new Uint8Array(cert.serialNumber.valueBlock.valueHexView), new Uint8Array(sid.serialNumber.valueBlock.valueHexView))
    )
      return toBytes(cert.toSchema().toBER());
  }
  return null;
}

export function publicKeyOf(certificate: Uint8Array): KeyObject {
  return new X509Certificate(Buffer.from(certificate)).publicKey;
}

/** The hash a SignerInfo uses, when its digest and signature algorithms are ones we accept and agree. */
export function signerHash(si: pkijs.SignerInfo, key: KeyObject): string | null {
  const hash = HASH_BY_OID[si.digestAlgorithm.algorithmId];
  const sig = SIGNATURE_ALGORITHMS[si.signatureAlgorithm.algorithmId];
  if (!hash || hash === 'sha1' || !sig || !paramsAbsentOrNull(si.digestAlgorithm)) return null;
  if (sig.key !== key.asymmetricKeyType) return null;
  if (sig.hash && sig.hash !== hash) return null;
  // RSA signature OIDs carry NULL parameters, ECDSA ones none; anything else was altered.
  const params = si.signatureAlgorithm.algorithmParams as unknown;
  if (sig.key === 'rsa' ? !(params instanceof asn1js.Null) : params !== undefined) return null;
  return hash;
}

/** Verifies the signature over the DER of the signed attributes (as a SET, exactly as encoded in the file). */
export function signedAttributesVerify(si: pkijs.SignerInfo, key: KeyObject, hash: string): boolean {
  if (!si.signedAttrs) return false;
  // pkijs keeps the original encoding with the [0] tag already turned into SET (0x31).
  const data = new Uint8Array(si.signedAttrs.encodedValue);
  const signature = new Uint8Array(si.signature.valueBlock.valueHexView);
  try {
    return verifySignature(hash, data, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

/**
 * The ESS signing-certificate attribute: its first hash must be the signer's
 * certificate. With `allCerts`, every certificate in the CMS must be listed
 * (our own seals list the whole chain). Returns a problem, or null.
 */
export function checkEss(si: pkijs.SignerInfo, signerCert: Uint8Array, bag: Uint8Array[], allCerts: boolean): string | null {
  const v2 = singleValue(si.signedAttrs, OID.signingCertificateV2);
  const v1 = singleValue(si.signedAttrs, OID.signingCertificate);
  if (!v2 && !v1) return 'no signing-certificate attribute (ESS) in the signed attributes';
  let hashes;
  try {
    hashes = essCertHashes(v2 ?? v1, Boolean(v2));
  } catch (error) {
    return (error as Error).message;
  }
  const first = hashes[0];
  if (!first || !bytesEqual(first.value, digest(first.hash, signerCert)))
    return 'the signing-certificate attribute does not match the signer certificate';
  if (allCerts) {
    if (hashes.length !== bag.length) return 'the CMS carries certificates the signature does not cover';
    for (const cert of bag)
      if (!hashes.some((h) => bytesEqual(h.value, digest(h.hash, cert))))
        return 'a certificate in the CMS is not the one the signature covers';
  }
  return null;
}

/** Whether the public key in a certificate equals another SPKI (e.g. from KMS). */
export function sameSpki(a: Uint8Array, b: Uint8Array): boolean {
  const norm = (der: Uint8Array) =>
    new Uint8Array(createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }).export({ format: 'der', type: 'spki' }));
  return bytesEqual(norm(a), norm(b));
}
