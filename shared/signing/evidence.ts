// Evidence hashes: the public record (the sealed PDF's audit page) names who did
// what and when; the private evidence of each act — e-mail, IP address, user
// agent, comment — stays in the admin-only audit trail. A SHA-256 over that
// private evidence, printed on the public page, ties the two together: whoever
// holds the private trail can show that a line of it is the one the seal
// covers, and nobody else learns anything from the hash. The random salt stored
// with each event is what makes the latter true: without it, a guessed e-mail
// and IP address could be confirmed against the hash.
import { createHash, randomBytes } from 'node:crypto';
import type { SignerEvent, SignerRecord } from '../domain/records';

/** A fresh salt for one request's evidence (128 random bits). */
export function evidenceSalt(): string {
  return randomBytes(16).toString('base64url');
}

type EvidenceSigner = Pick<SignerRecord, 'id' | 'email' | 'comment'>;

/** An event's private note: its own detail, or for a change request the signer's comment (kept on the signer). */
export function privateDetail(signer: EvidenceSigner, event: SignerEvent): string | null {
  return event.detail ?? (event.type === 'changes-requested' ? signer.comment : null) ?? null;
}

/** The exact text that is hashed: a JSON array in a fixed order, so anyone can recompute it from the private trail. */
export function evidenceText(protocolId: string, signer: EvidenceSigner, event: SignerEvent): string {
  return JSON.stringify([protocolId, signer.id, signer.email, event.type, event.at, event.ip ?? null, event.userAgent ?? null, privateDetail(signer, event), event.salt]);
}

/**
 * Hex SHA-256 of an event's private evidence, or null for an event that has
 * no salt (invitations and reminders: the system's acts, with nothing private
 * besides the address, which a hash without salt would not protect).
 */
export function evidenceSha256(protocolId: string, signer: EvidenceSigner, event: SignerEvent): string | null {
  if (!event.salt) return null;
  return createHash('sha256').update(evidenceText(protocolId, signer, event), 'utf8').digest('hex');
}
