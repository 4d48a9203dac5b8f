// Every function of infra/functions.ts as a NodejsFunction (Node.js 22, arm64,
// bundled locally by esbuild into one ESM file), each with its own role and
// log group, and what starts it: its queue, the dead-letter queues, the daily
// schedules (SCHEDULES), or the HTTP API (constructs/api.ts).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BUNDLE_ALIASES } from '../bundling/aliases';
import type { StackConfig } from '../config';
import { ESM_REQUIRE_BANNER, FUNCTIONS, QUEUES, SCHEDULES, functionEnvironment, type FunctionName, type QueueName, type ScheduleSpec } from '../functions';

/** The project root: entries in FUNCTIONS are relative to it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

/** The TTFs shared/stamp/fonts.ts loads (the face scripts/stamp-face.ts prepares); copied next to the stamp bundle (a test keeps the two lists equal). */
export const STAMP_FONTS = ['DejaVuSans-stamp.ttf'];
/** Where they are inside the stamp function's code (Lambda unpacks the asset into /var/task). */
export const STAMP_FONT_DIR = '/var/task/fonts';

/** A hostile PDF may exhaust a sandbox: functions that read PDFs take one message per invocation, so it fails alone. */
export function batchSizeOf(fn: FunctionName): number {
  return FUNCTIONS[fn].isolated ? 1 : 5;
}

/** A role and a log group per function, made before the functions so the seal key policy can name the stamp role. */
export class FunctionRoles extends Construct {
  readonly roles = {} as Record<FunctionName, iam.Role>;
  readonly logGroups = {} as Record<FunctionName, logs.LogGroup>;

  constructor(scope: Construct, id: string, config: StackConfig) {
    super(scope, id);
    for (const name of FUNCTION_NAMES) {
      const logGroup = new logs.LogGroup(this, `${name}Logs`, {
        // Logs carry IP addresses of signers: kept as long as needed to investigate, not longer.
        retention: config.production ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.ONE_MONTH,
        removalPolicy: config.removalPolicy,
      });
      const role = new iam.Role(this, `${name}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Justera ${config.stage} ${name} function`,
      });
      // What AWSLambdaBasicExecutionRole would give, limited to this function's own log group.
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({ sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
      );
      this.roles[name] = role;
      this.logGroups[name] = logGroup;
    }
  }
}

export interface FunctionsProps {
  config: StackConfig;
  roles: FunctionRoles;
  /** The runtime's variables (infra/functions.ts runtimeEnvironment); each function gets its share (functionEnvironment). */
  environment: Record<string, string>;
}

function stampFontHooks(): nodejs.ICommandHooks {
  const source = path.join(PROJECT_ROOT, 'shared/stamp/face');
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => [
      `mkdir -p "${outputDir}/fonts"`,
      ...STAMP_FONTS.map((file) => `cp "${path.join(source, file)}" "${outputDir}/fonts/${file}"`),
    ],
  };
}

/** What the parse function carries to re-read scanned pages (shared/minutes/ocr.ts looks for them in `ocr/` next to its code). */
export const PARSE_OCR_DIR = 'ocr';
/** The one WASM core variant shared/minutes/ocr-worker.ts loads, and the Swedish model (integer LSTM). */
export const PARSE_OCR_FILES = ['worker.cjs', 'tesseract-core-simd-lstm.wasm', 'swe.traineddata.gz'];
/**
 * The parse bundle's own esbuild settings. tesseract.js is CommonJS: it names its worker script
 * by `__dirname` when loaded (an ES module has `import.meta.dirname`). Its node-fetch, the
 * fallback for a Node without fetch, is Node's own fetch by an alias (BUNDLE_ALIASES).
 */
export const PARSE_BUNDLING = { define: { __dirname: 'import.meta.dirname' } };

/**
 * The parse bundle's OCR: the worker thread bundled on its own (tesseract.js starts it from a
 * file), its WASM core and the model copied beside it; nothing is fetched at run time.
 */
export function parseOcrHooks(): nodejs.ICommandHooks {
  const require = createRequire(import.meta.url);
  const dir = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));
  const esbuild = path.join(dir('esbuild'), 'bin', 'esbuild');
  const worker = path.join(PROJECT_ROOT, 'shared/minutes/ocr-worker.ts');
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => [
      `mkdir -p "${outputDir}/${PARSE_OCR_DIR}"`,
      `"${esbuild}" "${worker}" --bundle --platform=node --target=node22 --format=cjs --minify --log-level=error --outfile="${outputDir}/${PARSE_OCR_DIR}/worker.cjs"`,
      `cp "${path.join(dir('tesseract.js-core'), 'tesseract-core-simd-lstm.wasm')}" "${outputDir}/${PARSE_OCR_DIR}/"`,
      `cp "${path.join(dir('@tesseract.js-data/swe'), '4.0.0_best_int', 'swe.traineddata.gz')}" "${outputDir}/${PARSE_OCR_DIR}/"`,
    ],
  };
}

/** BUNDLE_ALIASES as esbuild arguments (NodejsFunction has no alias option), each target made absolute. */
export function aliasArgs(): { '--alias': string[] } {
  return { '--alias': Object.entries(BUNDLE_ALIASES).map(([from, to]) => `${from}=${path.join(PROJECT_ROOT, to)}`) };
}

