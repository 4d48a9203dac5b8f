// A message that failed every retry: recorded so the API and `justera redrive`
// can show and re-drive it, and its protocol set to NEEDS_ATTENTION with the
// state to resume from.
import { createHash } from 'node:crypto';
import { protocolIdOf } from '../domain/events';
import type { DeadLetterRecord, ProtocolStatus } from '../domain/records';
import type { Deps, Requeue } from '../ports';
import { reportProblem } from './notify';
import { decodeS3Key, protocolIdFor } from './receive';

export interface FailedMessage {
  /** The queue the message failed on (route, stamp, index, parse...). */
  queue: string;
  messageId: string;
  body: string;
  attempts: number;
  error: string | null;
}

/** The protocol a failed message was about, if it can be told from the message. */
export function protocolOfMessage(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { Records?: { s3?: { bucket?: { name?: string }; object?: { key?: string; versionId?: string; eTag?: string; sequencer?: string } } }[] };
    const s3 = parsed.Records?.[0]?.s3;
    if (s3?.object?.key && s3.bucket?.name)
      return protocolIdFor(s3.bucket.name, decodeS3Key(s3.object.key), s3.object.versionId ?? `${s3.object.eTag}:${s3.object.sequencer ?? ''}`);
    return protocolIdOf(body);
  } catch {
    return null;
  }
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
    const reason = {
      code: 'PROCESSING_FAILED',
      sv: `Steget "${failed.queue}" misslyckades efter ${failed.attempts} försök och väntar på åtgärd (${record.error.slice(0, 200)}). Driftansvarig kan köra "justera redrive" när felet är åtgärdat.`,
      en: `The ${failed.queue} step failed after ${failed.attempts} attempts; run "justera redrive" once the cause is fixed.`,
    };
    const moved = await deps.store.protocols.transition(protocol.id, [record.statusBefore], 'NEEDS_ATTENTION', { reason }, { at, type: 'dead-letter', detail: reason.sv });
    if (moved) await reportProblem(deps, moved, reason);
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
