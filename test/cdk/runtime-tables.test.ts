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
import { allows, flat, list, roleStatements, type Statement } from './iam';
import { synthesize, type Synthesized } from './synth';

let s: Synthesized;
type Resource = { Type: string; Properties: Record<string, unknown> };
let resources: Record<string, Resource>;

beforeAll(async () => {
  // Every scoped variable set, so each one's absence elsewhere means something.
  s = synthesize({ sealCertificate: await selfSignedPem(), tsaUrl: 'https://tsa.example.se/tsr', bankidUrl: 'https://appapi2.test.bankid.com/rp/v6.0', bankidSecret: 'justera/dev/bankid-rp' });
  resources = s.template.toJSON().Resources;
});

/** Scoped variables of one machine only: on AWS BankID's certificates come from the Secrets Manager entry (JUSTERA_BANKID_SECRET), never from files. */
const LOCAL_ONLY = new Set(['JUSTERA_BANKID_CERT', 'JUSTERA_BANKID_KEY', 'JUSTERA_BANKID_CA', 'JUSTERA_BANKID_ROOTS']);

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
      const setByStack = !LOCAL_ONLY.has(key);
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

describe('BankID on AWS', () => {
  it('sets the keys always, and the URL and secret name only when the context gives both', () => {
    const sign = variablesOf('sign');
    expect(sign).toMatchObject({ JUSTERA_BANKID_URL: 'https://appapi2.test.bankid.com/rp/v6.0', JUSTERA_BANKID_SECRET: 'justera/dev/bankid-rp' });
    expect(flat(sign.JUSTERA_PERSONNUMMER_KEY_ID)).toBe(`<${s.id(s.stack.bankId.personnummerKey)}.Arn>`);
    expect(flat(sign.JUSTERA_EVIDENCE_KEY_ID)).toBe(`<${s.id(s.stack.bankId.evidenceKey)}.Arn>`);
    // The secretary's page is a function of its own: it never signs, so it is told nothing of BankID.
    expect(Object.keys(variablesOf('secretary')).filter((k) => /BANKID|PERSONNUMMER|EVIDENCE/.test(k))).toEqual([]);
    const plain = synthesize();
    const plainSign = (plain.template.toJSON().Resources[plain.id(plain.stack.functions.functions.sign)].Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(plainSign.JUSTERA_BANKID_URL).toBeUndefined();
    expect(plainSign.JUSTERA_BANKID_SECRET).toBeUndefined();
    expect(plainSign.JUSTERA_PERSONNUMMER_KEY_ID).toBeDefined();
    expect(() => synthesize({ bankidUrl: 'https://appapi2.bankid.com/rp/v6.0' })).toThrow(/give both/);
    expect(() => synthesize({ bankidUrl: 'http://appapi2.bankid.com/rp/v6.0', bankidSecret: 'x' })).toThrow(/bankidUrl/);
  });

  it('least privilege: only sign reads the RP secret and wraps evidence, only admin unwraps it, only admin and sign hash', () => {
    const personnummer = `<${s.id(s.stack.bankId.personnummerKey)}.Arn>`;
    const evidence = `<${s.id(s.stack.bankId.evidenceKey)}.Arn>`;
    const secret = 'arn:aws:secretsmanager:eu-north-1:<AWS::AccountId>:secret:justera/dev/bankid-rp-AbCdEf';
    for (const name of FUNCTION_NAMES) {
      const st = roleStatements(s.template, s.id(s.stack.roles.roles[name]));
      expect(allows(st, 'kms:GenerateMac', personnummer), `${name} hashes`).toBe(name === 'admin' || name === 'sign');
      expect(allows(st, 'kms:GenerateDataKey', evidence), `${name} wraps`).toBe(name === 'sign');
      expect(allows(st, 'kms:Decrypt', evidence), `${name} unwraps`).toBe(name === 'admin');
      expect(allows(st, 'secretsmanager:GetSecretValue', secret), `${name} reads the RP secret`).toBe(name === 'sign');
      expect(allows(st, 'secretsmanager:GetSecretValue', secret.replace('bankid-rp', 'other')), `${name} reads another secret`).toBe(false);
      // Nothing lets a role read or export key material, or wrap and unwrap with the same role.
      expect(allows(st, 'kms:Decrypt', personnummer) || allows(st, 'kms:Encrypt', evidence), name).toBe(false);
    }
    const keyPolicy = (key: unknown) => (resources[s.id(key as never)]!.Properties.KeyPolicy as { Statement: (Statement & { Principal: { AWS: unknown }; Condition?: unknown })[] }).Statement;
    const users = (key: unknown) =>
      keyPolicy(key)
        .filter((x) => list(x.Action).some((a) => ['kms:GenerateMac', 'kms:GenerateDataKey', 'kms:Decrypt'].includes(a)))
        .map((x) => [flat(x.Principal.AWS), list(x.Action).join(), x.Condition ?? null]);
    const role = (name: 'admin' | 'sign') => `<${s.id(s.stack.roles.roles[name])}.Arn>`;
    expect(users(s.stack.bankId.personnummerKey)).toEqual([
      [role('admin'), 'kms:GenerateMac', null],
      [role('sign'), 'kms:GenerateMac', null],
    ]);
    const context = { StringEquals: { 'kms:EncryptionContext:purpose': 'justera-bankid-evidence' } };
    expect(users(s.stack.bankId.evidenceKey)).toEqual([
      [role('sign'), 'kms:GenerateDataKey', context],
      [role('admin'), 'kms:Decrypt', context],
    ]);
    expect(resources[s.id(s.stack.bankId.personnummerKey)]!.Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    expect(resources[s.id(s.stack.bankId.evidenceKey)]!.Properties).toMatchObject({ EnableKeyRotation: true });
  });

  it('the configuration the sign and admin functions get on AWS validates', () => {
    for (const name of ['sign', 'admin'] as const) {
      const vars = Object.fromEntries(Object.entries(variablesOf(name)).map(([k, v]) => [k, typeof v === 'string' ? v : 'arn:aws:kms:eu-north-1:111122223333:key/x']));
      expect(loadConfig(vars as NodeJS.ProcessEnv).JUSTERA_EVIDENCE_KEY_ID).toBeDefined();
    }
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
