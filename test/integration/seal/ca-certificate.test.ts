// From self-signed to CA-issued: `justera seal-csr` makes a PKCS#10 request
// signed through KMS (the real KMSClient against the KMS simulator) or with
// the local key, the TSA simulator's CA issues a certificate for it, and
// `justera seal-certificate import` checks the chain and stores it. A record
// sealed afterwards carries the CA-issued chain and verifies under the CA.
import { execFile } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealCertificateImportCommand, sealCsrCommand } from '../../../infra/cli/seal-commands';
import { startKmsSimulator, type KmsSimulator } from '../../../infra/local/kms-simulator';
import { localPaths } from '../../../infra/local/paths';
import { startTsaSimulator, type RunningTsaSimulator } from '../../../infra/local/tsa-simulator';
import { kmsSealSigner } from '../../../shared/adapters/kms-signer';
import { sealForArchive } from '../../../shared/seal/archive';
import { ensureLocalSealKey } from '../../../shared/seal/local-key';
import { derOf, pemBlocks, pemOf } from '../../../shared/seal/published';
import { verifySealedPdf } from '../../../shared/seal/verify';
import { stampedFixture, tempDir, tool } from '../../unit/seal/helpers';

const run = promisify(execFile);
let dir: string;
let remove: () => Promise<void>;
let kms: KmsSimulator;
let client: KMSClient;
let tsa: RunningTsaSimulator;
const previousDataDir = process.env.JUSTERA_DATA_DIR;

