// The organisation's seal key on AWS: an asymmetric KMS key (the private key
// never leaves KMS) with the certificate from configuration. The stamp
// function's wiring names it; the local runtime uses its own key file instead
// (infra/local/seal.ts).
import type { AwsConfig } from '../config';
import { derOf, pemBlocks } from '../seal/published';
import type { SealSigner } from '../seal/types';

export async function kmsSealSignerFor(config: AwsConfig): Promise<SealSigner> {
  if (!config.JUSTERA_SEAL_KEY_ID) throw new Error('JUSTERA_SEAL_KEY_ID is required for sealing');
  if (!config.JUSTERA_SEAL_CERTIFICATE) throw new Error('JUSTERA_SEAL_CERTIFICATE is required with JUSTERA_SEAL_KEY_ID');
  const [{ KMSClient }, { kmsSealSigner }] = await Promise.all([import('@aws-sdk/client-kms'), import('./kms-signer')]);
  // The seal certificate, then the chain a CA issued it under (`justera seal-certificate import`), if any.
  const [certificate, ...chain] = pemBlocks(config.JUSTERA_SEAL_CERTIFICATE).map(derOf);
  if (!certificate) throw new Error('JUSTERA_SEAL_CERTIFICATE holds no PEM certificate');
  return kmsSealSigner({ client: new KMSClient({ region: config.AWS_REGION }), keyId: config.JUSTERA_SEAL_KEY_ID, certificate, chain });
}
