// Human-readable facts about a seal certificate: for the audit page (printed
// before sealing) and for verification reports.
import { X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { SealDescription } from '../stamp/types';
import { digest, plain, toHex } from './der';
import type { CertificateInfo, SealSigner } from './types';

function keyDescription(cert: X509Certificate): string {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') return `RSA ${details.modulusLength ?? '?'}`;
  if (key.asymmetricKeyType === 'ec') {
    const curve = details.namedCurve;
    const names: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };
    return `EC ${curve ? (names[curve] ?? curve) : '?'}`;
  }
  return key.asymmetricKeyType ?? 'unknown';
}

export function certificateInfo(der: Uint8Array): CertificateInfo {
  const named = new x509.X509Certificate(plain(der));
  const cert = new X509Certificate(Buffer.from(der));
  let selfSigned = false;
  try {
    // Not checkIssued: OpenSSL refuses it for a seal certificate without keyCertSign.
    selfSigned = named.subject === named.issuer && cert.verify(cert.publicKey);
  } catch {
    selfSigned = false;
  }
  return {
    subject: named.subject,
    issuer: named.issuer,
    serialNumber: named.serialNumber.toLowerCase(),
    notBefore: named.notBefore.toISOString(),
    notAfter: named.notAfter.toISOString(),
    sha256Fingerprint: toHex(digest('sha256', der)),
    selfSigned,
    publicKey: keyDescription(cert),
  };
}

/** What the audit page prints about the seal that `sealPdf` will then apply at `sealedAt`. */
export function describeSeal(signer: SealSigner, options: { sealedAt: Date; tsaUrl?: string | null }): SealDescription {
  const info = certificateInfo(signer.certificate);
  return {
    subject: info.subject,
    issuer: info.issuer,
    serialNumber: info.serialNumber,
    sha256Fingerprint: info.sha256Fingerprint,
    algorithm: `${info.publicKey} med/with SHA-256 · PAdES B-${options.tsaUrl ? 'T' : 'B'} (ETSI.CAdES.detached)`,
    sealedAt: options.sealedAt.toISOString(),
    tsa: options.tsaUrl ?? null,
    selfSigned: info.selfSigned,
    validFrom: info.notBefore,
    validTo: info.notAfter,
  };
}

/** `describeSeal` with positional arguments, as the seal flow calls it. */
export function describeSigner(signer: SealSigner, sealedAt: Date, tsaUrl: string | null = null): SealDescription {
  return describeSeal(signer, { sealedAt, tsaUrl });
}
