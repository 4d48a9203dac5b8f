// Where a stack's seal certificates come from: on AWS the configured
// certificate (JUSTERA_SEAL_CERTIFICATE, the same one the stamp function seals
// with: the api function gets the variable and no access to the key); on one
// machine the certificate file beside the local seal key (never the key), once
// the first seal has created it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config';
import { pemBlocks, SEAL_CERT_FILE } from '../seal/published';

export async function sealCertificatePems(config: Config): Promise<string[]> {
  if (config.JUSTERA_SEAL_CERTIFICATE) return pemBlocks(config.JUSTERA_SEAL_CERTIFICATE);
  if (config.JUSTERA_SEAL_KEY_ID) return []; // a KMS key without its certificate: nothing is sealed yet
  try {
    return pemBlocks(await readFile(path.join(config.JUSTERA_SEAL_DIR ?? '.justera/seal', SEAL_CERT_FILE), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
