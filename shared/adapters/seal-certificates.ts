// The seal certificates a stack on AWS publishes: the configured certificate
// (JUSTERA_SEAL_CERTIFICATE, the same one the stamp function seals with; the
// api function gets the variable and no access to the key). The local runtime
// reads its own beside the local key (infra/local/seal.ts).
import type { Config } from '../config';
import { pemBlocks } from '../seal/published';

export function configuredSealCertificates(config: Config): string[] {
  // The seal certificate only, not the CA chain after it: a verifier pins what is published, and pinning the
  // CA would vouch for every certificate it issues, to anyone.
  return config.JUSTERA_SEAL_CERTIFICATE ? pemBlocks(config.JUSTERA_SEAL_CERTIFICATE).slice(0, 1) : [];
}
