// Powertools logging and metrics, shared by every function. Each log line
// carries the protocol id once a handler appends it.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Log } from './ports';

export const logger = new Logger({ serviceName: 'justera' });
export const metrics = new Metrics({ namespace: 'Justera', serviceName: 'justera' });
export { MetricUnit };

export const log: Log = {
  info: (message, extra) => logger.info(message, extra ?? {}),
  warn: (message, extra) => logger.warn(message, extra ?? {}),
  error: (message, extra) => logger.error(message, extra ?? {}),
};
