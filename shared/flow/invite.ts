// Sending a signer their personal link. Every mail carries its own token (only
// the hash is stored), so an earlier mail's link keeps working until the
// signer has signed or the protocol closes.
import type { ProtocolRecord, SignerRecord } from '../domain/records';
import { invitation } from '../mail/messages';
import type { Deps } from '../ports';
import { newToken } from '../signing/tokens';
import { secretaryName } from './route-signers';
import { sendOnce } from './notify';

export function signLink(deps: Deps, token: string): string {
  return `${deps.config.JUSTERA_PUBLIC_URL.replace(/\/$/, '')}/sign/${token}`;
}

async function mailWithNewLink(deps: Deps, p: ProtocolRecord, signer: SignerRecord, extra: { changedItems?: string[] | null; reminder?: boolean }) {
  const { token, hash } = newToken();
  await deps.store.signers.addToken(p.id, signer.id, hash, signer.expiresAt);
  const directory = await deps.store.bodies.get(p.body);
  return invitation({ protocol: p, signer, link: signLink(deps, token), secretary: secretaryName(p, directory), replyTo: directory?.secretary.email ?? null, ...extra });
}

/** Invites every activated signer who has not had a mail yet. Safe to repeat. */
export async function inviteActive(deps: Deps, p: ProtocolRecord, changedItems: string[] | null = null): Promise<void> {
  for (const signer of await deps.store.signers.all(p.id)) {
    if (signer.status !== 'pending' || signer.invitedAt) continue;
    // Sent already (a repeated event after a crash before recording it): only the record is missing.
    const sent = await sendOnce(deps, `invite#${p.id}#${signer.id}`, () => mailWithNewLink(deps, p, signer, { changedItems }));
    await deps.store.signers.markInvited(p.id, signer.id, { at: deps.clock.now().toISOString(), type: 'invited', detail: signer.email });
    if (sent) deps.log.info('stage', { stage: 'route', protocolId: p.id, invited: signer.name, role: signer.role });
  }
}

/** A reminder with a fresh link; at most one per signer and day. */
export async function remindSigner(deps: Deps, p: ProtocolRecord, signer: SignerRecord, days: number[], today: string): Promise<boolean> {
  const sent = await sendOnce(deps, `remind#${p.id}#${signer.id}#${today}`, () => mailWithNewLink(deps, p, signer, { reminder: true }));
  if (sent)
    await deps.store.signers.recordReminder(p.id, signer.id, days, { at: deps.clock.now().toISOString(), type: 'reminded', detail: `dag ${days.join(', ')}` });
  return sent;
}

/** The invitation again with a fresh link (the signer lost the mail); at most one per signer and day. */
export async function resendInvitation(deps: Deps, p: ProtocolRecord, signer: SignerRecord, today: string): Promise<boolean> {
  const sent = await sendOnce(deps, `resend#${p.id}#${signer.id}#${today}`, () => mailWithNewLink(deps, p, signer, {}));
  if (sent) await deps.store.protocols.note(p.id, { at: deps.clock.now().toISOString(), type: 'link-resent', detail: signer.name });
  return sent;
}
