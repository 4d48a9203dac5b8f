// Stage prod with every option set: data retained and deletion-protected,
// tracing on, alarm mail, SES identity, the seal certificate and TSA handed to
// the stamp function, Object Lock in COMPLIANCE mode.
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../../infra/constructs/lambdas';
import { selfSignedPem } from './certificate';
import { flat, list, roleStatements } from './iam';
import { PRODUCTION_CONTEXT, synthesize, type Synthesized } from './synth';

let s: Synthesized;
let pem: string;
type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
let resources: Record<string, Resource>;

beforeAll(async () => {
  pem = await selfSignedPem(3072);
  s = synthesize({ ...PRODUCTION_CONTEXT, sealCertificate: pem });
  resources = s.template.toJSON().Resources;
});

const env = (name: (typeof FUNCTION_NAMES)[number]) =>
  (resources[s.id(s.stack.functions.functions[name])]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

describe('retention', () => {
  it('bucket, log bucket, table, queues, keys and log groups survive stack deletion and replacement', () => {
    const kept = ['AWS::S3::Bucket', 'AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::KMS::Key', 'AWS::Logs::LogGroup'];
    for (const [id, r] of Object.entries(resources))
      if (kept.includes(r.Type)) {
        expect(r.DeletionPolicy, id).toBe('Retain');
        expect(r.UpdateReplacePolicy, id).toBe('Retain');
      }
  });

  it('the table is deletion-protected and the stack termination-protected', () => {
    expect(resources[s.id(s.stack.storage.table)]!.Properties.DeletionProtectionEnabled).toBe(true);
    expect(s.stack.terminationProtection).toBe(true);
  });

  it('logs are kept three months', () => {
    for (const name of FUNCTION_NAMES) expect(resources[s.id(s.stack.roles.logGroups[name])]!.Properties.RetentionInDays).toBe(90);
  });
});

describe('Object Lock (COMPLIANCE, 100 years)', () => {
  it('the bucket policy demands COMPLIANCE and the retention on signed/', () => {
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::S3::BucketPolicy' && flat(r.Properties.Bucket) === `<${s.id(s.stack.storage.bucket)}>`)!;
    const text = JSON.stringify(policy.Properties.PolicyDocument);
    expect(text).toContain('{"StringNotEquals":{"s3:object-lock-mode":"COMPLIANCE"}}');
    expect(text).toContain('{"NumericLessThan":{"s3:object-lock-remaining-retention-days":"36499"}}');
    expect(env('stamp')).toMatchObject({ JUSTERA_OBJECT_LOCK_MODE: 'COMPLIANCE', JUSTERA_RETENTION_DAYS: '36500' });
  });

  it('with objectLockMode=none nothing demands or sets retention', () => {
    const plain = synthesize({ objectLockMode: 'none' });
    const text = JSON.stringify(plain.template.toJSON());
    expect(text).not.toContain('s3:object-lock-mode');
    expect(text).not.toContain('s3:PutObjectRetention');
  });
});

describe('configuration reaches the functions', () => {
  it('links use the public URL; mail the configured sender; the log level is WARN', () => {
    for (const name of FUNCTION_NAMES)
      expect(env(name)).toMatchObject({
        JUSTERA_STAGE: 'prod',
        JUSTERA_PUBLIC_URL: 'https://justera.region.example.se',
        JUSTERA_MAIL_FROM: 'Justera <justera@region.example.se>',
        JUSTERA_OPERATOR_EMAIL: 'drift@region.example.se',
        JUSTERA_TRACING: '1',
        POWERTOOLS_LOG_LEVEL: 'WARN',
      });
    for (const name of FUNCTION_NAMES)
      expect(resources[s.id(s.stack.functions.functions[name])]!.Properties.LoggingConfig).toMatchObject({ ApplicationLogLevel: 'WARN' });
  });

  it('the stamp function gets the certificate and the TSA; the api function the certificate only, to publish it; no other function either', () => {
    expect(env('stamp')).toMatchObject({ JUSTERA_SEAL_CERTIFICATE: pem.trim(), JUSTERA_TSA_URL: 'https://tsa.example.se/tsr' });
    expect(env('api').JUSTERA_SEAL_CERTIFICATE).toBe(pem.trim());
    expect(env('api').JUSTERA_SEAL_KEY_ID).toBeUndefined();
    for (const name of FUNCTION_NAMES.filter((n) => n !== 'stamp')) {
      if (name !== 'api') expect(env(name).JUSTERA_SEAL_CERTIFICATE).toBeUndefined();
      expect(env(name).JUSTERA_TSA_URL).toBeUndefined();
    }
    // Publishing the certificate needs no access to the key: the api role still only reads the table and signed/.
    const kms = roleStatements(s.template, s.id(s.stack.roles.roles.api)).flatMap((x) => list(x.Action)).filter((a) => a.startsWith('kms:'));
    expect(kms).toEqual([]);
  });

  it("the stamp function's environment stays under Lambda's 4 KB even with the largest certificate config accepts", () => {
    const tokenAllowance = 120; // an ARN or name in place of each CloudFormation reference
    const size = Object.entries(env('stamp')).reduce((n, [k, v]) => n + k.length + (typeof v === 'string' ? v.length : tokenAllowance), 0);
    expect(size + (2800 - pem.trim().length)).toBeLessThan(4096);
  });
});

describe('tracing', () => {
  it('X-Ray active on every function; the only Resource "*" any role has is for X-Ray', () => {
    for (const name of FUNCTION_NAMES) {
      expect(resources[s.id(s.stack.functions.functions[name])]!.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      const star = roleStatements(s.template, s.id(s.stack.roles.roles[name])).filter((x) => list(x.Resource).map(flat).includes('*'));
      expect(star.length, name).toBeGreaterThan(0);
      for (const x of star) for (const action of list(x.Action)) expect(action, name).toMatch(/^xray:/);
    }
  });
});

describe('mail and alarms', () => {
  it('the SES domain identity exists, its DKIM records are outputs, and mail may be sent as it', () => {
    s.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'region.example.se' });
    const outputs = s.template.toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['DkimRecord1', 'DkimRecord2', 'DkimRecord3']));
    const ses = roleStatements(s.template, s.id(s.stack.roles.roles.route)).filter((x) => list(x.Action).includes('ses:SendEmail'));
    expect(ses.flatMap((x) => list(x.Resource).map(flat))).toEqual(expect.arrayContaining([expect.stringMatching(/:identity\/region\.example\.se$/)]));
  });

  it('alarms mail the configured address', () => {
    s.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'drift@region.example.se',
      TopicArn: { Ref: s.id(s.stack.monitoring.topic) },
    });
  });
});
