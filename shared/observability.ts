// Powertools logging and metrics, shared by every function. Each log line
// carries the protocol id once a handler appends it.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Log, Metric } from './ports';

export const logger = new Logger({ serviceName: 'justera' });
/** An invocation that had nothing to count is normal here (a page view, a repeated event). */
const quietWhenEmpty = {
  trace: (...a: unknown[]) => logger.debug(String(a[0])),
  debug: (...a: unknown[]) => logger.debug(String(a[0])),
  info: (...a: unknown[]) => logger.info(String(a[0])),
  warn: (...a: unknown[]) => (String(a[0]).startsWith('No application metrics') ? undefined : logger.warn(String(a[0]))),
  error: (...a: unknown[]) => logger.error(String(a[0])),
};
export const metrics = new Metrics({ namespace: 'Justera', serviceName: 'justera', logger: quietWhenEmpty });
export { MetricUnit };

/** The Metric port (shared/ports.ts) on Powertools: EMF lines CloudWatch turns into metrics. */
export const metric: Metric = (name, value = 1, unit = 'Count') =>
  metrics.addMetric(name, unit === 'Milliseconds' ? MetricUnit.Milliseconds : MetricUnit.Count, value);

export const log: Log = {
  info: (message, extra) => logger.info(message, extra ?? {}),
  warn: (message, extra) => logger.warn(message, extra ?? {}),
  error: (message, extra) => logger.error(message, extra ?? {}),
};
