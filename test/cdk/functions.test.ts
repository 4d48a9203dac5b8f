// Every function of FUNCTIONS: runtime, architecture, sizing, role, logs,
// environment; the schedule of the remind function.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, PROJECT_ROOT, STAMP_FONT_DIR, STAMP_FONTS } from '../../infra/constructs/lambdas';
import { FUNCTIONS, QUEUES } from '../../infra/functions';
import { configSchema } from '../../shared/config';
import { flat } from './iam';
import { synthesize, type Synthesized } from './synth';

let s: Synthesized;
type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
let resources: Record<string, Resource>;

beforeAll(() => {
  s = synthesize();
  resources = s.template.toJSON().Resources;
});

const fn = (name: (typeof FUNCTION_NAMES)[number]) => resources[s.id(s.stack.functions.functions[name])]!.Properties;
const env = (name: (typeof FUNCTION_NAMES)[number]) => (fn(name).Environment as { Variables: Record<string, unknown> }).Variables;

describe('every function', () => {
  it('there is one per FUNCTIONS entry', () => {
    s.template.resourceCountIs('AWS::Lambda::Function', FUNCTION_NAMES.length);
  });

  it.each(FUNCTION_NAMES)('%s: Node.js 22 on arm64, sized from FUNCTIONS, its own role and log group', (name) => {
    const spec = FUNCTIONS[name];
    const props = fn(name);
    expect(props).toMatchObject({
      FunctionName: `justera-dev-${name}`,
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: spec.memoryMb,
      Timeout: spec.timeoutSec,
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'WARN' },
    });
    expect(props.ReservedConcurrentExecutions).toBe(spec.reservedConcurrency);
    expect(flat(props.Role)).toBe(`<${s.id(s.stack.roles.roles[name])}.Arn>`);
    expect(flat((props.LoggingConfig as { LogGroup: unknown }).LogGroup)).toBe(`<${s.id(s.stack.roles.logGroups[name])}>`);
    expect(props.TracingConfig).toBeUndefined();
    s.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    expect(resources[s.id(s.stack.roles.logGroups[name])]!.Properties.RetentionInDays).toBe(30);
  });

  it.each(FUNCTION_NAMES)('%s: the shared configuration, mail through SES, events through the bus, Powertools', (name) => {
    const vars = env(name);
    expect(vars).toMatchObject({
      JUSTERA_RUNTIME: 'aws',
      JUSTERA_STAGE: 'dev',
      JUSTERA_MAIL_TRANSPORT: 'ses',
      JUSTERA_MAIL_FROM: 'Justera <justera@example.se>',
      JUSTERA_MAX_BYTES: String(50 * 1024 * 1024),
      JUSTERA_MAX_PAGES: '500',
      JUSTERA_TRACING: '0',
      POWERTOOLS_SERVICE_NAME: 'justera',
      POWERTOOLS_METRICS_NAMESPACE: 'Justera',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(flat(vars.JUSTERA_TABLE)).toBe(`<${s.id(s.stack.storage.table)}>`);
    expect(flat(vars.JUSTERA_BUCKET)).toBe(`<${s.id(s.stack.storage.bucket)}>`);
    expect(flat(vars.JUSTERA_EVENT_BUS)).toBe(`<${s.id(s.stack.messaging.bus)}>`);
    // Without a configured publicUrl, links point at the API itself.
    expect(flat(vars.JUSTERA_PUBLIC_URL)).toBe(`<${s.id(s.stack.api.api)}.ApiEndpoint>`);
    expect(vars.JUSTERA_SES_CONFIGURATION_SET).toBeDefined();
    // No local stand-ins on AWS.
    for (const local of ['JUSTERA_DATA_DIR', 'JUSTERA_DYNAMODB_ENDPOINT', 'JUSTERA_S3_ENDPOINT', 'JUSTERA_S3_PUBLIC_ENDPOINT', 'JUSTERA_SMTP_URL']) expect(vars[local]).toBeUndefined();
  });

  it('every variable set is one the code reads', () => {
    const read = new Set([
      ...Object.keys(configSchema.unwrap().shape),
      'JUSTERA_FONT_DIR', // shared/stamp/fonts.ts
      'POWERTOOLS_SERVICE_NAME',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_LOG_LEVEL',
      'NODE_OPTIONS',
      // Set for the stamp function's per-object Object Lock retention; shared/config.ts is to read them.
      'JUSTERA_OBJECT_LOCK_MODE',
      'JUSTERA_RETENTION_DAYS',
    ]);
    for (const name of FUNCTION_NAMES) for (const key of Object.keys(env(name))) expect([...read], `${name}: ${key}`).toContain(key);
  });

  it('only the stamp function knows the seal key, the fonts and the retention; only admin the queue URLs', () => {
    for (const name of FUNCTION_NAMES) {
      const vars = env(name);
      for (const key of ['JUSTERA_SEAL_KEY_ID', 'JUSTERA_FONT_DIR', 'JUSTERA_OBJECT_LOCK_MODE', 'JUSTERA_RETENTION_DAYS'])
        expect(vars[key] !== undefined, `${name} ${key}`).toBe(name === 'stamp');
      expect(vars.JUSTERA_QUEUE_URLS !== undefined, `${name} JUSTERA_QUEUE_URLS`).toBe(name === 'admin');
    }
    const stamp = env('stamp');
    expect(flat(stamp.JUSTERA_SEAL_KEY_ID)).toBe(`<${s.id(s.stack.seal.key)}.Arn>`);
    expect(stamp).toMatchObject({ JUSTERA_FONT_DIR: STAMP_FONT_DIR, JUSTERA_OBJECT_LOCK_MODE: 'GOVERNANCE', JUSTERA_RETENTION_DAYS: '3650' });
    // No certificate configured: the variable is absent and sealing reports that (docs: deploy again with sealCertificateFile).
    expect(stamp.JUSTERA_SEAL_CERTIFICATE).toBeUndefined();
  });

  it('admin gets every consumer queue URL by name, for the re-drive', () => {
    const urls = flat(env('admin').JUSTERA_QUEUE_URLS);
    for (const queue of Object.keys(QUEUES)) expect(urls).toContain(`"${queue}":"<${s.id(s.stack.messaging.queues[queue as keyof typeof QUEUES])}>"`);
  });
});

describe('stamp fonts', () => {
  it('the bundle copies exactly the TTFs shared/stamp/fonts.ts loads', () => {
    const source = readFileSync(`${PROJECT_ROOT}shared/stamp/fonts.ts`, 'utf8');
    const loaded = [...source.matchAll(/'([\w-]+\.ttf)'/g)].map((m) => m[1]);
    expect([...STAMP_FONTS].sort()).toEqual([...new Set(loaded)].sort());
  });
});

describe('remind schedule', () => {
  it('runs the remind function daily at 06:00 Europe/Stockholm, with retries', () => {
    s.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Stockholm',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [s.id(s.stack.functions.functions.remind), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2 },
        Input: JSON.stringify({ task: 'remind' }),
      },
    });
    s.template.resourceCountIs('AWS::Scheduler::Schedule', 2);
  });

  it('resumes stuck work every ten minutes', () => {
    s.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(10 minutes)',
      Target: { Arn: { 'Fn::GetAtt': [s.id(s.stack.functions.functions.remind), 'Arn'] }, Input: JSON.stringify({ task: 'resume' }) },
    });
  });
});

describe('without reserved concurrency (-c reserveConcurrency=false, for accounts still at the default limit)', () => {
  it('no function reserves concurrency and no event source caps it', () => {
    const plain = synthesize({ reserveConcurrency: 'false' });
    const all = plain.template.toJSON().Resources as Record<string, Resource>;
    for (const r of Object.values(all)) {
      if (r.Type === 'AWS::Lambda::Function') expect(r.Properties.ReservedConcurrentExecutions).toBeUndefined();
      if (r.Type === 'AWS::Lambda::EventSourceMapping') expect(r.Properties.ScalingConfig).toBeUndefined();
    }
  });
});
