// The functions, what starts them and how they are sized. The CDK stack and
// the local runtime both read this table, so the two cannot disagree about
// retries, memory or time limits.

export type FunctionName = 'parse' | 'route' | 'stamp' | 'index' | 'deadletter' | 'remind' | 'api' | 'admin' | 'sign';

export interface FunctionSpec {
  entry: string;
  memoryMb: number;
  timeoutSec: number;
  /** How it is started. */
  trigger: 'queue' | 'http' | 'schedule';
  /** Locally: run in its own process, as a Lambda sandbox would, because a hostile PDF may exhaust it. */
  isolated?: boolean;
  /** Reserved concurrency on AWS, where a stage must not starve the others. */
  reservedConcurrency?: number;
}

export const FUNCTIONS: Record<FunctionName, FunctionSpec> = {
  parse: { entry: 'functions/parse/handler.ts', memoryMb: 1024, timeoutSec: 60, trigger: 'queue', isolated: true, reservedConcurrency: 10 },
  route: { entry: 'functions/route/handler.ts', memoryMb: 256, timeoutSec: 30, trigger: 'queue' },
  stamp: { entry: 'functions/stamp/handler.ts', memoryMb: 1024, timeoutSec: 120, trigger: 'queue', isolated: true, reservedConcurrency: 5 },
  index: { entry: 'functions/index/handler.ts', memoryMb: 256, timeoutSec: 30, trigger: 'queue' },
  deadletter: { entry: 'functions/deadletter/handler.ts', memoryMb: 256, timeoutSec: 30, trigger: 'queue' },
  remind: { entry: 'functions/remind/handler.ts', memoryMb: 256, timeoutSec: 300, trigger: 'schedule' },
  api: { entry: 'functions/api/handler.ts', memoryMb: 512, timeoutSec: 10, trigger: 'http' },
  admin: { entry: 'functions/admin/handler.ts', memoryMb: 256, timeoutSec: 30, trigger: 'http' },
  sign: { entry: 'functions/sign/handler.ts', memoryMb: 256, timeoutSec: 10, trigger: 'http' },
};

/** Queue consumers and their retry policy: deliveries before a message goes to the dead-letter queue. */
export const QUEUES = {
  parse: { consumer: 'parse', maxReceiveCount: 5 },
  route: { consumer: 'route', maxReceiveCount: 5 },
  stamp: { consumer: 'stamp', maxReceiveCount: 5 },
  index: { consumer: 'index', maxReceiveCount: 5 },
} as const satisfies Record<string, { consumer: FunctionName; maxReceiveCount: number }>;

export type QueueName = keyof typeof QUEUES;

/** Local backoff between deliveries (SQS waits a visibility timeout instead). */
export const LOCAL_BACKOFF_MS = [1000, 2000, 4000, 8000];

/**
 * Put at the top of every ESM bundle (the CDK stack's and the benchmark's):
 * CommonJS packages bundled into ESM still call require() for Node built-ins.
 */
export const ESM_REQUIRE_BANNER = "import { createRequire as __justeraCreateRequire } from 'node:module'; const require = __justeraCreateRequire(import.meta.url);";
