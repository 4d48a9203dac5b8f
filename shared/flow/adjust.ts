// What a signature sets going: the next step of a sequential order, or — for
// whoever empties the pending set — the one ADJUSTED transition and its event.
// Its own module because remind resumes it after a crash: the remind and admin
// bundles need this and nothing of the signing link or BankID (./sign.ts).
import type { ProtocolRecord } from '../domain/records';
import type { Deps } from '../ports';
import { inviteActive } from './invite';
import { claimAdjustment } from './revisions';

/**
 * Takes the signer out of the pending set. Whoever empties it wins the
 * ADJUSTED transition and emits the event; otherwise the next step of a
 * sequential order may start. Also the recovery path for a crash in between.
 */
export async function afterSignature(deps: Deps, protocolId: string, signerId: string): Promise<boolean> {
  const left = await deps.store.protocols.removePending(protocolId, signerId);
  const protocol = await deps.store.protocols.get(protocolId);
  if (!protocol || protocol.status !== 'ROUTED') return false;
  if ((left?.pending ?? protocol.pending).length === 0) return completeIfSigned(deps, protocolId);
  await advanceSteps(deps, protocol);
  return false;
}

export async function completeIfSigned(deps: Deps, protocolId: string): Promise<boolean> {
  const signed = await deps.store.protocols.get(protocolId);
  if (!signed || signed.status !== 'ROUTED' || signed.pending.length) return false;
  // At most one adjusted version per meeting: the meeting record first, then the protocol (shared/flow/revisions.ts).
  if (!(await claimAdjustment(deps, signed))) return false;
  const at = deps.clock.now().toISOString();
  if (!(await deps.store.protocols.completeAdjustment(protocolId, at))) return false;
  await deps.events.publish([{ type: 'ProtocolAdjusted', detail: { protocolId } }]);
  deps.metric('ProtocolsAdjusted');
  deps.metric('UploadToAdjusted', Date.parse(at) - Date.parse(signed.receivedAt), 'Milliseconds');
  deps.log.info('stage', { stage: 'sign', protocolId, status: 'ADJUSTED' });
  return true;
}

/** Starts the next step of the signing order once everyone of the current step has signed. */
export async function advanceSteps(deps: Deps, protocol: ProtocolRecord): Promise<void> {
  const signers = await deps.store.signers.all(protocol.id);
  const open = signers.filter((s) => s.status !== 'signed');
  if (!open.length) return;
  const step = Math.min(...open.map((s) => s.step));
  let activated = false;
  for (const s of open.filter((o) => o.step === step && o.status === 'waiting'))
    activated = (await deps.store.signers.activate(protocol.id, s.id)) || activated;
  if (activated || open.some((s) => s.step === step && s.status === 'pending' && !s.invitedAt)) await inviteActive(deps, protocol);
}
