// The seal key on one machine: a key and a self-signed certificate kept as PEM
// files in the data folder, created on first use. PDF readers show such a seal
// as valid but its issuer as untrusted; an organisation that wants a trusted
// seal supplies its own key and certificate (signerFromPem) or a KMS key.
import { createPrivateKey, randomBytes, sign, webcrypto, X509Certificate } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { SEAL_CERT_FILE } from './published';
import type { SealSigner } from './types';

export { SEAL_CERT_FILE };
export const SEAL_KEY_FILE = 'seal-key.pem';
export const LOCAL_SEAL_CN = 'Justera lokal försegling';

export interface LocalSealKeyOptions {
  /** RSA 3072 (default, the widest support in PDF readers) or EC P-256 (faster to create). */
  algorithm?: 'RSA' | 'EC';
}

/**
 * A signer from PEM text. `certPem` may hold the chain after the seal's own
 * certificate (leaf first); the key must belong to the first certificate.
 */
export function signerFromPem(keyPem: string, certPem: string): SealSigner {
  const key = createPrivateKey(keyPem);
  const [leaf, ...chain] = x509.PemConverter.decode(certPem).map((der) => new Uint8Array(der));
  if (!leaf) throw new Error('The seal certificate file holds no certificate.');
  const cert = new X509Certificate(Buffer.from(leaf));
  if (!cert.checkPrivateKey(key)) throw new Error('The seal key does not belong to the seal certificate.');
  const type = key.asymmetricKeyType;
  if (type !== 'rsa' && type !== 'ec') throw new Error(`Seal keys must be RSA or EC, not ${type}.`);
  return {
    certificate: leaf,
    chain,
    keyAlgorithm: type === 'rsa' ? 'RSA' : 'EC',
    // PKCS#1 v1.5 for RSA; ECDSA as DER (r, s), which is what CMS carries.
    sign: async (data) => new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'der' })),
  };
}

/** Loads the local seal key from `dir`, creating key and certificate on first use. */
export async function ensureLocalSealKey(dir: string, subject = 'Justera', options: LocalSealKeyOptions = {}): Promise<SealSigner> {
  const keyPath = path.join(dir, SEAL_KEY_FILE);
  const certPath = path.join(dir, SEAL_CERT_FILE);
  const existing = await load(keyPath, certPath);
  if (existing) return existing;

  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { keyPem, certPem } = await createSelfSigned(subject, options.algorithm ?? 'RSA');
  // Write under temporary names, then link into place: link fails when the
  // file exists, so two processes starting at once cannot mix their key with
  // the other's certificate. The certificate goes first; whoever places it owns the pair.
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmpKey = `${keyPath}.${tag}`;
  const tmpCert = `${certPath}.${tag}`;
  await writeFile(tmpKey, keyPem, { mode: 0o600 });
  await chmod(tmpKey, 0o600); // whatever the umask
  await writeFile(tmpCert, certPem, { mode: 0o644 });
  try {
    await link(tmpCert, certPath);
    await link(tmpKey, keyPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await Promise.all([unlink(tmpKey), unlink(tmpCert)]);
  }
  for (let waited = 0; waited < 5000; waited += 50) {
    const placed = await load(keyPath, certPath);
    if (placed) return placed;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The seal key in ${dir} is incomplete: ${SEAL_CERT_FILE} without ${SEAL_KEY_FILE}.`);
}

async function load(keyPath: string, certPath: string): Promise<SealSigner | null> {
  let keyPem: string;
  let certPem: string;
  try {
    [keyPem, certPem] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return signerFromPem(keyPem, certPem);
}

async function createSelfSigned(organisation: string, algorithm: 'RSA' | 'EC'): Promise<{ keyPem: string; certPem: string }> {
  const crypto = webcrypto as unknown as Crypto;
  const params =
    algorithm === 'EC'
      ? { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
      : { name: 'RSASSA-PKCS1-v1_5', modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  const keys = (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;

  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x3f) | 0x40; // positive, no leading zero, never zero
  const notBefore = new Date(Date.now() - 5 * 60_000); // tolerate small clock skew between machines
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 5);

  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial.toString('hex'),
      name: [{ CN: [LOCAL_SEAL_CN] }, { O: [organisation] }],
      notBefore,
      notAfter,
      keys,
      signingAlgorithm: params,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), certPem: cert.toString('pem') };
}
