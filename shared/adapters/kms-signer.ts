// The seal key on AWS: an asymmetric KMS key (SIGN_VERIFY) that never leaves
// KMS. Its certificate comes from the organisation's CA, or for a test stage
// from `justera seal-certificate` (self-signed through KMS), and is configured
// next to the key id. Needs kms:GetPublicKey (once, at creation) and kms:Sign.
import { createHash, X509Certificate } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, type KMSClient, type SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { sameSpki } from '../seal/cms-check';
import type { RemoteKey } from '../seal/certificate';
import type { SealSigner } from '../seal/types';

export interface KmsSealSignerOptions {
  client: KMSClient;
  keyId: string;
  /** DER certificate whose public key is the KMS key's. */
  certificate: Uint8Array;
  chain?: Uint8Array[];
}

/** KMS signing algorithm for a key spec: SHA-256 with RSA PKCS#1 v1.5, or ECDSA on P-256. */
function algorithmFor(keySpec: string | undefined): { keyAlgorithm: SealSigner['keyAlgorithm']; signing: SigningAlgorithmSpec } {
  if (keySpec?.startsWith('RSA_')) return { keyAlgorithm: 'RSA', signing: 'RSASSA_PKCS1_V1_5_SHA_256' };
  if (keySpec === 'ECC_NIST_P256') return { keyAlgorithm: 'EC', signing: 'ECDSA_SHA_256' };
  throw new Error(`KMS key spec ${keySpec ?? 'unknown'} cannot seal with SHA-256 (use RSA_2048/3072/4096 or ECC_NIST_P256).`);
}

/**
 * The KMS key as something that signs: its public key, its algorithm, and a
 * sign() that sends only the SHA-256 digest (MessageType DIGEST), whatever the
 * size of the data. Checks that the key is for signing with SHA-256.
 */
export async function kmsKey(client: KMSClient, keyId: string): Promise<RemoteKey> {
  const key = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (key.KeyUsage && key.KeyUsage !== 'SIGN_VERIFY') throw new Error(`KMS key ${keyId} is not a signing key (${key.KeyUsage}).`);
  if (!key.PublicKey) throw new Error(`KMS returned no public key for ${keyId}.`);
  const { keyAlgorithm, signing } = algorithmFor(key.KeySpec);
  if (key.SigningAlgorithms && !key.SigningAlgorithms.includes(signing))
    throw new Error(`KMS key ${keyId} does not offer ${signing}.`);
  return {
    spki: key.PublicKey,
    keyAlgorithm,
    async sign(data) {
      const digest = createHash('sha256').update(data).digest();
      const out = await client.send(new SignCommand({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: signing }));
      if (!out.Signature) throw new Error(`KMS returned no signature for ${keyId}.`);
      // RSA: PKCS#1 v1.5 bytes; ECDSA: DER (r, s). Both are what CMS and X.509 carry.
      return new Uint8Array(out.Signature);
    },
  };
}

/**
 * A SealSigner backed by KMS. At creation it checks that the key is for
 * signing and that the certificate carries this key's public key: a wrong key
 * id would otherwise only show as seals nobody can verify.
 */
export async function kmsSealSigner(options: KmsSealSignerOptions): Promise<SealSigner> {
  const { client, keyId, certificate } = options;
  const key = await kmsKey(client, keyId);
  const certKey = new X509Certificate(Buffer.from(certificate)).publicKey.export({ format: 'der', type: 'spki' });
  if (!sameSpki(new Uint8Array(certKey), key.spki))
    throw new Error(`The seal certificate's public key is not the public key of KMS key ${keyId}.`);
  return { certificate, chain: options.chain, keyAlgorithm: key.keyAlgorithm, sign: key.sign };
}
