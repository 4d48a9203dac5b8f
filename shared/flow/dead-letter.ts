// A message that failed every retry: recorded so the API and `justera redrive`
// can show and re-drive it, and its protocol set to NEEDS_ATTENTION with the
// state to resume from.
import { createHash } from 'node:crypto';
import { protocolOfMessage } from '../domain/queue-message';
import { fixFor, reason as reasonFor } from '../domain/reasons';
import type { DeadLetterRecord, ProtocolStatus } from '../domain/records';
import type { Deps, Requeue } from '../ports';
import { reportProblem } from './notify';

export interface FailedMessage {
  /** The queue the message failed on (route, stamp, index, parse...). */
  queue: string;
  messageId: string;
  body: string;
  attempts: number;
  error: string | null;
}

const RESUMABLE: readonly ProtocolStatus[] = ['RECEIVED', 'PARSED', 'ROUTED', 'ADJUSTED', 'SEALED'];

export async function recordDeadLetter(deps: Deps, failed: FailedMessage): Promise<DeadLetterRecord> {
  const at = deps.clock.now().toISOString();
  const protocolId = protocolOfMessage(failed.body);
  const id = createHash('sha256').update(`${failed.queue}\n${failed.messageId}`).digest('hex').slice(0, 16);
  const protocol = protocolId ? await deps.store.protocols.get(protocolId) : null;
  const record: DeadLetterRecord = {
    id,
    queue: failed.queue,
    at,
    protocolId,
    attempts: failed.attempts,
    error: failed.error ?? 'failed every retry (see the function logs)',
    body: failed.body,
    redrivenAt: null,
    statusBefore: protocol && RESUMABLE.includes(protocol.status) ? protocol.status : null,
  };
  await deps.store.deadLetters.put(record);
  deps.metric('DeadLetters');
  if (protocol && record.statusBefore) {
    const particulars = { queue: failed.queue, attempts: failed.attempts, error: record.error };
    const reason = reasonFor('PROCESSING_FAILED', particulars);
    const moved = await deps.store.protocols.transition(protocol.id, [record.statusBefore], 'NEEDS_ATTENTION', { reason }, { at, type: 'dead-letter', detail: reason.sv });
    if (moved) await reportProblem(deps, moved, reason, fixFor('PROCESSING_FAILED', particulars));
  }
  deps.log.error('dead letter', { queue: failed.queue, protocolId, attempts: failed.attempts, error: record.error });
  return record;
}

export type { Requeue } from '../ports';

/** Puts every dead letter back on its queue, first returning its protocol to the state it failed in. */
export async function redrive(deps: Deps, requeue: Requeue): Promise<DeadLetterRecord[]> {
  const done: DeadLetterRecord[] = [];
  for (const record of await deps.store.deadLetters.list()) {
    const at = deps.clock.now().toISOString();
    if (record.protocolId && record.statusBefore)
      await deps.store.protocols.transition(record.protocolId, ['NEEDS_ATTENTION'], record.statusBefore, { reason: null }, { at, type: 'redriven', detail: record.queue });
    await requeue(record.queue, record.body);
    await deps.store.deadLetters.markRedriven(record, at);
    done.push(record);
  }
  return done;
}