export class Functions extends Construct {
  readonly functions = {} as Record<FunctionName, nodejs.NodejsFunction>;
  /** The role EventBridge Scheduler uses to start the remind function (set by schedule). */
  scheduleRole?: iam.Role;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const { config, roles } = props;
    for (const name of FUNCTION_NAMES) {
      const spec = FUNCTIONS[name];
      this.functions[name] = new nodejs.NodejsFunction(this, name, {
        functionName: `${config.prefix}-${name}`,
        description: `Justera ${config.stage}: ${name} (${spec.trigger})`,
        entry: path.join(PROJECT_ROOT, spec.entry),
        handler: 'handler',
        projectRoot: PROJECT_ROOT,
        depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: spec.memoryMb,
        timeout: Duration.seconds(spec.timeoutSec),
        ...(config.reserveConcurrency && spec.reservedConcurrency ? { reservedConcurrentExecutions: spec.reservedConcurrency } : {}),
        role: roles.roles[name],
        logGroup: roles.logGroups[name],
        // JSON logs: Lambda then filters application lines by their "level" — at the level Powertools is told, so both agree.
        loggingFormat: lambda.LoggingFormat.JSON,
        applicationLogLevelV2: lambda.ApplicationLogLevel[config.logLevel],
        systemLogLevelV2: lambda.SystemLogLevel.WARN,
        ...(config.tracing ? { tracing: lambda.Tracing.ACTIVE } : {}),
        environment: { ...functionEnvironment(name, props.environment), NODE_OPTIONS: '--enable-source-maps' },
        bundling: {
          format: nodejs.OutputFormat.ESM,
          target: 'node22',
          mainFields: ['module', 'main'],
          banner: ESM_REQUIRE_BANNER,
          minify: true,
          sourceMap: true,
          sourcesContent: false,
          // The SDK version the code was tested with, not whatever the runtime carries.
          bundleAwsSDK: true,
          externalModules: [],
          logLevel: nodejs.LogLevel.ERROR,
          forceDockerBundling: false,
          // The same replacements the bundle tests and `npm run bench` build with (infra/functions.ts ESBUILD_LAMBDA).
          esbuildArgs: aliasArgs(),
          ...(name === 'stamp' ? { commandHooks: stampFontHooks() } : {}),
          ...(name === 'parse' ? { ...PARSE_BUNDLING, commandHooks: parseOcrHooks() } : {}),
        },
      });
    }
  }

  /** Each consumer reads its queue with partial batch failures; at most its reserved concurrency pollers, so SQS never gets throttled. */
  consumeQueues(queues: Record<QueueName, sqs.IQueue>, config: StackConfig): void {
    for (const queue of Object.keys(QUEUES) as QueueName[]) {
      const consumer = QUEUES[queue].consumer;
      const reserved = config.reserveConcurrency ? FUNCTIONS[consumer].reservedConcurrency : undefined;
      this.functions[consumer].addEventSource(
        new SqsEventSource(queues[queue], {
          batchSize: batchSizeOf(consumer),
          reportBatchItemFailures: true,
          ...(reserved ? { maxConcurrency: Math.max(2, reserved) } : {}),
        }),
      );
    }
  }

  /** One dead-letter function drains every dead-letter queue (it tells them apart by name). */
  consumeDeadLetters(deadLetterQueues: Record<QueueName, sqs.IQueue>): void {
    for (const dlq of Object.values(deadLetterQueues))
      this.functions.deadletter.addEventSource(new SqsEventSource(dlq, { batchSize: batchSizeOf('deadletter'), reportBatchItemFailures: true }));
  }

  /** One EventBridge Scheduler schedule per entry of SCHEDULES, all started through one role. */
  schedule(config: StackConfig): scheduler.Schedule[] {
    // Its own role (CDK's target adds lambda:InvokeFunction on the function, and its versions: <arn>:*), assumable by
    // Scheduler on behalf of this account only.
    const role = (this.scheduleRole = new iam.Role(this, 'RemindScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
      description: `Justera ${config.stage}: EventBridge Scheduler starts the daily remind round`,
    }));
    return (Object.entries(SCHEDULES) as [string, ScheduleSpec][]).map(
      ([name, spec]) =>
        new scheduler.Schedule(this, `${name[0]!.toUpperCase()}${name.slice(1)}Schedule`, {
          scheduleName: `${config.prefix}-${name}`,
          description: spec.description,
          schedule: expressionOf(spec),
          target: new schedulerTargets.LambdaInvoke(this.functions[spec.target], {
            role,
            retryAttempts: spec.retryAttempts,
            maxEventAge: Duration.minutes(spec.maxEventAgeMinutes),
            input: scheduler.ScheduleTargetInput.fromObject(spec.input),
          }),
        }),
    );
  }
}

function expressionOf(spec: ScheduleSpec): scheduler.ScheduleExpression {
  if ('rateMinutes' in spec.aws) return scheduler.ScheduleExpression.rate(Duration.minutes(spec.aws.rateMinutes));
  const { minute, hour, timeZone } = spec.aws.cron;
  return scheduler.ScheduleExpression.cron({ minute, hour, timeZone: TimeZone.of(timeZone) });
}
