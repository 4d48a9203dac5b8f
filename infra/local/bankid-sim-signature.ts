// The XML signature the simulator returns in completionData.signature, made
// the way BankID's are: an enveloping XML-DSig <Signature> whose <Object>
// holds <bankIdSignedData Id="bidSignedData"> (the visible and non-visible
// data as the RP sent them, base64, and the service info), signed with
// RSA-SHA256 after exclusive canonicalisation by the signer's key, the
// signer's certificate and the bank CA in <KeyInfo>.
import { randomBytes } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import type { Issued } from './bankid-sim-pki';

export const BANKID_TYPES_NS = 'http://www.bankid.com/signature/v1.0.0/types';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';

const text = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');
const certBase64 = (issued: Issued) => Buffer.from(issued.cert.rawData).toString('base64');

export interface SignatureInput {
  /** As the RP sent them: base64. */
  userVisibleData: string;
  userNonVisibleData?: string;
  rpName: string;
  signer: Issued;
  chain: Issued[];
  deviceIp: string;
}

export function signatureXml(input: SignatureInput): string {
  const signedData =
    `<bankIdSignedData xmlns="${BANKID_TYPES_NS}" Id="bidSignedData">` +
    `<usrVisibleData charset="UTF-8" visible="wysiwys">${text(input.userVisibleData)}</usrVisibleData>` +
    (input.userNonVisibleData ? `<usrNonVisibleData>${text(input.userNonVisibleData)}</usrNonVisibleData>` : '') +
    `<srvInfo><name>${b64(input.rpName)}</name><nonce>${randomBytes(20).toString('base64')}</nonce><displayName>${b64(input.rpName)}</displayName></srvInfo>` +
    `<clientInfo><funcId>Signing</funcId><version>${b64('Justera BankID-simulator')}</version>` +
    `<env><ai><type>${b64('SIMULATOR')}</type><deviceInfo>${b64(input.deviceIp)}</deviceInfo><uauth>pin</uauth></ai></env></clientInfo>` +
    `</bankIdSignedData>`;
  const certificates = [input.signer, ...input.chain].map((c) => `<X509Certificate>${certBase64(c)}</X509Certificate>`).join('');
  const sig = new SignedXml({
    privateKey: input.signer.keyPem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: EXC_C14N,
    objects: [{ content: signedData }],
    getKeyInfoContent: () => `<X509Data>${certificates}</X509Data>`,
  });
  sig.addReference({
    xpath: "//*[@Id='bidSignedData']",
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: [EXC_C14N],
    type: BANKID_TYPES_NS,
  });
  // xml-crypto signs into a document; BankID's signature is the <Signature> element alone.
  sig.computeSignature('<envelope/>');
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>${sig.getSignatureXml()}`;
}
