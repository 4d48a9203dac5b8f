// The CDK stack and the local runtime read one table of function variables
// (infra/functions.ts: runtimeEnvironment, SCOPED_VARIABLES) and one table of
// schedules (SCHEDULES): the synthesized functions and schedules are checked
// against the tables, and so is what the local runtime builds from them.
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../../infra/constructs/lambdas';
import { SCHEDULES, SCOPED_VARIABLES, functionEnvironment, runtimeEnvironment } from '../../infra/functions';
import { localSchedules } from '../../infra/local/schedules';
import { loadConfig } from '../../shared/config';
import { selfSignedPem } from './certificate';
import { flat } from './iam';
import { synthesize, type Synthesized } from './synth';

let s: Synthesized;
type Resource = { Type: string; Properties: Record<string, unknown> };
let resources: Record<string, Resource>;

beforeAll(async () => {
  // Every scoped variable set, so each one's absence elsewhere means something.
  s = synthesize({ sealCertificate: await selfSignedPem(), tsaUrl: 'https://tsa.example.se/tsr' });
  resources = s.template.toJSON().Resources;
});

/** Scoped variables the CDK stack does not set yet (BankID's RP certificate secret and the personnummer key). */
const NOT_YET_ON_AWS = new Set(['JUSTERA_BANKID_URL', 'JUSTERA_BANKID_SECRET', 'JUSTERA_BANKID_CERT', 'JUSTERA_BANKID_KEY', 'JUSTERA_BANKID_CA', 'JUSTERA_BANKID_ROOTS', 'JUSTERA_PERSONNUMMER_KEY_ID']);

const variablesOf = (name: (typeof FUNCTION_NAMES)[number]) =>
  (resources[s.id(s.stack.functions.functions[name])]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

const LOCAL_SETTINGS = {
  runtime: 'local',
  stage: 'local',
  table: 'justera',
  bucket: 'justera',
  publicUrl: 'http://127.0.0.1:3000',
  logLevel: 'INFO',
  runtimeVariables: { JUSTERA_DATA_DIR: '/tmp/justera', JUSTERA_DYNAMODB_ENDPOINT: 'http://127.0.0.1:1', JUSTERA_S3_ENDPOINT: 'http://127.0.0.1:2' },
} as const;

describe('function variables', () => {
  it('every function on AWS gets the variables every runtime sets, with JUSTERA_RUNTIME=aws', () => {
    const common = Object.keys(runtimeEnvironment({ ...LOCAL_SETTINGS, runtimeVariables: {} }));
    for (const name of FUNCTION_NAMES) {
      const vars = variablesOf(name);
      for (const key of common) expect(vars[key], `${name} ${key}`).toBeDefined();
      expect(vars.JUSTERA_RUNTIME).toBe('aws');
    }
  });

  it('a scoped variable reaches exactly the functions SCOPED_VARIABLES names', () => {
    for (const [key, holders] of Object.entries(SCOPED_VARIABLES)) {
      // BankID's variables have no context keys in the stack yet: on AWS they reach no function at all.
      const setByStack = !NOT_YET_ON_AWS.has(key);
      for (const name of FUNCTION_NAMES) expect(variablesOf(name)[key] !== undefined, `${name} ${key}`).toBe(setByStack && holders.includes(name));
    }
  });

  it('the local runtime hands out the same table: its variables validate and a sandbox gets only its share', () => {
    const local = runtimeEnvironment(LOCAL_SETTINGS);
    expect(loadConfig(local)).toMatchObject({ JUSTERA_RUNTIME: 'local', JUSTERA_DATA_DIR: '/tmp/justera', JUSTERA_MAIL_TRANSPORT: 'outbox' });
    const withScoped = { ...local, JUSTERA_TSA_URL: 'https://tsa.example.se/tsr' };
    expect(functionEnvironment('stamp', withScoped).JUSTERA_TSA_URL).toBe('https://tsa.example.se/tsr');
    expect(functionEnvironment('parse', withScoped).JUSTERA_TSA_URL).toBeUndefined();
    expect(Object.keys(runtimeEnvironment({ ...LOCAL_SETTINGS, runtimeVariables: { JUSTERA_SMTP_URL: undefined } }))).not.toContain('JUSTERA_SMTP_URL');
  });
});

describe('schedules', () => {
  const schedules = () => Object.values(resources).filter((r) => r.Type === 'AWS::Scheduler::Schedule');

  it('one Scheduler schedule per SCHEDULES entry, with its input, expression and retries', () => {
    expect(schedules()).toHaveLength(Object.keys(SCHEDULES).length);
    for (const [name, spec] of Object.entries(SCHEDULES)) {
      const schedule = schedules().find((r) => r.Properties.Name === `justera-dev-${name}`)!;
      const aws = spec.aws as { cron?: { hour: string; minute: string; timeZone: string }; rateMinutes?: number };
      const expression = aws.cron ? `cron(${aws.cron.minute} ${aws.cron.hour} * * ? *)` : `rate(${aws.rateMinutes} minutes)`;
      expect(schedule.Properties).toMatchObject({ ScheduleExpression: expression, Target: { Input: JSON.stringify(spec.input), RetryPolicy: { MaximumRetryAttempts: spec.retryAttempts } } });
      if (aws.cron) expect(schedule.Properties.ScheduleExpressionTimezone).toBe(aws.cron.timeZone);
      expect(flat((schedule.Properties.Target as { Arn: unknown }).Arn)).toBe(`<${s.id(s.stack.functions.functions[spec.target])}.Arn>`);
    }
  });

  it('the local runtime runs a timer per SCHEDULES entry, with the same input to the same function', () => {
    const local = localSchedules();
    expect(local.map((l) => [l.name, l.spec.target, l.spec.input])).toEqual(Object.entries(SCHEDULES).map(([name, spec]) => [name, spec.target, spec.input]));
    expect(local.map((l) => l.everyMs)).toEqual(Object.values(SCHEDULES).map((spec) => spec.localEveryMs));
  });
});
