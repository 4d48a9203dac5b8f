// An issued seal certificate chain, checked before it replaces the
// self-signed one: the leaf must carry the seal key's public key (a chain for
// another key would make every seal unverifiable), be valid now and be meant
// for signing, and each certificate must be issued and signed by the next.
import { X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { sameSpki } from './cms-check';
import { plain } from './der';
import { derOf, pemBlocks } from './published';

export interface IssuedChain {
  /** DER, leaf first. */
  certificates: Uint8Array[];
  /** The leaf's issuer, as readers show it. */
  issuer: string;
}

const oneLine = (name: string) => name.split('\n').join(', ');

/** Checks the PEM chain against the seal key's SubjectPublicKeyInfo; throws with the reason. */
export function checkIssuedChain(pem: string, spki: Uint8Array, now = new Date()): IssuedChain {
  const certificates = pemBlocks(pem).map(derOf);
  if (!certificates.length) throw new Error('the file holds no PEM certificate');
  const certs = certificates.map((der) => new X509Certificate(Buffer.from(der)));
  const leaf = certs[0]!;
  if (!sameSpki(new Uint8Array(leaf.publicKey.export({ format: 'der', type: 'spki' })), spki))
    throw new Error('the first certificate is not for the seal key (its public key differs); put the seal certificate first');
  if (now < new Date(leaf.validFrom) || now > new Date(leaf.validTo)) throw new Error(`the seal certificate is not valid now (${leaf.validFrom} – ${leaf.validTo})`);
  const parsed = new x509.X509Certificate(plain(certificates[0]!));
  // From the extension itself: OpenSSL's notion of "CA" (node's .ca) also wants keyCertSign.
  if (parsed.getExtension(x509.BasicConstraintsExtension)?.ca) throw new Error('the seal certificate is a CA certificate');
  const usage = parsed.getExtension(x509.KeyUsagesExtension)?.usages;
  if (usage !== undefined && !(usage & (x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation)))
    throw new Error('the seal certificate is not for signatures (key usage)');
  for (let i = 0; i + 1 < certs.length; i++) {
    const [child, parent] = [certs[i]!, certs[i + 1]!];
    if (child.issuer !== parent.subject || !child.verify(parent.publicKey))
      throw new Error(`certificate ${i + 2} (${oneLine(parent.subject)}) did not issue certificate ${i + 1} (${oneLine(child.subject)}); give the chain leaf first`);
  }
  if (certs.length === 1 && leaf.issuer !== leaf.subject) throw new Error(`the chain ends at the seal certificate; add its issuer (${oneLine(leaf.issuer)})`);
  return { certificates, issuer: oneLine(leaf.issuer) };
}
