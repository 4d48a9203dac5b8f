// Checking a completed order before it counts as a signature. completionData
// comes over a TLS connection we trust, but it is kept as evidence, so it must
// hold up by itself: the XML signature verifies (xml-crypto, over what it
// actually signed, not over whatever else the document holds), its
// certificate chains to a configured BankID root and the OCSP response says
// it was good, the signed text and digest
// are the ones this order asked for, and the person is the invited signer:
// the certificate's personnummer equals completionData's and its keyed hash
// the stored one.
import { createHash } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import * as x509 from '@peculiar/x509';
import { SignedXml } from 'xml-crypto';
import { checkTrust } from '../seal/trust';
import { signatureSha256 } from './evidence';
import { ocspProblem } from './ocsp';
import { matchesHash, Personnummer, type PersonnummerHasher } from './personnummer';
import type { CompletionData } from './schemas';

const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const BANKID_TYPES_NS = 'http://www.bankid.com/signature/v1.0.0/types';
const OID_SERIAL_NUMBER = '2.5.4.5';

/** What a BankID signature must have signed, and whom it must chain to: enough to check kept evidence without the personnummer key. */
export interface ExpectedData {
  /** The simpleMarkdownV1 text the order was started with. */
  visibleText: string;
  nonVisibleData: Uint8Array;
  /** DER certificates of the BankID roots trusted (test or production). */
  anchors: Uint8Array[];
  /** When the chain must be valid; default now. */
  at?: Date;
}

export interface ExpectedSignature extends ExpectedData {
  /** The invited signer's stored keyed hash. */
  personnummerHash: string;
  hasher: PersonnummerHasher;
}

export type VerifyProblem = 'malformed' | 'untrusted' | 'revocation' | 'signature' | 'other-data' | 'other-person';

export type VerifiedCompletion =
  | {
      ok: true;
      name: string;
      /** SHA-256 (hex) of the signature XML: what the audit page prints. */
      signatureSha256: string;
      /** SHA-256 (hex) of the signer's certificate. */
      certificateSha256: string;
      /** The root that vouched for it. */
      anchor: string;
    }
  | { ok: false; problem: VerifyProblem; reason: string };

const fail = (problem: VerifyProblem, reason: string): VerifiedCompletion => ({ ok: false, problem, reason });

/** The whole check, before a signature counts: the signature holds up and the person is the invited signer. */
export async function verifyCompletion(data: CompletionData, expected: ExpectedSignature): Promise<VerifiedCompletion> {
  const checked = await verifySignatureData(data, expected);
  if (!checked.ok) return checked;
  const parsed = Personnummer.parse(data.user.personalNumber);
  if (!parsed.ok || !(await matchesHash(expected.hasher, parsed.value, expected.personnummerHash)))
    return fail('other-person', 'signed by someone other than the invited signer');
  return checked;
}

/**
 * Everything but the invited signer's hash: the XML signature, its chain to a
 * BankID root, the OCSP response, the signed text and digest, and that the
 * certificate names the person completionData reports. `justera verify
 * --evidence` runs this on the kept evidence.
 */
export async function verifySignatureData(data: CompletionData, expected: ExpectedData): Promise<VerifiedCompletion> {
  const xml = Buffer.from(data.signature, 'base64').toString('utf8');
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => level !== 'warning' && errors.push(message) }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (errors.length || !root || root.localName !== 'Signature' || root.namespaceURI !== DSIG_NS)
    return fail('malformed', 'the signature is not an XML signature');

  const certs = Array.from(root.getElementsByTagNameNS(DSIG_NS, 'X509Certificate')).map(
    (node) => new Uint8Array(Buffer.from(node.textContent ?? '', 'base64')),
  );
  const [leaf, ...chain] = certs;
  if (!leaf) return fail('malformed', 'the signature carries no certificate');
  let leafCert: x509.X509Certificate;
  try {
    leafCert = new x509.X509Certificate(leaf);
  } catch {
    return fail('malformed', 'the signer certificate cannot be read');
  }
  const trust = await checkTrust(leaf, chain, expected.anchors, expected.at ?? new Date());
  if (!trust.trusted || !trust.anchor) return fail('untrusted', `the signer certificate is not from BankID: ${trust.problem ?? 'no chain'}`);
  const revocation = await ocspProblem(new Uint8Array(Buffer.from(data.ocspResponse, 'base64')), leaf, chain, expected.anchors);
  if (revocation) return fail('revocation', revocation);

  const sig = new SignedXml({ publicCert: leafCert.toString('pem'), getCertFromKeyInfo: () => null });
  let signed: string[];
  try {
    sig.loadSignature(root as unknown as Node);
    if (!sig.checkSignature(xml)) return fail('signature', 'the XML signature does not verify');
    signed = sig.getSignedReferences();
  } catch (error) {
    return fail('signature', `the XML signature does not verify (${(error as Error).message})`);
  }
  // Read the data from what was signed (the canonical form xml-crypto verified), never from the document around it.
  const signedData = signed
    .map((reference) => new DOMParser().parseFromString(reference, 'text/xml').documentElement)
    .find((el) => el?.localName === 'bankIdSignedData' && el.namespaceURI === BANKID_TYPES_NS);
  if (!signedData) return fail('signature', 'the signature does not cover bankIdSignedData');
  const field = (name: string) => signedData.getElementsByTagNameNS(BANKID_TYPES_NS, name)[0]?.textContent?.trim() ?? '';
  if (field('usrVisibleData') !== Buffer.from(expected.visibleText, 'utf8').toString('base64'))
    return fail('other-data', 'the signed text is not the one this signature was asked for');
  if (field('usrNonVisibleData') !== Buffer.from(expected.nonVisibleData).toString('base64'))
    return fail('other-data', 'the signed document digest is not this document');

  const certNumber = leafCert.subjectName.getField(OID_SERIAL_NUMBER)[0] ?? '';
  const parsed = Personnummer.parse(certNumber);
  if (!parsed.ok || certNumber !== data.user.personalNumber)
    return fail('other-person', 'the certificate does not name the person BankID reported');

  return {
    ok: true,
    name: data.user.name,
    signatureSha256: signatureSha256(data),
    certificateSha256: createHash('sha256').update(leaf).digest('hex'),
    anchor: trust.anchor,
  };
}
