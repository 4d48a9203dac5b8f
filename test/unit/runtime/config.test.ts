// JUSTERA_RUNTIME is chosen once and validated with what that runtime needs:
// a missing variable, or one of the other runtime's, stops the start with a
// line naming it, instead of a silent fallback.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileQueue } from '../../../infra/local/file-queue';
import { readOutbox } from '../../../infra/local/outbox';
import { localPaths } from '../../../infra/local/paths';
import { localRuntime } from '../../../infra/local/runtime';
import { awsRuntime } from '../../../shared/adapters/aws';
import { compositionRoot, containerDeps, useCompositionRoot, type Wiring } from '../../../shared/adapters/deps';
import { sesMailer } from '../../../shared/adapters/mailer';
import { sqsRequeue } from '../../../shared/adapters/requeue';
import { configuredSealCertificates } from '../../../shared/adapters/seal-certificates';
import { loadConfig, type AwsConfig, type LocalConfig } from '../../../shared/config';
import { selfSignedPem } from '../../cdk/certificate';

const AWS = { JUSTERA_RUNTIME: 'aws', JUSTERA_TABLE: 'justera-dev', JUSTERA_BUCKET: 'justera-dev-bucket', JUSTERA_EVENT_BUS: 'justera-dev' };
const LOCAL = {
  JUSTERA_RUNTIME: 'local',
  JUSTERA_TABLE: 'justera',
  JUSTERA_BUCKET: 'justera',
  JUSTERA_DATA_DIR: '/tmp/justera-data',
  JUSTERA_DYNAMODB_ENDPOINT: 'http://127.0.0.1:4567',
  JUSTERA_S3_ENDPOINT: 'http://127.0.0.1:4568',
};

const refusal = (env: Record<string, string | undefined>) => {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
};

describe('JUSTERA_RUNTIME', () => {
  it('is required, and only aws or local', () => {
    const { JUSTERA_RUNTIME: _, ...rest } = AWS;
    expect(refusal(rest)).toMatch(/^invalid configuration: JUSTERA_RUNTIME: must be "aws" or "local"/);
    expect(refusal({ ...AWS, JUSTERA_RUNTIME: 'lambda' })).toMatch(/JUSTERA_RUNTIME: must be "aws" or "local"/);
  });

  it('aws needs the table, the bucket and the event bus, each named', () => {
    expect(refusal({ ...AWS, JUSTERA_EVENT_BUS: undefined })).toBe('invalid configuration: JUSTERA_EVENT_BUS: required with JUSTERA_RUNTIME=aws');
    expect(refusal({ ...AWS, JUSTERA_TABLE: undefined })).toBe('invalid configuration: JUSTERA_TABLE: required: the DynamoDB table');
    expect(refusal({ ...AWS, JUSTERA_BUCKET: undefined })).toBe('invalid configuration: JUSTERA_BUCKET: required: the S3 bucket');
  });

  it('local needs the data folder and both endpoints', () => {
    const message = refusal({ ...LOCAL, JUSTERA_DATA_DIR: undefined, JUSTERA_S3_ENDPOINT: undefined });
    expect(message).toContain('JUSTERA_DATA_DIR: required with JUSTERA_RUNTIME=local');
    expect(message).toContain('JUSTERA_S3_ENDPOINT: required with JUSTERA_RUNTIME=local');
    expect(message).not.toContain('JUSTERA_DYNAMODB_ENDPOINT');
  });

  it("refuses the other runtime's variables rather than switching adapters on them", () => {
    expect(refusal({ ...AWS, JUSTERA_DYNAMODB_ENDPOINT: 'http://127.0.0.1:4567' })).toBe(
      'invalid configuration: JUSTERA_DYNAMODB_ENDPOINT: not used with JUSTERA_RUNTIME=aws; remove it',
    );
    expect(refusal({ ...LOCAL, JUSTERA_EVENT_BUS: 'justera-dev' })).toBe('invalid configuration: JUSTERA_EVENT_BUS: not used with JUSTERA_RUNTIME=local; remove it');
  });

  it('mail goes through SES on AWS, to the outbox or SMTP locally', () => {
    expect(loadConfig(AWS).JUSTERA_MAIL_TRANSPORT).toBe('ses');
    expect(loadConfig(LOCAL).JUSTERA_MAIL_TRANSPORT).toBe('outbox');
    expect(refusal({ ...AWS, JUSTERA_MAIL_TRANSPORT: 'outbox' })).toBe('invalid configuration: JUSTERA_MAIL_TRANSPORT: must be ses with JUSTERA_RUNTIME=aws');
    expect(refusal({ ...LOCAL, JUSTERA_MAIL_TRANSPORT: 'smtp' })).toBe('invalid configuration: JUSTERA_SMTP_URL: required with JUSTERA_MAIL_TRANSPORT=smtp');
  });
});

