// A queue consumer: Powertools batch processing with partial batch failures,
// so one bad message is retried (and finally dead-lettered) on its own.
import { BatchProcessor, EventType, FullBatchFailureError, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { containerDeps, type Wiring } from '../adapters/deps';
import { protocolOfMessage } from '../domain/queue-message';
import { MetricUnit, logger, metrics } from '../observability';
import type { Deps } from '../ports';

export type RecordWork = (deps: Deps, record: SQSRecord) => Promise<unknown>;

export function queueConsumer(queue: string, work: RecordWork, wiring?: Wiring) {
  const processor = new BatchProcessor(EventType.SQS);
  const base = (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(
      event,
      async (record: SQSRecord) => {
        const protocolId = protocolOfMessage(record.body);
        logger.appendKeys({ queue, ...(protocolId ? { protocolId } : {}) });
        try {
          const result = await work(containerDeps(wiring), record);
          metrics.addMetric(`${queue}Processed`, MetricUnit.Count, 1);
          return result;
        } catch (error) {
          logger.error('message failed', { error: error as Error, attempt: record.attributes?.ApproximateReceiveCount });
          metrics.addMetric(`${queue}Failed`, MetricUnit.Count, 1);
          throw error;
        } finally {
          logger.removeKeys(['protocolId', 'queue']);
        }
      },
      processor,
      { context, processInParallel: false },
    ).catch((error: unknown) => {
      // When every record failed the batch is retried as a whole; say why, not just that.
      if (error instanceof FullBatchFailureError) throw new Error(error.recordErrors.map((e) => e.message).join('; '));
      throw error;
    });
  return middy(base).use(injectLambdaContext(logger)).use(logMetrics(metrics));
}
