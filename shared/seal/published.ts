// The seal certificates a stack publishes (GET /seal-certificates) and a
// verifier trusts: PEM text in, the facts a person compares (SHA-256
// fingerprint, subject, validity) out. Node's crypto only, so the public API
// function that serves them stays small and holds no key.
import { createHash, X509Certificate } from 'node:crypto';

/** The local seal certificate's file beside its key (the key file is never read by the API). */
export const SEAL_CERT_FILE = 'seal-cert.pem';

export interface PublishedCertificate {
  /** Hex SHA-256 of the DER certificate, lower case, no separators (as the audit page prints it). */
  sha256: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  pem: string;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g;

/** Every certificate in a PEM text, in order, each as its own PEM block. */
export function pemBlocks(text: string): string[] {
  return [...text.matchAll(PEM_BLOCK)].map((m) => `${m[0].trim()}\n`);
}

export function derOf(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''), 'base64'));
}

export function pemOf(der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export function fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** "CN=…, O=…" from Node's one-attribute-per-line form. */
function oneLine(name: string): string {
  return name.split('\n').join(', ');
}

export function publishedCertificate(pem: string): PublishedCertificate {
  const der = derOf(pem);
  const cert = new X509Certificate(Buffer.from(der));
  return {
    sha256: fingerprint(der),
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    pem: pemOf(der),
  };
}

/** The organisation a certificate names (O, else CN), for "not sealed by <organisation>'s key". */
export function organisationOf(der: Uint8Array): string | null {
  const subject = new X509Certificate(Buffer.from(der)).subject.split('\n');
  const value = (type: string) => subject.find((line) => line.startsWith(`${type}=`))?.slice(type.length + 1) ?? null;
  return value('O') ?? value('CN');
}
