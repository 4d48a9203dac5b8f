// The daily round: reminders per the body's schedule, expiry at the deadline,
// and picking up work that a crash left half done (the local stand-ins have no
// streams, so nothing else would notice).
import { daysBetween, stockholmDate } from '../domain/stockholm';
import type { DomainEventType } from '../domain/events';
import { reason } from '../domain/reasons';
import type { BodyDirectory, ProtocolStatus } from '../domain/records';
import { expiredToSecretary } from '../mail/messages';
import type { Deps } from '../ports';
import { inviteActive, remindSigner } from './invite';
import { secretaryAddress, sendOnce } from './notify';
import { secretaryLinkFor } from './secretary-links';
import { advanceSteps, completeIfSigned } from './adjust';

export interface RoundReport {
  reminded: number;
  expired: number;
  resumed: number;
}

export async function remindRound(deps: Deps): Promise<RoundReport> {
  const now = deps.clock.now();
  const today = stockholmDate(now);
  const report: RoundReport = { reminded: 0, expired: 0, resumed: 0 };
  const bodies = new Map<string, BodyDirectory | null>();

  for (const p of await deps.store.protocols.inStatus('ROUTED')) {
    const signers = await deps.store.signers.all(p.id);
    // Everyone signed (a crash came before the count): the resume round completes it, the deadline does not apply.
    if (p.deadline && now.toISOString() >= p.deadline && p.pending.length > 0) {
      const moved = await deps.store.protocols.transition(
        p.id,
        ['ROUTED'],
        'EXPIRED',
        { reason: reason('EXPIRED') },
        { at: now.toISOString(), type: 'expired' },
      );
      const to = await secretaryAddress(deps, p.body);
      if (moved && to)
        await sendOnce(deps, `expired#${p.id}`, async () => expiredToSecretary(moved, to, signers.filter((s) => s.status !== 'signed'), await secretaryLinkFor(deps, moved, to)));
      if (moved) report.expired++;
      if (moved) deps.metric('ProtocolsExpired');
      deps.log.info('stage', { stage: 'remind', protocolId: p.id, status: 'EXPIRED' });
      continue;
    }
    if (!bodies.has(p.body)) bodies.set(p.body, await deps.store.bodies.get(p.body));
    const schedule = bodies.get(p.body)?.reminderDays ?? [];
    for (const s of signers) {
      if (s.status !== 'pending' || !s.invitedAt) continue;
      const since = daysBetween(stockholmDate(new Date(s.invitedAt)), today);
      const due = schedule.filter((d) => d <= since && !s.reminders.includes(d));
      if (due.length && (await remindSigner(deps, p, s, due, today))) {
        report.reminded++;
        deps.metric('RemindersSent');
        deps.log.info('stage', { stage: 'remind', protocolId: p.id, reminded: s.name });
      }
    }
  }
  report.resumed = await resumeStuck(deps);
  return report;
}

/** The event that moves a protocol on from each state, re-sent when it has sat there too long. */
const NEXT: Partial<Record<ProtocolStatus, DomainEventType>> = {
  PARSED: 'ProtocolParsed',
  ADJUSTED: 'ProtocolAdjusted',
  SEALED: 'ProtocolSealed',
};

/**
 * How long a protocol sits in a state before the resume round sends its event
 * again. Longer than a busy queue's backlog: a shorter wait re-sent the event of
 * every protocol still queued behind others, and the copies made the backlog
 * longer (each is handled idempotently, but each costs a delivery).
 */
export const STUCK_AFTER_MS = 10 * 60_000;
/** A protocol still between two steps after this long is reported (metric ProtocolsStuck, alarmed on AWS). */
export const STUCK_ALARM_MS = 15 * 60_000;

export async function resumeStuck(deps: Deps, stuckAfterMs = STUCK_AFTER_MS): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - stuckAfterMs).toISOString();
  let resumed = 0;
  const resent: string[] = [];
  for (const [status, type] of Object.entries(NEXT) as [ProtocolStatus, DomainEventType][]) {
    for (const p of await deps.store.protocols.inStatus(status, before)) {
      resent.push(p.id);
      await deps.events.publish([{ type, detail: { protocolId: p.id } }]);
      deps.log.warn('resumed stuck protocol', { protocolId: p.id, status });
      resumed++;
    }
  }
  // A seal attempt that died holding the lease: its retries were acknowledged as busy, so nothing else brings it back.
  const stale = new Set(resent);
  for (const p of await deps.store.protocols.withExpiredLease('ADJUSTED', 'seal', deps.clock.now())) {
    if (stale.has(p.id)) continue;
    await deps.events.publish([{ type: 'ProtocolAdjusted', detail: { protocolId: p.id } }]);
    deps.log.warn('resumed a seal whose attempt died', { protocolId: p.id });
    resumed++;
  }
  // A ROUTED protocol whose last signature was recorded but not yet counted, or whose next step never started.
  for (const p of await deps.store.protocols.inStatus('ROUTED', before)) {
    if (p.pending.length === 0) {
      if (await completeIfSigned(deps, p.id)) resumed++;
      continue;
    }
    await advanceSteps(deps, p);
    await inviteActive(deps, p);
  }
  const longAgo = new Date(deps.clock.now().getTime() - STUCK_ALARM_MS).toISOString();
  let stuck = 0;
  for (const status of ['RECEIVED', 'PARSED', 'ADJUSTED', 'SEALED'] as const) stuck += (await deps.store.protocols.inStatus(status, longAgo)).length;
  deps.metric('ProtocolsStuck', stuck);
  if (stuck) deps.log.warn('protocols stuck between steps', { stuck });
  return resumed;
}
