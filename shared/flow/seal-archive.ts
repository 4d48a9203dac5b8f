// The seal step's archive part (called where shared/flow/stamp.ts seals):
// seal, add the long-term validation data when a TSA is configured, validate,
// and keep the signed validation result beside the record — before the record
// itself, so a record in the bucket always has its validation result.
import type { Deps } from '../ports';
import { sealForArchive, type ArchiveSealOptions } from '../seal/archive';
import type { SealSigner } from '../seal/types';
import { validationKeyOf } from '../seal/validation-key';

/** Seals `stamped` for the record stored under `key`; stores the validation result and returns the sealed bytes. */
export async function sealAndKeepValidation(deps: Deps, key: string, stamped: Uint8Array, signer: SealSigner, options: ArchiveSealOptions): Promise<Uint8Array> {
  const { bytes, report, validation } = await sealForArchive(stamped, signer, { ...options, validatedAt: deps.clock.now() });
  const lock = deps.config.JUSTERA_OBJECT_LOCK_MODE;
  await deps.files.put(validationKeyOf(key), validation, {
    contentType: 'application/jose+json',
    metadata: { 'protocol-id': report.protocolId ?? '', 'record-sha256': report.file.sha256 },
    // Kept as long as the record: the bucket refuses unlocked writes under signed/ where Object Lock is on.
    ...(lock !== 'none' ? { retain: { mode: lock, until: new Date(deps.clock.now().getTime() + deps.config.JUSTERA_RETENTION_DAYS * 86_400_000) } } : {}),
  });
  return bytes;
}
