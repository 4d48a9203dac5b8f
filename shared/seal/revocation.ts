// What a validator needs years from now, fetched while it is still online:
// every certificate of the seal's chain and of the time-stamping authority's,
// and a CRL for each one that a CA issued (RFC 5280). Issuers missing from
// what we hold come from the certificate's "CA Issuers" address (AIA); CRLs
// from its CRL distribution point. A revoked or unreachable status stops the
// seal: a record whose long-term proof is missing must not be published as
// archive-grade.
import { X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { bytesEqual, plain } from './der';
import { fingerprint } from './published';

const TIMEOUT_MS = 15_000;
/** A chain longer than this is a loop or a mistake. */
const MAX_CERTIFICATES = 12;

export interface CertificateStatus {
  subject: string;
  sha256: string;
  /** 'trust-anchor': self-signed, nothing to revoke it; 'good': not on its issuer's current CRL. */
  status: 'good' | 'trust-anchor';
  /** The CRL's nextUpdate, ISO, for 'good'. */
  crlNextUpdate: string | null;
}

export interface ValidationData {
  /** DER, each once: the given certificates first, then the issuers found. */
  certificates: Uint8Array[];
  /** DER CRLs, each once. */
  crls: Uint8Array[];
  status: CertificateStatus[];
}

const oneLine = (name: string) => name.split('\n').join(', ');
// Not checkIssued: OpenSSL wants keyCertSign there, which a self-signed seal certificate (a pilot's) does not have.
const selfSigned = (c: X509Certificate) => c.subject === c.issuer && c.verify(c.publicKey);

function urlsOf(cert: Uint8Array): { crl: string[]; caIssuers: string[] } {
  const parsed = new x509.X509Certificate(plain(cert));
  const http = (u: string) => /^https?:\/\//i.test(u);
  const cdp = parsed.getExtension(x509.CRLDistributionPointsExtension);
  const crl = (cdp?.distributionPoints ?? []).flatMap((p) => p.distributionPoint?.fullName ?? []).flatMap((n) => (n.uniformResourceIdentifier ? [n.uniformResourceIdentifier] : []));
  const aia = parsed.getExtension(x509.AuthorityInfoAccessExtension);
  const caIssuers = (aia?.caIssuers ?? []).filter((n) => n.type === 'url').map((n) => n.value);
  return { crl: crl.filter(http), caIssuers: caIssuers.filter(http) };
}

async function download(url: string, fetchImpl: typeof fetch): Promise<Uint8Array> {
  const response = await fetchImpl(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  const body = new Uint8Array(await response.arrayBuffer());
  // CAs publish DER, some PEM.
  const text = Buffer.from(body.subarray(0, 64)).toString('latin1');
  return text.startsWith('-----BEGIN') ? new Uint8Array(x509.PemConverter.decode(Buffer.from(body).toString('latin1'))[0]!) : body;
}

/** Gathers the chains of `certificates` (seal and TSA) and a current CRL for every issued one. */
export async function gatherValidationData(certificates: Uint8Array[], fetchImpl: typeof fetch = fetch, now = new Date()): Promise<ValidationData> {
  const held: Uint8Array[] = [];
  const add = (der: Uint8Array) => {
    if (!held.some((h) => bytesEqual(h, der))) held.push(der);
  };
  certificates.forEach(add);
  const node = (der: Uint8Array) => new X509Certificate(Buffer.from(der));
  const issuerOf = (c: X509Certificate) => held.map(node).find((i) => c.checkIssued(i) && c.verify(i.publicKey));

  // Complete the chains from the issuers' published certificates.
  for (let i = 0; i < held.length; i++) {
    if (held.length > MAX_CERTIFICATES) throw new Error('The certificate chain is longer than any real one.');
    const cert = node(held[i]!);
    if (selfSigned(cert) || issuerOf(cert)) continue;
    const { caIssuers } = urlsOf(held[i]!);
    if (!caIssuers.length) throw new Error(`The issuer of ${oneLine(cert.subject)} is not known and the certificate says where to find none.`);
    const issuer = await download(caIssuers[0]!, fetchImpl);
    if (!cert.checkIssued(node(issuer)) || !cert.verify(node(issuer).publicKey)) throw new Error(`${caIssuers[0]} is not the issuer of ${oneLine(cert.subject)}.`);
    add(issuer);
  }

  const crls: Uint8Array[] = [];
  const status: CertificateStatus[] = [];
  for (const der of held) {
    const cert = node(der);
    const base = { subject: oneLine(cert.subject), sha256: fingerprint(der) };
    if (selfSigned(cert)) {
      status.push({ ...base, status: 'trust-anchor', crlNextUpdate: null });
      continue;
    }
    const issuer = issuerOf(cert)!;
    const { crl: urls } = urlsOf(der);
    if (!urls.length) throw new Error(`${oneLine(cert.subject)} names no CRL distribution point, so its revocation status cannot be kept.`);
    const raw = await download(urls[0]!, fetchImpl);
    const crl = new x509.X509Crl(plain(raw));
    if (crl.issuer !== new x509.X509Certificate(plain(new Uint8Array(issuer.raw))).subject || !(await crl.verify({ publicKey: new x509.X509Certificate(plain(new Uint8Array(issuer.raw))) })))
      throw new Error(`The CRL at ${urls[0]} is not signed by the issuer of ${oneLine(cert.subject)}.`);
    if (crl.thisUpdate > now || (crl.nextUpdate && crl.nextUpdate < now)) throw new Error(`The CRL at ${urls[0]} is not current.`);
    const serial = cert.serialNumber.toLowerCase().replace(/^0+/, '');
    if (crl.entries.some((e) => e.serialNumber.toLowerCase().replace(/^0+/, '') === serial)) throw new Error(`${oneLine(cert.subject)} is revoked.`);
    if (!crls.some((c) => bytesEqual(c, raw))) crls.push(raw);
    status.push({ ...base, status: 'good', crlNextUpdate: crl.nextUpdate?.toISOString() ?? null });
  }
  return { certificates: held, crls, status };
}
