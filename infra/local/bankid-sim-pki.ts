// The simulator's own certificates, made at start and thrown away: a server
// CA and its TLS certificate for 127.0.0.1, an RP CA that issues the relying
// party's client certificate (the only kind the simulator accepts), and a
// "BankID" root with a bank CA under it that issues each signer's
// certificate, personnummer in its serialNumber as in real BankID
// certificates. Client and verifier are configured with these exactly as with
// BankID's published ones.
import { randomBytes, webcrypto } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

const crypto = webcrypto as unknown as Crypto;
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const RSA = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;
const OID_SERIAL_NUMBER = '2.5.4.5';

export interface Issued {
  certPem: string;
  keyPem: string;
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

export interface SimulatorPki {
  /** Trusted by the client for the server (BankID's "CA for the server certificate"). */
  serverCa: Issued;
  server: Issued;
  /** Issues RP certificates; the server accepts clients under it alone. */
  rpCa: Issued;
  /** The relying party's client certificate and key (what the bank would issue). */
  rp: Issued;
  /** The trust anchor of signatures (what "BankID Root CA" is for real signatures). */
  signingRoot: Issued;
  bankCa: Issued;
}

function serial(): string {
  const bytes = randomBytes(12);
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40; // positive, no leading zero
  return bytes.toString('hex');
}

async function issue(options: {
  subject: string | x509.JsonName;
  issuer?: Issued;
  ca?: boolean;
  algorithm?: typeof EC | typeof RSA;
  extensions?: x509.Extension[];
  days?: number;
}): Promise<Issued> {
  const algorithm = options.algorithm ?? EC;
  const keys = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 5 * 60_000);
  const notAfter = new Date(notBefore.getTime() + (options.days ?? 365) * 86_400_000);
  const usages = options.ca
    ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
    : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation | x509.KeyUsageFlags.keyEncipherment;
  const extensions = [
    new x509.BasicConstraintsExtension(!!options.ca, undefined, true),
    new x509.KeyUsagesExtension(usages, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
    ...(options.extensions ?? []),
  ];
  const issuer = options.issuer;
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serial(),
      subject: new x509.Name(options.subject).toString(),
      issuer: issuer ? issuer.cert.subject : new x509.Name(options.subject).toString(),
      notBefore,
      notAfter,
      publicKey: keys.publicKey,
      signingKey: issuer ? issuer.keys.privateKey : keys.privateKey,
      signingAlgorithm: issuer ? issuer.keys.privateKey.algorithm : algorithm,
      extensions,
    },
    crypto,
  );
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { cert, keys, certPem: cert.toString('pem'), keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
}

export async function createSimulatorPki(): Promise<SimulatorPki> {
  const serverCa = await issue({ subject: 'CN=Justera BankID-simulator Server CA, O=Justera test', ca: true });
  const server = await issue({
    subject: 'CN=127.0.0.1, O=Justera test',
    issuer: serverCa,
    extensions: [
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
  const rpCa = await issue({ subject: 'CN=Justera BankID-simulator RP CA, O=Justera test', ca: true });
  const rp = await issue({
    subject: 'CN=Justera RP, O=Justera test',
    issuer: rpCa,
    extensions: [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])],
  });
  const signingRoot = await issue({ subject: 'CN=Test BankID Root CA (simulator), O=Justera test', ca: true, days: 3650 });
  const bankCa = await issue({ subject: 'CN=Testbank Customer CA (simulator), O=Justera test', issuer: signingRoot, ca: true, days: 3650 });
  return { serverCa, server, rpCa, rp, signingRoot, bankCa };
}

/** A signer's certificate from the bank CA: name as common name, personnummer as serialNumber, RSA as BankID's. */
export async function issueSignerCertificate(pki: SimulatorPki, personnummer: string, name: string): Promise<Issued> {
  const [givenName, ...rest] = name.split(' ');
  return issue({
    subject: [
      { C: ['SE'] },
      { CN: [name] },
      { '2.5.4.42': [givenName ?? name] },
      { '2.5.4.4': [rest.join(' ') || name] },
      { [OID_SERIAL_NUMBER]: [personnummer] },
    ],
    issuer: pki.bankCa,
    algorithm: RSA,
    days: 730,
  });
}

/** An RP certificate from a CA the simulator does not know: a relying party BankID never issued. */
export async function foreignRpCertificate(): Promise<Issued> {
  const ca = await issue({ subject: 'CN=Some other CA', ca: true });
  return issue({ subject: 'CN=Unknown RP', issuer: ca, extensions: [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])] });
}

const PKI_NAMES = ['serverCa', 'server', 'rpCa', 'rp', 'signingRoot', 'bankCa'] as const;

/**
 * The simulator's certificates kept in `dir` (made on first start), so the
 * local stack's BankID settings — RP certificate and key, server CA, signing
 * root — stay the same across restarts. Each as `<name>.pem` and `<name>-key.pem`.
 */
export async function loadOrCreateSimulatorPki(dir: string): Promise<SimulatorPki> {
  const existing = await loadPki(dir);
  if (existing) return existing;
  const pki = await createSimulatorPki();
  await mkdir(path.dirname(dir), { recursive: true });
  const tmp = await mkdtemp(`${dir}.tmp-`);
  for (const name of PKI_NAMES) {
    await writeFile(path.join(tmp, `${name}.pem`), `${pki[name].certPem}\n`);
    await writeFile(path.join(tmp, `${name}-key.pem`), `${pki[name].keyPem}\n`, { mode: 0o600 });
  }
  try {
    // A directory is renamed into place whole: two first starts at once end with one set, not a mix.
    await rename(tmp, dir);
    return pki;
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    if (!['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    const placed = await loadPki(dir);
    if (!placed) throw new Error(`The BankID simulator certificates in ${dir} are incomplete.`);
    return placed;
  }
}

async function loadPki(dir: string): Promise<SimulatorPki | null> {
  const entries: Partial<SimulatorPki> = {};
  for (const name of PKI_NAMES) {
    let certPem: string;
    let keyPem: string;
    try {
      [certPem, keyPem] = await Promise.all([readFile(path.join(dir, `${name}.pem`), 'utf8'), readFile(path.join(dir, `${name}-key.pem`), 'utf8')]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const cert = new x509.X509Certificate(certPem.trim());
    const algorithm = cert.publicKey.algorithm.name === 'ECDSA' ? EC : RSA;
    const der = x509.PemConverter.decode(keyPem)[0];
    if (!der) throw new Error(`${name}-key.pem in ${dir} holds no key.`);
    const privateKey = await crypto.subtle.importKey('pkcs8', der, algorithm, true, ['sign']);
    const publicKey = await cert.publicKey.export(algorithm, ['verify'], crypto);
    entries[name] = { cert, certPem: certPem.trim(), keyPem: keyPem.trim(), keys: { privateKey, publicKey } };
  }
  return entries as SimulatorPki;
}
