// The seal key on one machine: an RSA key and self-signed certificate created
// in the data folder on first use (shared/seal/local-key.ts makes them). The
// api function publishes the certificate file beside the key, never the key.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureLocalSealKey } from '../../shared/seal/local-key';
import { pemBlocks, SEAL_CERT_FILE } from '../../shared/seal/published';
import type { SealSigner } from '../../shared/seal/types';

export function localSealSigner(dir: string, organisation: string): Promise<SealSigner> {
  return ensureLocalSealKey(dir, organisation);
}

/** The local seal certificate; none before the first seal has created the key. */
export async function localSealCertificates(dir: string): Promise<string[]> {
  try {
    // The seal certificate, not an imported CA chain after it (see shared/adapters/seal-certificates.ts).
    return pemBlocks(await readFile(path.join(dir, SEAL_CERT_FILE), 'utf8')).slice(0, 1);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
