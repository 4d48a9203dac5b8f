// Builds the CMS SignedData of a PAdES baseline B-B seal (ETSI EN 319 142-1,
// CAdES detached): SHA-256, signed attributes contentType, messageDigest and
// signingCertificateV2, no signingTime (PAdES puts the claimed time in the
// signature dictionary's /M), optionally an RFC 3161 signature timestamp as the
// unsigned attribute signatureTimeStampToken (which makes it B-T).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { publicKeyOf, signedAttributesVerify } from './cms-check';
import { derSort, OID, plain, signingCertificateV2, toBytes } from './der';
import { requestTimestamp } from './tsa';
import type { SealSigner } from './types';

export interface CmsOptions {
  tsaUrl?: string;
  fetch?: typeof fetch;
}

function parseCertificate(der: Uint8Array): pkijs.Certificate {
  const cert = pkijs.Certificate.fromBER(plain(der));
  // The ESS hash and the certificate in the CMS must be the same bytes.
  if (!Buffer.from(cert.toSchema().toBER()).equals(Buffer.from(der)))
    throw new Error('The seal certificate is not DER encoded; re-export it as DER.');
  return cert;
}

/** CMS ContentInfo (DER) over the SHA-256 `documentDigest` of the PDF's signed byte ranges. */
export async function buildCadesSignature(documentDigest: Uint8Array, signer: SealSigner, options: CmsOptions = {}): Promise<Uint8Array> {
  const certificates = [signer.certificate, ...(signer.chain ?? [])];
  const parsed = certificates.map(parseCertificate);
  const own = parsed[0]!;

  const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: derSort(
      [
        attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
        attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: documentDigest })),
        attribute(OID.signingCertificateV2, signingCertificateV2(certificates)),
      ],
      (a) => toBytes(a.toSchema().toBER()),
    ),
  });
  // The signature covers the attributes' DER with a SET tag instead of [0] (RFC 5652 5.4).
  const toSign = toBytes(signedAttrs.toSchema().toBER());
  toSign[0] = 0x31;
  signedAttrs.encodedValue = toSign.slice().buffer;

  const signature = await signer.sign(toSign);
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: own.issuer, serialNumber: own.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm:
      signer.keyAlgorithm === 'RSA'
        ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() })
        : new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSHA256 }),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  // A key that does not belong to the certificate (a misconfigured KMS key id,
  // a swapped PEM) would produce a seal nobody can verify: refuse it here.
  if (!signedAttributesVerify(signerInfo, publicKeyOf(signer.certificate), 'sha256'))
    throw new Error('The seal signature does not verify with the seal certificate: key and certificate do not match.');

  if (options.tsaUrl) {
    const token = await requestTimestamp(options.tsaUrl, signature, options.fetch);
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [attribute(OID.signatureTimeStampToken, asn1js.fromBER(token).result)],
    });
  }

  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: parsed,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return toBytes(contentInfo.toSchema().toBER());
}
