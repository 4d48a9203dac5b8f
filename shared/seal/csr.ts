// A PKCS#10 certificate request (RFC 2986) for a key that signs elsewhere
// (KMS, or the local key file): assembled here, and only the digest of its
// to-be-signed part goes out to be signed. A CA issues an organisation seal
// certificate (ideally qualified, eIDAS) for the same public key, so the
// seal moves from self-signed to CA-issued without a new key. The subject
// names the organisation and, when given, its identifier in the form ETSI EN
// 319 412-1 gives it (organizationIdentifier "NTRSE-<organisationsnummer>").
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { RemoteKey } from './certificate';

export interface RequestSubject {
  organisation: string;
  commonName: string;
  /** Swedish organisationsnummer, ten digits (a hyphen is allowed). */
  orgNumber?: string;
  /** Two-letter country code; default SE. */
  country?: string;
}

const OID = {
  country: '2.5.4.6',
  organisation: '2.5.4.10',
  organizationIdentifier: '2.5.4.97',
  commonName: '2.5.4.3',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
};

/** "556677-8899" or "5566778899" → "NTRSE-5566778899"; throws on anything else. */
export function organisationIdentifier(orgNumber: string): string {
  const digits = orgNumber.replace(/-/g, '');
  if (!/^\d{10}$/.test(digits)) throw new Error(`"${orgNumber}" is not a Swedish organisationsnummer (ten digits).`);
  return `NTRSE-${digits}`;
}

function subjectName(subject: RequestSubject): pkijs.RelativeDistinguishedNames {
  const rdns: asn1js.Set[] = [];
  const add = (type: string, value: asn1js.BaseStringBlock) => rdns.push(new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value }).toSchema()] }));
  add(OID.country, new asn1js.PrintableString({ value: subject.country ?? 'SE' }));
  add(OID.organisation, new asn1js.Utf8String({ value: subject.organisation }));
  if (subject.orgNumber) add(OID.organizationIdentifier, new asn1js.Utf8String({ value: organisationIdentifier(subject.orgNumber) }));
  add(OID.commonName, new asn1js.Utf8String({ value: subject.commonName }));
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false));
}

/** The DER CertificationRequest, signed by `key` over its SHA-256 digest. */
export async function certificateRequest(key: RemoteKey, subject: RequestSubject): Promise<Uint8Array> {
  const request = new pkijs.CertificationRequest();
  request.version = 0;
  request.subject = subjectName(subject);
  request.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(Uint8Array.from(key.spki));
  request.attributes = [];
  request.signatureAlgorithm =
    key.keyAlgorithm === 'RSA'
      ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() })
      : new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSHA256 });
  // encodeTBS is protected in pkijs' typings for requests, public for certificates; the same method either way.
  const tbs = new Uint8Array((request as unknown as { encodeTBS(): asn1js.Sequence }).encodeTBS().toBER(false));
  request.tbsView = tbs;
  request.signatureValue = new asn1js.BitString({ valueHex: Uint8Array.from(await key.sign(tbs)) });
  return new Uint8Array(request.toSchema(false).toBER(false));
}

export function requestPem(der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE REQUEST-----\n${lines.join('\n')}\n-----END CERTIFICATE REQUEST-----\n`;
}
