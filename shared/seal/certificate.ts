// A self-signed certificate for a key that signs elsewhere (KMS): the key
// never leaves its holder, so the certificate is assembled here and only the
// digest of its to-be-signed part goes out to be signed. For a test stage or
// a pilot; a production seal wants a certificate from the organisation's CA
// (issued for the same public key), which replaces this one without a new key.
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export interface RemoteKey {
  /** DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  keyAlgorithm: 'RSA' | 'EC';
  /** Signs the SHA-256 digest of `data` (RSA PKCS#1 v1.5, or ECDSA as DER r, s). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface CertificateSubject {
  commonName: string;
  organisation: string;
  /** Two-letter country code. */
  country?: string;
}

const OID = {
  commonName: '2.5.4.3',
  organisation: '2.5.4.10',
  country: '2.5.4.6',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyIdentifier: '2.5.29.14',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
};

/** The distinguished name, one attribute per RDN (pkijs would put them all in one set: "C=SE + O=… + CN=…"). */
function name(subject: CertificateSubject): pkijs.RelativeDistinguishedNames {
  const rdns: asn1js.Set[] = [];
  const add = (type: string, value: asn1js.BaseStringBlock) =>
    rdns.push(new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value }).toSchema()] }));
  if (subject.country) add(OID.country, new asn1js.PrintableString({ value: subject.country }));
  add(OID.organisation, new asn1js.Utf8String({ value: subject.organisation }));
  add(OID.commonName, new asn1js.Utf8String({ value: subject.commonName }));
  // Parsed back from its encoding, pkijs keeps those bytes as they are.
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false));
}

/** Issues a certificate for the key, signed by the key itself; returns its DER. */
export async function issueSelfSigned(key: RemoteKey, subject: CertificateSubject, options: { days?: number; now?: Date } = {}): Promise<Uint8Array> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x3f) | 0x40; // positive, no leading zero, never zero
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  cert.issuer = name(subject);
  cert.subject = name(subject);
  const notBefore = new Date((options.now ?? new Date()).getTime() - 5 * 60_000); // tolerate clock skew
  cert.notBefore.value = notBefore;
  cert.notAfter.value = new Date(notBefore.getTime() + (options.days ?? 3 * 365) * 86_400_000);
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(Uint8Array.from(key.spki));

  const keyUsage = new asn1js.BitString({ valueHex: new Uint8Array([0xc0]).buffer, unusedBits: 6 }); // digitalSignature, nonRepudiation
  const keyId = createHash('sha1').update(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest(); // RFC 5280 method 1
  cert.extensions = [
    new pkijs.Extension({ extnID: OID.basicConstraints, critical: true, extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false) }),
    new pkijs.Extension({ extnID: OID.keyUsage, critical: true, extnValue: keyUsage.toBER(false) }),
    new pkijs.Extension({ extnID: OID.subjectKeyIdentifier, critical: false, extnValue: new asn1js.OctetString({ valueHex: new Uint8Array(keyId) }).toBER(false) }),
  ];

  const algorithm = () =>
    key.keyAlgorithm === 'RSA'
      ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() })
      : new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSHA256 });
  cert.signature = algorithm();
  cert.signatureAlgorithm = algorithm();
  const tbs = new Uint8Array(cert.encodeTBS().toBER(false));
  cert.tbsView = tbs;
  cert.signatureValue = new asn1js.BitString({ valueHex: Uint8Array.from(await key.sign(tbs)) });
  return new Uint8Array(cert.toSchema(false).toBER(false));
}

export function certificatePem(der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