describe('the composition root', () => {
  it('a handler under JUSTERA_RUNTIME=local without the local root registered fails instead of guessing', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, LOCAL);
      expect(() => containerDeps()).toThrow('JUSTERA_RUNTIME=local: that runtime registers its composition root before invoking a handler');
    } finally {
      for (const key of Object.keys(LOCAL)) if (!(key in saved)) delete process.env[key];
    }
  });

  it('a registered root serves every handler of the process, one set of adapters per wiring', () => {
    const root = awsRuntime(loadConfig(AWS) as AwsConfig);
    useCompositionRoot(root);
    const wiring: Wiring = { mailer: sesMailer };
    expect(compositionRoot()).toBe(root);
    expect(containerDeps(wiring)).toBe(containerDeps(wiring));
    expect(containerDeps(wiring)).not.toBe(containerDeps({}));
  });

  it.each([
    ['aws', () => awsRuntime(loadConfig(AWS) as AwsConfig)],
    ['local', () => localRuntime(loadConfig({ ...LOCAL, JUSTERA_DATA_DIR: mkdtempSync(join(tmpdir(), 'justera-root-')) }) as LocalConfig)],
  ])('%s: a function without the right to mail, seal, re-drive, publish certificates or open evidence is refused, loudly', async (_, root) => {
    const deps = root().deps({});
    await expect(deps.mailer.send({ to: 'a@example.se', subject: 's', text: 't', html: '<p>t</p>', links: [] })).rejects.toThrow('this function sends no mail');
    await expect(deps.sealSigner()).rejects.toThrow('this function has no access to the seal key');
    await expect(deps.requeue('stamp', '{}')).rejects.toThrow('this function cannot send to the queues');
    await expect(deps.sealCertificates()).rejects.toThrow('this function publishes no seal certificates');
    await expect(deps.evidence()).rejects.toThrow('this function has no access to the evidence key');
    await expect(deps.bankId()).rejects.toThrow('this function cannot reach BankID');
  });

  it('aws: the api function, which names the seal certificates, publishes the configured one (not the chain after it)', async () => {
    const [seal, ca] = [await selfSignedPem(2048), await selfSignedPem(2048)];
    const deps = awsRuntime(loadConfig({ ...AWS, JUSTERA_SEAL_CERTIFICATE: seal + ca }) as AwsConfig).deps({ sealCertificates: configuredSealCertificates });
    expect(await deps.sealCertificates()).toEqual([seal.trim() + '\n']);
  });

  it('local: the same rights reach the outbox and the folder queues instead of SES and SQS', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'justera-root-'));
    const deps = localRuntime(loadConfig({ ...LOCAL, JUSTERA_DATA_DIR: dataDir }) as LocalConfig).deps({ mailer: sesMailer, requeue: sqsRequeue });
    await deps.mailer.send({ to: 'ordforande@example.se', subject: 'Justering: x', text: 'text', html: '<p><a href="http://127.0.0.1/sign/x">text</a></p>', links: ['http://127.0.0.1/sign/x'] });
    expect(await readOutbox(localPaths(dataDir).outbox)).toMatchObject([{ to: 'ordforande@example.se', subject: 'Justering: x', links: ['http://127.0.0.1/sign/x'] }]);
    await deps.requeue('stamp', '{"detail":{}}');
    expect((await new FileQueue(localPaths(dataDir).queues, 'stamp').list()).map((m) => m.body)).toEqual(['{"detail":{}}']);
  });
});
