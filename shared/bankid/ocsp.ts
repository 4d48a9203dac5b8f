// The OCSP response in completionData: BankID's word that the signer's
// certificate was not revoked when they signed. It counts only if it is a
// successful response, signed by a responder allowed to speak for the
// certificate's issuer (pkijs checks RFC 6960's rules), and says "good" for
// exactly this certificate.
import * as pkijs from 'pkijs';

const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';

/** null when the response vouches for the certificate; otherwise why not. */
export async function ocspProblem(ocspDer: Uint8Array, leafDer: Uint8Array, chainDer: Uint8Array[], anchorsDer: Uint8Array[]): Promise<string | null> {
  const parse = (der: Uint8Array) => pkijs.Certificate.fromBER(Uint8Array.from(der));
  try {
    const response = pkijs.OCSPResponse.fromBER(Uint8Array.from(ocspDer));
    if (response.responseStatus.valueBlock.valueDec !== 0) return 'the OCSP response is not a successful one';
    if (response.responseBytes?.responseType !== OCSP_BASIC) return 'the OCSP response is not a basic response';
    const basic = pkijs.BasicOCSPResponse.fromBER(Uint8Array.from(response.responseBytes.response.valueBlock.valueHexView));
    const leaf = parse(leafDer);
    const chain = chainDer.map(parse);
    const issuer = chain.find((c) => c.subject.isEqual(leaf.issuer));
    if (!issuer) return 'the issuer of the signer certificate is not in the signature';
    // The signature's own chain may be what links the responder to the root: offer it as intermediates (not as anchors).
    const carried = basic.certs ?? [];
    const carriedDer = carried.map((c) => Buffer.from(c.toSchema().toBER(false)).toString('base64'));
    basic.certs = [...carried, ...chainDer.filter((der) => !carriedDer.includes(Buffer.from(der).toString('base64'))).map(parse)];
    if (!(await basic.verify({ trustedCerts: anchorsDer.map(parse), issuerCerts: [issuer] })))
      return 'the OCSP response signature does not verify';
    const status = await basic.getCertificateStatus(leaf, issuer);
    if (!status.isForCertificate) return 'the OCSP response is about another certificate';
    if (status.status !== 0) return status.status === 1 ? 'the signer certificate is revoked' : 'the signer certificate status is unknown';
    return null;
  } catch (error) {
    return `the OCSP response cannot be checked (${(error as Error).message})`;
  }
}
