// What the secretary does from their page while a protocol is out for
// adjustment: remind one signer now, send a lost link again, withdraw the
// protocol. Each is a single conditional write or a once-per-day mail, so a
// double click or two tabs do it once.
import { stockholmDate } from '../domain/calendar';
import { reason, type WithdrawCause } from '../domain/reasons';
import { OPEN_STATUSES, type ProtocolRecord } from '../domain/records';
import { withdrawnToSigner } from '../mail/messages';
import type { Deps } from '../ports';
import { remindSigner, resendInvitation } from './invite';
import { sendOnce } from './notify';

export type Nudge = 'remind' | 'resend';
export type NudgeOutcome = 'sent' | 'already-today' | 'not-open';

/** Mails one signer now: a reminder, or the invitation again; each with a fresh link, at most once per signer and day. */
export async function nudgeSigner(deps: Deps, protocolId: string, signerId: string, kind: Nudge): Promise<NudgeOutcome> {
  const [p, signer] = await Promise.all([deps.store.protocols.get(protocolId), deps.store.signers.get(protocolId, signerId)]);
  // Only a person who was asked and has not answered: a waiting step has no link yet, a signed one needs none.
  if (!p || !signer || p.status !== 'ROUTED' || signer.status !== 'pending' || !signer.invitedAt) return 'not-open';
  if (deps.clock.now().toISOString() >= signer.expiresAt) return 'not-open';
  const today = stockholmDate(deps.clock.now());
  // The same daily key as the reminder round: the secretary's reminder counts as today's.
  const sent = kind === 'remind' ? await remindSigner(deps, p, signer, [], today) : await resendInvitation(deps, p, signer, today);
  return sent ? 'sent' : 'already-today';
}

/**
 * Withdraws a protocol that is not adjusted yet: WITHDRAWN with the cause as
 * its reason. Signer links answer "closed" from then on (the signing flow opens
 * only ROUTED protocols), and the last signature cannot win ADJUSTED any more:
 * whichever conditional write comes first decides. Null when it was too late.
 */
export async function withdrawProtocol(deps: Deps, protocolId: string, cause: WithdrawCause): Promise<ProtocolRecord | null> {
  const why = reason('WITHDRAWN', { cause });
  const at = deps.clock.now().toISOString();
  const moved = await deps.store.protocols.transition(protocolId, OPEN_STATUSES, 'WITHDRAWN', { reason: why }, { at, type: 'withdrawn-by-secretary', detail: why.sv });
  if (!moved) return null;
  deps.metric('ProtocolsWithdrawn');
  const directory = await deps.store.bodies.get(moved.body);
  for (const signer of await deps.store.signers.all(protocolId)) {
    // Only those holding a live link are told; those who signed learn nothing new.
    if (!signer.invitedAt || signer.status === 'signed') continue;
    await sendOnce(deps, `withdrawn#${protocolId}#${signer.id}`, withdrawnToSigner(moved, signer, directory?.secretary.email ?? null));
  }
  deps.log.info('stage', { stage: 'withdraw', protocolId, status: 'WITHDRAWN', cause });
  return moved;
}
