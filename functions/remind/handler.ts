// Daily (EventBridge Scheduler on AWS, a timer locally): reminders, expiry,
// and resuming protocols a crash left between two steps.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { containerDeps } from '../../shared/adapters/deps';
import { remindRound } from '../../shared/flow/remind';
import { logger, metrics } from '../../shared/observability';

export const handler = middy(async () => {
  const report = await remindRound(containerDeps());
  logger.info('remind round', { ...report });
  return report;
})
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
