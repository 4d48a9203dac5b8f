// completionData.ocspResponse as BankID gives it: a DER OCSP response
// (RFC 6960) saying the signer's certificate was good at signing time, signed
// by the issuing bank CA. Kept with the signature as evidence.
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Issued } from './bankid-sim-pki';

const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';

export async function goodOcspResponse(signer: Issued, issuer: Issued, at: Date): Promise<Uint8Array> {
  const engine = new pkijs.CryptoEngine({ crypto: webcrypto as unknown as Crypto });
  const cert = pkijs.Certificate.fromBER(new Uint8Array(signer.cert.rawData));
  const issuerCert = pkijs.Certificate.fromBER(new Uint8Array(issuer.cert.rawData));
  const certID = new pkijs.CertID();
  await certID.createForCertificate(cert, { hashAlgorithm: 'SHA-1', issuerCertificate: issuerCert }, engine);

  const basic = new pkijs.BasicOCSPResponse();
  basic.tbsResponseData.responderID = issuerCert.subject;
  basic.tbsResponseData.producedAt = at;
  basic.tbsResponseData.responses.push(
    new pkijs.SingleResponse({
      certID,
      // good: [0] IMPLICIT NULL
      certStatus: new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } }),
      thisUpdate: at,
    }),
  );
  basic.certs = [issuerCert];
  await basic.sign(issuer.keys.privateKey, 'SHA-256', engine);

  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: 0 }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: OCSP_BASIC,
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
    }),
  });
  return new Uint8Array(response.toSchema().toBER(false));
}
