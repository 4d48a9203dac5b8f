// The functions, what starts them, how they are sized, when they are
// scheduled and which variables they get. The CDK stack and the local runtime
// both read these tables, so the two cannot disagree about retries, memory,
// time limits, schedules or configuration. No CDK here: the deadletter bundle
// reads QUEUES.
import type { RuntimeName } from '../shared/config';
import { BUNDLE_ALIASES } from './bundling/aliases';

export type FunctionName = 'parse' | 'route' | 'stamp' | 'publish' | 'deadletter' | 'remind' | 'api' | 'admin' | 'sign' | 'secretary' | 'subscribe';

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
  publish: { entry: 'functions/publish/handler.ts', memoryMb: 256, timeoutSec: 30, trigger: 'queue' },
  deadletter: { entry: 'functions/deadletter/handler.ts', memoryMb: 256, timeoutSec: 30, trigger: 'queue' },
  remind: { entry: 'functions/remind/handler.ts', memoryMb: 256, timeoutSec: 300, trigger: 'schedule' },
  api: { entry: 'functions/api/handler.ts', memoryMb: 512, timeoutSec: 10, trigger: 'http' },
  admin: { entry: 'functions/admin/handler.ts', memoryMb: 256, timeoutSec: 30, trigger: 'http' },
  sign: { entry: 'functions/sign/handler.ts', memoryMb: 256, timeoutSec: 10, trigger: 'http' },
  secretary: { entry: 'functions/secretary/handler.ts', memoryMb: 256, timeoutSec: 10, trigger: 'http' },
  subscribe: { entry: 'functions/subscribe/handler.ts', memoryMb: 256, timeoutSec: 10, trigger: 'http' },
};

/** Queue consumers and their retry policy: deliveries before a message goes to the dead-letter queue. */
export const QUEUES = {
  parse: { consumer: 'parse', maxReceiveCount: 5 },
  route: { consumer: 'route', maxReceiveCount: 5 },
  stamp: { consumer: 'stamp', maxReceiveCount: 5 },
  publish: { consumer: 'publish', maxReceiveCount: 5 },
} as const satisfies Record<string, { consumer: FunctionName; maxReceiveCount: number }>;

export type QueueName = keyof typeof QUEUES;

/** What the remind function is started with on a schedule (functions/remind/handler.ts reads it). */
export interface ScheduledInput {
  task: 'remind' | 'resume';
}

export interface ScheduleSpec {
  target: FunctionName;
  input: ScheduledInput;
  description: string;
  /** On AWS (EventBridge Scheduler): a daily time in a time zone, or every so many minutes. */
  aws: { cron: { hour: string; minute: string; timeZone: string } } | { rateMinutes: number };
  retryAttempts: number;
  maxEventAgeMinutes: number;
  /** Locally one machine runs the rounds more often, so what waits for them shows within a session. */
  localEveryMs: number;
}

/** The scheduled invocations: the CDK stack makes a Scheduler schedule of each, the local runtime a timer. */
export const SCHEDULES = {
  remind: {
    target: 'remind',
    input: { task: 'remind' },
    description: 'Daily reminders, expiry and stuck work at 06:00 Europe/Stockholm',
    // Scheduler keeps it at 06:00 Swedish time through daylight saving.
    aws: { cron: { hour: '6', minute: '0', timeZone: 'Europe/Stockholm' } },
    retryAttempts: 2,
    maxEventAgeMinutes: 120,
    localEveryMs: 10 * 60_000,
  },
  resume: {
    target: 'remind',
    input: { task: 'resume' },
    description: 'Resume protocols left between two steps',
    aws: { rateMinutes: 10 },
    retryAttempts: 0,
    maxEventAgeMinutes: 10,
    localEveryMs: 30_000,
  },
} as const satisfies Record<string, ScheduleSpec>;

export type ScheduleName = keyof typeof SCHEDULES;

/**
 * Variables only some functions get (least privilege: only stamp knows the
 * seal key, only admin the queue URLs). Every other variable of a runtime's
 * shared environment goes to every function.
 */
export const SCOPED_VARIABLES: Record<string, readonly FunctionName[]> = {
  JUSTERA_SEAL_KEY_ID: ['stamp'],
  JUSTERA_FONT_DIR: ['stamp'],
  JUSTERA_OBJECT_LOCK_MODE: ['stamp'],
  JUSTERA_RETENTION_DAYS: ['stamp'],
  JUSTERA_TSA_URL: ['stamp'],
  // The api function publishes the certificate (GET /seal-certificates); it has no access to the key.
  JUSTERA_SEAL_CERTIFICATE: ['stamp', 'api'],
  JUSTERA_QUEUE_URLS: ['admin'],
  // BankID: only the sign function talks to it; admin (import) and sign (identity check) hash personnummer.
  JUSTERA_BANKID_URL: ['sign'],
  JUSTERA_BANKID_SECRET: ['sign'],
  JUSTERA_BANKID_CERT: ['sign'],
  JUSTERA_BANKID_KEY: ['sign'],
  JUSTERA_BANKID_CA: ['sign'],
  JUSTERA_BANKID_ROOTS: ['sign'],
  JUSTERA_PERSONNUMMER_KEY_ID: ['admin', 'sign'],
  // The sign function keeps BankID evidence (GenerateDataKey), the admin function opens it for the operator (Decrypt).
  JUSTERA_EVIDENCE_KEY_ID: ['admin', 'sign'],
};

export interface EnvironmentSettings {
  runtime: RuntimeName;
  stage: string;
  table: string;
  bucket: string;
  publicUrl: string;
  logLevel: string;
  /** What only this runtime sets: on AWS the bus, SES and the scoped values; locally the data folder and endpoints. */
  runtimeVariables: Record<string, string | undefined>;
}

/** The variables of a runtime, before they are handed out per function; undefined values are left out. */
export function runtimeEnvironment(settings: EnvironmentSettings): Record<string, string> {
  const all: Record<string, string | undefined> = {
    JUSTERA_RUNTIME: settings.runtime,
    JUSTERA_STAGE: settings.stage,
    JUSTERA_TABLE: settings.table,
    JUSTERA_BUCKET: settings.bucket,
    JUSTERA_PUBLIC_URL: settings.publicUrl,
    POWERTOOLS_SERVICE_NAME: 'justera',
    POWERTOOLS_LOG_LEVEL: settings.logLevel,
    ...settings.runtimeVariables,
  };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

/** What one function gets of its runtime's variables. */
export function functionEnvironment(name: FunctionName, variables: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).filter(([key]) => SCOPED_VARIABLES[key]?.includes(name) ?? true));
}

/** Local backoff between deliveries (SQS waits a visibility timeout instead). */
export const LOCAL_BACKOFF_MS = [1000, 2000, 4000, 8000];

/**
 * Put at the top of every ESM bundle (the CDK stack's and the benchmark's):
 * CommonJS packages bundled into ESM still call require() for Node built-ins.
 */
export const ESM_REQUIRE_BANNER = "import { createRequire as __justeraCreateRequire } from 'node:module'; const require = __justeraCreateRequire(import.meta.url);";

/**
 * esbuild options every function bundle is built with outside the CDK (the
 * benchmark's and the bundle tests'), matching the NodejsFunction bundling in
 * infra/constructs/lambdas.ts: one ESM file for Node 22 with the require banner.
 */
export const ESBUILD_LAMBDA = {
  bundle: true,
  platform: 'node' as const,
  target: 'node22',
  format: 'esm' as const,
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  alias: BUNDLE_ALIASES,
};
