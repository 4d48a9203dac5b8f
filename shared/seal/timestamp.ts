// RFC 3161 timestamp tokens: checking one (when requesting it and when
// verifying a sealed file). The token is an unsigned attribute, outside what
// the seal's own signature covers, so it has to stand on its own: its
// signature, its ESS certificate binding, and its imprint of our signature.
import { X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';
import { certificatesOf, checkEss, publicKeyOf, signedAttributesVerify, signerCertificate, signerHash, singleValue } from './cms-check';
import { bytesEqual, digest, HASH_BY_OID, OID, paramsAbsentOrNull, parseExact, plain, toHex } from './der';
import type { TimestampInfo } from './types';
import * as asn1js from 'asn1js';

export interface TimestampCheck {
  info: TimestampInfo | null;
  problems: string[];
  warnings: string[];
}

/** Checks a timestamp token (DER ContentInfo) against the signature value it should stamp. */
export function checkTimestampToken(token: Uint8Array, signatureValue: Uint8Array): TimestampCheck {
  const problems: string[] = [];
  const warnings: string[] = [];
  const fail = (message: string): TimestampCheck => ({ info: null, problems: [...problems, message], warnings });
  try {
    const ci = new pkijs.ContentInfo({ schema: parseExact(token, 'the timestamp token') });
    if (ci.contentType !== OID.signedData) return fail('the timestamp token is not a SignedData');
    const sd = new pkijs.SignedData({ schema: ci.content });
    const si = sd.signerInfos[0];
    const eContent = sd.encapContentInfo.eContent;
    if (sd.version !== 3 || sd.signerInfos.length !== 1 || !si || si.version !== 1 || sd.crls?.length)
      return fail('the timestamp token has an unexpected structure');
    if (sd.encapContentInfo.eContentType !== OID.tstInfo || !eContent)
      return fail('the timestamp token does not carry a TSTInfo');
    if (!sd.digestAlgorithms.some((a) => a.algorithmId === si.digestAlgorithm.algorithmId) || !sd.digestAlgorithms.every(paramsAbsentOrNull))
      problems.push('the timestamp token lists unexpected digest algorithms');

    const tstBytes = new Uint8Array(eContent.getValue());
    const tst = new pkijs.TSTInfo({ schema: parseExact(tstBytes, 'the TSTInfo') });

    const cert = signerCertificate(sd, si);
    if (!cert) return fail('the timestamp token does not carry the TSA certificate');
    const key = publicKeyOf(cert);
    const hash = signerHash(si, key);
    if (!hash) return fail('the timestamp token uses an unsupported or inconsistent algorithm');

    checkSignedAttributes(si, key, hash, tstBytes, problems);

    const bag = certificatesOf(sd);
    const ess = checkEss(si, cert, bag, false);
    if (ess) problems.push(`timestamp: ${ess}`);
    checkOtherCertificates(bag, cert, problems, warnings);

    checkImprint(tst, signatureValue, problems);

    if (!new x509.X509Certificate(plain(cert)).getExtension(x509.ExtendedKeyUsageExtension)?.usages.includes(x509.ExtendedKeyUsage.timeStamping))
      warnings.push('the TSA certificate is not marked for time stamping (extended key usage)');

    return {
      info: {
        time: tst.genTime.toISOString(),
        authority: new x509.X509Certificate(plain(cert)).subject,
        serialNumber: toHex(tst.serialNumber.valueBlock.valueHexView),
        valid: problems.length === 0,
      },
      problems,
      warnings,
    };
  } catch (error) {
    return fail(`the timestamp token cannot be read (${(error as Error).message})`);
  }
}

/** The TSA's signed attributes: content type, the digest of the TSTInfo, and its signature over them. */
function checkSignedAttributes(si: pkijs.SignerInfo, key: ReturnType<typeof publicKeyOf>, hash: NonNullable<ReturnType<typeof signerHash>>, tstBytes: Uint8Array, problems: string[]): void {
  const contentType = singleValue(si.signedAttrs, OID.contentType);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== OID.tstInfo)
    problems.push('the timestamp token’s content-type attribute is wrong');
  const messageDigest = singleValue(si.signedAttrs, OID.messageDigest);
  if (!(messageDigest instanceof asn1js.OctetString) || !bytesEqual(new Uint8Array(messageDigest.valueBlock.valueHexView), digest(hash, tstBytes)))
    problems.push('the timestamp token’s TSTInfo does not match its message digest');
  if (!signedAttributesVerify(si, key, hash)) problems.push('the timestamp token’s signature does not verify');
}

/** The timestamp must be over this signature value, with a hash we know. */
function checkImprint(tst: pkijs.TSTInfo, signatureValue: Uint8Array, problems: string[]): void {
  const imprintHash = HASH_BY_OID[tst.messageImprint.hashAlgorithm.algorithmId];
  if (!imprintHash || !paramsAbsentOrNull(tst.messageImprint.hashAlgorithm)) problems.push('the timestamp imprint uses an unsupported hash');
  else if (!bytesEqual(new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView), digest(imprintHash, signatureValue)))
    problems.push('the timestamp is not over this signature');
}

/**
 * Certificates in the token besides the TSA's are not covered by its ESS
 * attribute; check each against an issuer in the token when there is one.
 * One whose issuer is not included (a chain without its root) cannot be
 * checked and is only a warning: the token does not depend on it.
 */
function checkOtherCertificates(bag: Uint8Array[], signer: Uint8Array, problems: string[], warnings: string[]): void {
  const certs = bag.map((der) => ({ der, x: new X509Certificate(Buffer.from(der)) }));
  for (const c of certs) {
    if (bytesEqual(c.der, signer)) continue;
    const issuer = certs.find((i) => c.x.checkIssued(i.x));
    if (!issuer) warnings.push(`a certificate in the timestamp token (${c.x.subject.replace(/\n/g, ', ')}) has no issuer there to check it against`);
    else if (!c.x.verify(issuer.x.publicKey)) problems.push('a certificate in the timestamp token does not verify against its issuer');
  }
}
