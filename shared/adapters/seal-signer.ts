// The organisation's seal key: an asymmetric KMS key on AWS (the private key
// never leaves KMS), a key and self-signed certificate in the data folder on
// one machine.
import type { Deps } from '../ports';
import { ensureLocalSealKey } from '../seal/local-key';
import type { SealSigner } from '../seal/types';

export function pemToDer(pem: string): Uint8Array {
  const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

export async function sealSignerFor(deps: Deps): Promise<SealSigner> {
  const config = deps.config;
  if (config.JUSTERA_SEAL_KEY_ID) {
    if (!config.JUSTERA_SEAL_CERTIFICATE) throw new Error('JUSTERA_SEAL_CERTIFICATE is required with JUSTERA_SEAL_KEY_ID');
    const [{ KMSClient }, { kmsSealSigner }] = await Promise.all([import('@aws-sdk/client-kms'), import('./kms-signer')]);
    return kmsSealSigner({
      client: new KMSClient({ region: config.AWS_REGION }),
      keyId: config.JUSTERA_SEAL_KEY_ID,
      certificate: pemToDer(config.JUSTERA_SEAL_CERTIFICATE),
    });
  }
  return ensureLocalSealKey(config.JUSTERA_SEAL_DIR ?? '.justera/seal', config.JUSTERA_SEAL_ORGANISATION);
}