beforeAll(async () => {
  ({ dir, remove } = await tempDir());
  process.env.JUSTERA_DATA_DIR = path.join(dir, 'data');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  kms = await startKmsSimulator({ 'alias/justera-seal': { keySpec: 'ECC_NIST_P256', privateKey } });
  client = new KMSClient({ region: 'eu-north-1', endpoint: kms.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  tsa = await startTsaSimulator();
});
afterAll(async () => {
  if (previousDataDir === undefined) delete process.env.JUSTERA_DATA_DIR;
  else process.env.JUSTERA_DATA_DIR = previousDataDir;
  client.destroy();
  await Promise.all([kms.close(), tsa.close()]);
  await remove();
});

async function lines(run: (out: (line: string) => void) => Promise<void>): Promise<string> {
  const out: string[] = [];
  await run((line) => out.push(line));
  return out.join('\n');
}

async function verifyRequest(pem: string): Promise<string> {
  const file = path.join(dir, `req-${Math.random().toString(36).slice(2)}.pem`);
  await writeFile(file, pem);
  const { stdout, stderr } = await run('openssl', ['req', '-in', file, '-verify', '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus_space']);
  return stdout + stderr;
}

describe('justera seal-csr and seal-certificate import with the KMS key', () => {
  let csr: string;
  let chainFile: string;

  it('makes a request signed through KMS with the digest only, which openssl req -verify accepts', async () => {
    csr = await lines((out) => sealCsrCommand({ 'key-id': 'alias/justera-seal', organisation: 'Exempel kommun', 'org-number': '212000-0000' }, out, client));
    expect(csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[^]+-----END CERTIFICATE REQUEST-----$/);
    const checked = await verifyRequest(csr);
    expect(checked).toContain('verify OK');
    expect(checked).toContain('C=SE, O=Exempel kommun, organizationIdentifier=NTRSE-2120000000, CN=Exempel kommun försegling');
    const signs = kms.calls.filter((c) => c.operation === 'Sign');
    expect(signs.at(-1)?.input).toMatchObject({ MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' });
  });

  it('refuses an organisation number that is not one', async () => {
    await expect(lines((out) => sealCsrCommand({ 'key-id': 'alias/justera-seal', organisation: 'X', 'org-number': '12' }, out, client))).rejects.toThrow(/organisationsnummer/);
  });

  it('imports the issued chain, leaf first, into the file the deployment reads', async () => {
    const leaf = await tsa.issue(csr);
    chainFile = path.join(dir, 'issued.pem');
    await writeFile(chainFile, pemOf(leaf) + pemOf(tsa.caCertificate));
    const target = path.join(dir, 'seal-chain.pem');
    const said = await lines((out) => sealCertificateImportCommand(chainFile, { 'key-id': 'alias/justera-seal', out: target }, out, client));
    expect(said).toContain('issued by CN=Justera test-CA, O=Justera test');
    expect(said).toContain(`cdk deploy -c sealCertificateFile=${target}`);
    expect(pemBlocks(await readFile(target, 'utf8')).map(derOf)).toEqual([leaf, tsa.caCertificate]);
  });

  it('refuses a chain for another key, a chain in the wrong order, and a leaf without its issuer', async () => {
    const other = await tsa.issue(await lines((out) => sealCsrCommand({ organisation: 'Exempel kommun' }, out)));
    const write = async (name: string, ders: Uint8Array[]) => {
      const file = path.join(dir, name);
      await writeFile(file, ders.map(pemOf).join(''));
      return file;
    };
    const leaf = derOf(pemBlocks(await readFile(chainFile, 'utf8'))[0]!);
    const importing = (file: string) => lines((out) => sealCertificateImportCommand(file, { 'key-id': 'alias/justera-seal', out: path.join(dir, 'x.pem') }, out, client));
    await expect(importing(await write('other.pem', [other, tsa.caCertificate]))).rejects.toThrow(/not for the seal key/);
    await expect(importing(await write('reversed.pem', [tsa.caCertificate, leaf]))).rejects.toThrow(/not for the seal key|did not issue/);
    await expect(importing(await write('alone.pem', [leaf]))).rejects.toThrow(/add its issuer/);
  });

  it('seals with the KMS key and the CA-issued chain: pdfsig valid, the chain in the CMS, trusted under the CA', async () => {
    const [leaf, ...chain] = pemBlocks(await readFile(chainFile, 'utf8')).map(derOf);
    const signer = await kmsSealSigner({ client, keyId: 'alias/justera-seal', certificate: leaf!, chain });
    const { bytes, report } = await sealForArchive(await stampedFixture(), signer, { tsaUrl: tsa.url });
    expect(report.certificateChain.map((c) => c.subject)).toEqual(['C=SE, O=Exempel kommun, organizationIdentifier=NTRSE-2120000000, CN=Exempel kommun försegling', 'CN=Justera test-CA, O=Justera test']);
    const { out } = await tool(dir, 'pdfsig', [], bytes);
    expect(out).toContain('Signer Certificate Common Name: Exempel kommun försegling');
    expect(out).toMatch(/Signature #1:[^]*Signature is Valid\./);
    // The CA-issued chain travels in the CMS: openssl names the issuer.
    const text = Buffer.from(bytes).toString('latin1');
    const seal = [...text.matchAll(/\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)/g)][0]!;
    const contents = Buffer.from(text.slice(Number(seal[1]) + 1, Number(seal[2]) - 1), 'hex');
    expect(contents.readUInt16BE(0)).toBe(0x3082); // SEQUENCE, two length octets
    await writeFile(path.join(dir, 'seal.p7s'), contents.subarray(0, 4 + contents.readUInt16BE(2)));
    const { stdout } = await run('openssl', ['pkcs7', '-inform', 'DER', '-in', path.join(dir, 'seal.p7s'), '-print_certs', '-noout']);
    expect(stdout).toContain('issuer=CN = Justera test-CA, O = Justera test');
    const verified = await verifySealedPdf(bytes, { trustAnchors: [tsa.caCertificate] });
    expect(verified.problems).toEqual([]);
    expect(verified.trust).toMatchObject({ trusted: true, method: 'chain' });
    // The DSS holds the seal certificate, the CA and the TSA's; the CRL covers the seal certificate.
    expect(report.revocation.find((r) => r.subject.includes('Exempel kommun'))?.status).toBe('good');
  });
});

describe('justera seal-csr and seal-certificate import on this machine', () => {
  it('replaces the local self-signed certificate with the CA-issued chain, which later seals carry', async () => {
    const csr = await lines((out) => sealCsrCommand({ organisation: 'Exempel kommun' }, out));
    expect(await verifyRequest(csr)).toContain('verify OK');
    const leaf = await tsa.issue(csr);
    const file = path.join(dir, 'local-chain.pem');
    await writeFile(file, pemOf(leaf) + pemOf(tsa.caCertificate));
    expect(await lines((out) => sealCertificateImportCommand(file, {}, out))).toContain('seals made after the next start carry it');
    const signer = await ensureLocalSealKey(localPaths(process.env.JUSTERA_DATA_DIR!).seal, 'Exempel kommun');
    expect(new X509Certificate(Buffer.from(signer.certificate)).issuer).toContain('CN=Justera test-CA');
    const { bytes } = await sealForArchive(await stampedFixture(), signer, { tsaUrl: tsa.url });
    const verified = await verifySealedPdf(bytes, { trustAnchors: [tsa.caCertificate] });
    expect(verified.valid).toBe(true);
    expect(verified.certificate?.issuer).toBe('CN=Justera test-CA, O=Justera test');
  });
});
