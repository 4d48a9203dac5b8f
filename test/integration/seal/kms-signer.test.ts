// kmsSealSigner through the real KMSClient against the KMS simulator on
// loopback (infra/local/kms-simulator.ts): GetPublicKey and Sign with
// MessageType DIGEST over the JSON protocol, as on AWS. What is under test is
// our plumbing: digest not data, the algorithm per key spec, the certificate check.
import { X509Certificate, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as x509 from '@peculiar/x509';
import { startKmsSimulator, type KmsSimulator } from '../../../infra/local/kms-simulator';
import { kmsKey, kmsSealSigner } from '../../../shared/adapters/kms-signer';
import { certificatePem, issueSelfSigned } from '../../../shared/seal/certificate';
import { ensureLocalSealKey } from '../../../shared/seal/local-key';
import { sealPdf } from '../../../shared/seal/seal';
import { verifySealedPdf } from '../../../shared/seal/verify';
import { stampedFixture, tempDir, tool } from '../../unit/seal/helpers';

interface SimulatedKms {
  client: KMSClient;
  /** The Sign calls KMS received, as on the wire (Message in base64). */
  signs: Record<string, unknown>[];
}

const running: KmsSimulator[] = [];

/** KMS on loopback holding `key` under the names the tests use; the real KMSClient talks to it. */
async function simulatedKms(key: KeyObject, keySpec: 'RSA_2048' | 'RSA_3072' | 'ECC_NIST_P256' | 'ECC_NIST_P384'): Promise<SimulatedKms> {
  const kms = await startKmsSimulator({ 'alias/justera-seal': { keySpec, privateKey: key }, k: { keySpec, privateKey: key } });
  running.push(kms);
  const client = new KMSClient({ region: 'eu-north-1', endpoint: kms.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return {
    client,
    get signs() {
      return kms.calls.filter((c) => c.operation === 'Sign').map((c) => c.input);
    },
  };
}

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await tempDir());
});
afterAll(async () => {
  await remove();
  await Promise.all(running.map((kms) => kms.close()));
});

async function localKeyPair(algorithm: 'RSA' | 'EC'): Promise<{ key: KeyObject; certificate: Uint8Array }> {
  const keyDir = path.join(dir, algorithm);
  const signer = await ensureLocalSealKey(keyDir, 'KMS-test', { algorithm });
  const { readFile } = await import('node:fs/promises');
  return { key: createPrivateKey(await readFile(path.join(keyDir, 'seal-key.pem'), 'utf8')), certificate: signer.certificate };
}

describe('kmsSealSigner', () => {
  for (const [algorithm, keySpec, signing] of [
    ['RSA', 'RSA_3072', 'RSASSA_PKCS1_V1_5_SHA_256'],
    ['EC', 'ECC_NIST_P256', 'ECDSA_SHA_256'],
  ] as const) {
    it(`seals with a ${keySpec} key, sending only the digest (${signing})`, async () => {
      const { key, certificate } = await localKeyPair(algorithm);
      const kms = await simulatedKms(key, keySpec);
      const signer = await kmsSealSigner({ client: kms.client, keyId: 'alias/justera-seal', certificate });
      expect(signer.keyAlgorithm).toBe(algorithm);
      const sealed = await sealPdf(await stampedFixture(), signer);
      expect(kms.signs).toHaveLength(1);
      expect(kms.signs[0]).toMatchObject({ KeyId: 'alias/justera-seal', MessageType: 'DIGEST', SigningAlgorithm: signing });
      const result = await verifySealedPdf(sealed);
      expect(result.problems).toEqual([]);
      expect(result.valid).toBe(true);
      const { out } = await tool(dir, 'pdfsig', [], sealed);
      expect(out).toContain('Signature Validation: Signature is Valid.');
    });
  }

  it('refuses a certificate that is not for the KMS key', async () => {
    const { certificate } = await localKeyPair('RSA');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    await expect(kmsSealSigner({ client: (await simulatedKms(other, 'RSA_2048')).client, keyId: 'k', certificate })).rejects.toThrow(/not the public key/);
  });

  it('refuses key specs that cannot sign with SHA-256', async () => {
    const { certificate } = await localKeyPair('EC');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    await expect(kmsSealSigner({ client: (await simulatedKms(p384, 'ECC_NIST_P384')).client, keyId: 'k', certificate })).rejects.toThrow(/ECC_NIST_P384/);
  });
});

describe('issueSelfSigned through KMS (justera seal-certificate)', () => {
  for (const [algorithm, keySpec] of [
    ['RSA', 'RSA_3072'],
    ['EC', 'ECC_NIST_P256'],
  ] as const) {
    it(`issues a certificate for a ${keySpec} key that verifies, seals and passes pdfsig`, async () => {
      const { key } = await localKeyPair(algorithm);
      const kms = await simulatedKms(key, keySpec);
      const der = await issueSelfSigned(await kmsKey(kms.client, 'alias/justera-seal'), { commonName: 'Justera försegling', organisation: 'Region Exempel', country: 'SE' }, { days: 30 });
      expect(kms.signs).toHaveLength(1); // the certificate's to-be-signed part, as a digest

      const cert = new X509Certificate(Buffer.from(der));
      expect(cert.verify(cert.publicKey)).toBe(true);
      expect(cert.subject).toBe('C=SE\nO=Region Exempel\nCN=Justera försegling');
      expect(cert.issuer).toBe(cert.subject);
      expect(Date.parse(cert.validTo) - Date.parse(cert.validFrom)).toBe(30 * 86_400_000);
      expect(cert.ca).toBe(false);
      const parsed = new x509.X509Certificate(Uint8Array.from(der));
      const usage = parsed.getExtension(x509.KeyUsagesExtension)!;
      expect(usage.critical).toBe(true);
      expect(usage.usages).toBe(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
      expect(certificatePem(der)).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/);

      const signer = await kmsSealSigner({ client: kms.client, keyId: 'alias/justera-seal', certificate: der });
      const sealed = await sealPdf(await stampedFixture(), signer);
      expect((await verifySealedPdf(sealed)).valid).toBe(true);
      const { out } = await tool(dir, 'pdfsig', [], sealed);
      expect(out).toContain('Signature Validation: Signature is Valid.');
      expect(out).toContain('Justera försegling');
    });
  }

  it('fails with the reason when the key cannot sign', async () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    await expect(kmsKey((await simulatedKms(p384, 'ECC_NIST_P384')).client, 'k')).rejects.toThrow(/ECC_NIST_P384/);
  });
});
