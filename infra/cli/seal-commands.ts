// The seal certificate's commands: a self-signed certificate for a pilot, a
// certificate request for a CA, and importing the chain the CA issued. Each
// works on the deployed stack's KMS key (--key-id, signed through KMS, digest
// only) or, without it, on this machine's seal key in the data folder.
import { createPrivateKey, createPublicKey, sign, X509Certificate } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KMSClient } from '@aws-sdk/client-kms';
import { kmsKey } from '../../shared/adapters/kms-signer';
import { certificatePem, issueSelfSigned, type RemoteKey } from '../../shared/seal/certificate';
import { checkIssuedChain } from '../../shared/seal/chain';
import { certificateRequest, requestPem } from '../../shared/seal/csr';
import { ensureLocalSealKey, SEAL_KEY_FILE } from '../../shared/seal/local-key';
import { pemOf, SEAL_CERT_FILE } from '../../shared/seal/published';
import { localPaths } from '../local/paths';
import { CliError, dataDir } from './target';

type Out = (line: string) => void;

/** The KMS client of the standard AWS environment; tests pass one pointed at the KMS simulator. */
export async function defaultKms(): Promise<KMSClient> {
  const { KMSClient } = await import('@aws-sdk/client-kms');
  return new KMSClient({ region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'eu-north-1' });
}

async function withKms<T>(kms: KMSClient | undefined, run: (client: KMSClient) => Promise<T>): Promise<T> {
  const client = kms ?? (await defaultKms());
  try {
    return await run(client);
  } finally {
    if (!kms) client.destroy();
  }
}

/** This machine's seal key as a RemoteKey (created on first use, as the stamp function would). */
async function localKey(organisation: string): Promise<RemoteKey> {
  const dir = localPaths(dataDir()).seal;
  const signer = await ensureLocalSealKey(dir, organisation);
  const key = createPrivateKey(await readFile(join(dir, SEAL_KEY_FILE), 'utf8'));
  const spki = new X509Certificate(Buffer.from(signer.certificate)).publicKey.export({ format: 'der', type: 'spki' });
  return { spki: new Uint8Array(spki), keyAlgorithm: signer.keyAlgorithm, sign: async (data) => new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'der' })) };
}

function countryOf(flags: { country?: string }): string {
  const country = flags.country ?? 'SE';
  if (!/^[A-Z]{2}$/.test(country)) throw new CliError('--country must be a two-letter country code such as SE');
  return country;
}

/**
 * A self-signed certificate for the deployed stack's KMS seal key, printed as
 * PEM (`> seal.pem`, then `cdk deploy -c sealCertificateFile=seal.pem`). For a
 * test stage or a pilot; the key's public key can be certified by a CA later.
 * Needs kms:GetPublicKey and kms:Sign on the key.
 */
export async function sealCertificateCommand(
  flags: { 'key-id'?: string; organisation?: string; name?: string; country?: string; days?: string },
  out: Out,
  kms?: KMSClient,
): Promise<void> {
  const keyId = flags['key-id'];
  if (!keyId) throw new CliError('seal-certificate needs --key-id <SealKeyId> (an output of the deployed stack)');
  if (!flags.organisation) throw new CliError('seal-certificate needs --organisation "<the organisation that seals>"');
  const days = Number(flags.days ?? 3 * 365);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new CliError('--days must be a whole number of days from 1 to 3650');
  const country = countryOf(flags);
  const organisation = flags.organisation;
  try {
    await withKms(kms, async (client) => {
      const key = await kmsKey(client, keyId);
      const der = await issueSelfSigned(key, { commonName: flags.name ?? `${organisation} försegling`, organisation, country }, { days });
      out(certificatePem(der).trimEnd());
    });
  } catch (error) {
    throw new CliError(`seal-certificate: ${(error as Error).message}`);
  }
}

/** A PKCS#10 request (PEM on stdout) for a CA to issue an organisation seal certificate for the seal key. */
export async function sealCsrCommand(
  flags: { 'key-id'?: string; organisation?: string; 'org-number'?: string; name?: string; country?: string },
  out: Out,
  kms?: KMSClient,
): Promise<void> {
  const organisation = flags.organisation;
  if (!organisation) throw new CliError('seal-csr needs --organisation "<the organisation that seals>"');
  const subject = { organisation, commonName: flags.name ?? `${organisation} försegling`, orgNumber: flags['org-number'], country: countryOf(flags) };
  try {
    const keyId = flags['key-id'];
    const der = keyId ? await withKms(kms, async (client) => certificateRequest(await kmsKey(client, keyId), subject)) : await certificateRequest(await localKey(organisation), subject);
    out(requestPem(der).trimEnd());
  } catch (error) {
    throw new CliError(`seal-csr: ${(error as Error).message}`);
  }
}

/**
 * Checks the chain a CA issued (leaf first) against the seal key and stores it
 * for the stamp function: with --key-id as the file `cdk deploy -c
 * sealCertificateFile=…` reads (--out, default seal-chain.pem); without, as
 * this machine's seal certificate, used by seals after the next start.
 */
export async function sealCertificateImportCommand(file: string, flags: { 'key-id'?: string; out?: string }, out: Out, kms?: KMSClient): Promise<void> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const keyId = flags['key-id'];
  try {
    const spki = keyId ? await withKms(kms, async (client) => (await kmsKey(client, keyId)).spki) : await localSpki();
    const chain = checkIssuedChain(pem, spki);
    const text = chain.certificates.map(pemOf).join('');
    const target = keyId ? (flags.out ?? 'seal-chain.pem') : join(localPaths(dataDir()).seal, SEAL_CERT_FILE);
    await replaceFile(target, text);
    out(`seal certificate chain of ${chain.certificates.length} certificate(s), issued by ${chain.issuer}, written to ${target}`);
    out(keyId ? `deploy it: cdk deploy -c sealCertificateFile=${target}` : 'seals made after the next start carry it');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`seal-certificate import: ${(error as Error).message}`);
  }
}

async function localSpki(): Promise<Uint8Array> {
  const keyFile = join(localPaths(dataDir()).seal, SEAL_KEY_FILE);
  let keyPem: string;
  try {
    keyPem = await readFile(keyFile, 'utf8');
  } catch {
    throw new CliError(`there is no local seal key in ${keyFile}; make the request with "justera seal-csr" first`);
  }
  return new Uint8Array(createPublicKey(createPrivateKey(keyPem)).export({ format: 'der', type: 'spki' }));
}

/** Writes beside the file, then renames over it: a reader sees the old chain or the new one, never half. */
async function replaceFile(target: string, text: string): Promise<void> {
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o644 });
  try {
    await rename(temporary, target);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}
