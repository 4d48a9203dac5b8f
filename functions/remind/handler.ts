// Scheduled work. {"task":"remind"} (daily, and `justera remind --now`):
// reminders and expiry, then resuming. {"task":"resume"} (every few minutes):
// only picks up protocols a crash left between two steps, which the local
// stand-ins cannot signal by a stream.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { containerDeps, type Wiring } from '../../shared/adapters/deps';
import { sesMailer } from '../../shared/adapters/mailer';
import { remindRound, resumeStuck } from '../../shared/flow/remind';
import { logger, metrics } from '../../shared/observability';

export interface ScheduledTask {
  task?: 'remind' | 'resume';
  /** How long a protocol must have sat in a state to count as stuck (default ten minutes, STUCK_AFTER_MS). */
  stuckAfterMs?: number;
}

const WIRING: Wiring = { mailer: sesMailer };

export const handler = middy(async (event: ScheduledTask = {}) => {
  const deps = containerDeps(WIRING);
  if (event.task === 'resume') {
    const resumed = await resumeStuck(deps, event.stuckAfterMs);
    if (resumed) logger.info('resumed', { resumed });
    return { resumed };
  }
  const report = await remindRound(deps);
  logger.info('remind round', { ...report });
  return report;
})
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
