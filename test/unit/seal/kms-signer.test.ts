// kmsSealSigner against a stand-in for KMS. No KMS runs locally, so this is
// the one place a test double is used: a KMSClient whose `send` answers
// GetPublicKey and Sign from a local key, signing the 32-byte digest it is
// given exactly as KMS does with MessageType DIGEST. What is under test is our
// plumbing: digest not data, the algorithm per key spec, the certificate check.
import { X509Certificate, constants, createPrivateKey, createPublicKey, generateKeyPairSync, privateEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { GetPublicKeyCommand, SignCommand, type KMSClient, type SignCommandInput } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as x509 from '@peculiar/x509';
import { kmsKey, kmsSealSigner } from '../../../shared/adapters/kms-signer';
import { certificatePem, issueSelfSigned } from '../../../shared/seal/certificate';
import { ensureLocalSealKey } from '../../../shared/seal/local-key';
import { sealPdf } from '../../../shared/seal/seal';
import { verifySealedPdf } from '../../../shared/seal/verify';
import { stampedFixture, tempDir, tool } from './helpers';

// --- signing a precomputed digest, as KMS does (node's crypto.sign always hashes itself) ---

const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

function rsaSignDigest(key: KeyObject, digest: Uint8Array): Uint8Array {
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])));
}

// ECDSA on P-256 over a given digest, in plain BigInt arithmetic (affine points).
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const A = P - 3n;
const G = { x: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n, y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n };
type Point = { x: bigint; y: bigint } | null;
const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;
function inv(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return mod(s0, m);
}
function add(p: Point, q: Point): Point {
  if (!p) return q;
  if (!q) return p;
  if (p.x === q.x && mod(p.y + q.y, P) === 0n) return null;
  const l = p.x === q.x ? mod((3n * p.x * p.x + A) * inv(2n * p.y, P), P) : mod((q.y - p.y) * inv(q.x - p.x, P), P);
  const x = mod(l * l - p.x - q.x, P);
  return { x, y: mod(l * (p.x - x) - p.y, P) };
}
function mul(k: bigint, p: Point): Point {
  let result: Point = null;
  for (let addend = p; k > 0n; k >>= 1n, addend = add(addend, addend)) if (k & 1n) result = add(result, addend);
  return result;
}
const big = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);
function derInt(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}
function ecSignDigest(key: KeyObject, digest: Uint8Array): Uint8Array {
  const d = big(Buffer.from(key.export({ format: 'jwk' }).d!, 'base64url'));
  const z = big(digest);
  for (;;) {
    const k = mod(big(randomBytes(40)), N - 1n) + 1n;
    const r = mod(mul(k, G)!.x, N);
    const s = mod(inv(k, N) * (z + r * d), N);
    if (!r || !s) continue;
    const body = Buffer.concat([derInt(r), derInt(s)]);
    return new Uint8Array(Buffer.concat([Buffer.from([0x30, body.length]), body])); // what KMS returns for ECDSA
  }
}

interface FakeKms {
  client: KMSClient;
  signs: SignCommandInput[];
}

function fakeKms(key: KeyObject, keySpec: string, publicKeyOf: KeyObject = key): FakeKms {
  const signs: SignCommandInput[] = [];
  const spki = new Uint8Array(createPublicKey(publicKeyOf).export({ format: 'der', type: 'spki' }));
  const rsa = keySpec.startsWith('RSA_');
  const client = {
    async send(command: unknown) {
      if (command instanceof GetPublicKeyCommand)
        return {
          KeyId: 'arn:aws:kms:eu-north-1:111122223333:key/test',
          PublicKey: spki,
          KeySpec: keySpec,
          KeyUsage: 'SIGN_VERIFY',
          SigningAlgorithms: rsa ? ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PSS_SHA_256'] : ['ECDSA_SHA_256'],
        };
      if (command instanceof SignCommand) {
        const input = command.input;
        signs.push(input);
        const digest = input.Message!;
        if (input.MessageType !== 'DIGEST' || digest.length !== 32) throw new Error('ValidationException: expected a SHA-256 digest');
        return { Signature: rsa ? rsaSignDigest(key, digest) : ecSignDigest(key, digest), SigningAlgorithm: input.SigningAlgorithm };
      }
      throw new Error(`unexpected command ${String(command)}`);
    },
  } as unknown as KMSClient;
  return { client, signs };
}

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await tempDir());
});
afterAll(async () => {
  await remove();
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
      const kms = fakeKms(key, keySpec);
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
    await expect(kmsSealSigner({ client: fakeKms(other, 'RSA_2048').client, keyId: 'k', certificate })).rejects.toThrow(/not the public key/);
  });

  it('refuses key specs that cannot sign with SHA-256', async () => {
    const { key, certificate } = await localKeyPair('EC');
    await expect(kmsSealSigner({ client: fakeKms(key, 'ECC_NIST_P384').client, keyId: 'k', certificate })).rejects.toThrow(/ECC_NIST_P384/);
  });
});

describe('issueSelfSigned through KMS (justera seal-certificate)', () => {
  for (const [algorithm, keySpec] of [
    ['RSA', 'RSA_3072'],
    ['EC', 'ECC_NIST_P256'],
  ] as const) {
    it(`issues a certificate for a ${keySpec} key that verifies, seals and passes pdfsig`, async () => {
      const { key } = await localKeyPair(algorithm);
      const kms = fakeKms(key, keySpec);
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
    const { key } = await localKeyPair('EC');
    await expect(kmsKey(fakeKms(key, 'ECC_NIST_P384').client, 'k')).rejects.toThrow(/ECC_NIST_P384/);
  });
});
