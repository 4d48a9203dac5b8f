// The stack configuration: defaults, coercion of -c strings, and a clear
// message for every mistake, naming the context key and its environment variable.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RemovalPolicy } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT, ConfigError, loadStackConfig } from '../../infra/config';
import { selfSignedPem } from './certificate';

const load = (context: Record<string, unknown>, cwd?: string) => loadStackConfig((key) => context[key], cwd);
const failure = (context: Record<string, unknown>, cwd?: string): string => {
  try {
    load(context, cwd);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
};

let pem3072: string;
let pem2048: string;
beforeAll(async () => {
  [pem3072, pem2048] = await Promise.all([selfSignedPem(3072), selfSignedPem(2048)]);
});

describe('defaults', () => {
  it('synthesizes with no context at all', () => {
    const config = load({});
    expect(config).toMatchObject({
      stage: 'dev',
      region: 'eu-north-1',
      prefix: 'justera-dev',
      mailFrom: 'Justera <justera@example.se>',
      mailFromAddress: 'justera@example.se',
      mailFromDomain: 'example.se',
      retentionDays: 3650,
      objectLockMode: 'GOVERNANCE',
      maxBytes: 50 * 1024 * 1024,
      maxPages: 500,
      tracing: false,
      logLevel: 'INFO',
      reserveConcurrency: true,
      production: false,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    expect(config.publicUrl).toBeUndefined();
    expect(config.sealCertificate).toBeUndefined();
  });

  it('prod retains data', () => {
    expect(load({ stage: 'prod', mailFrom: 'justera@region.example.se' })).toMatchObject({ production: true, removalPolicy: RemovalPolicy.RETAIN });
  });

  it('reads -c strings as numbers and booleans, and drops a trailing slash from publicUrl', () => {
    expect(load({ retentionDays: '30', maxPages: '20', tracing: 'true', reserveConcurrency: '0', publicUrl: 'https://justera.example.se/' })).toMatchObject({
      retentionDays: 30,
      maxPages: 20,
      tracing: true,
      reserveConcurrency: false,
      publicUrl: 'https://justera.example.se',
    });
  });
});

describe('mistakes, each named with its key and environment variable', () => {
  it('lists every bad value in one message', () => {
    const message = failure({ stage: 'Prod!', publicUrl: 'justera.example.se', objectLockMode: 'LEGAL', alarmEmail: 'drift', retentionDays: '0', tracing: 'yes' });
    expect(message).toMatch(/^Invalid Justera stack configuration \(CDK context\):/);
    expect(message).toContain('stage (JUSTERA_STAGE): must be 1–21 lower-case letters');
    expect(message).toContain('publicUrl (JUSTERA_PUBLIC_URL): must be an absolute http(s) URL');
    expect(message).toContain('objectLockMode (JUSTERA_OBJECT_LOCK_MODE): must be GOVERNANCE, COMPLIANCE or none; got LEGAL');
    expect(message).toContain('alarmEmail: must be an e-mail address; got drift');
    expect(message).toContain('retentionDays (JUSTERA_RETENTION_DAYS)');
    expect(message).toContain('tracing (JUSTERA_TRACING)');
  });

  it('an environment variable name used as a context key says which key is meant', () => {
    expect(failure({ JUSTERA_PUBLIC_URL: 'https://justera.example.se' })).toContain('JUSTERA_PUBLIC_URL: use the context key "publicUrl"');
  });

  it('prod needs a real sender', () => {
    expect(failure({ stage: 'prod' })).toContain('mailFrom (JUSTERA_MAIL_FROM): required for stage prod');
  });

  it('the sender must be under the SES identity', () => {
    expect(failure({ mailFrom: 'Justera <justera@other.se>', sesIdentity: 'region.example.se' })).toContain('justera@other.se is not under the sesIdentity domain region.example.se');
    expect(load({ mailFrom: 'Justera <justera@mail.region.example.se>', sesIdentity: 'region.example.se' }).mailFromDomain).toBe('mail.region.example.se');
  });

  it('a bad mailFrom', () => {
    expect(failure({ mailFrom: 'Justera' })).toContain('mailFrom (JUSTERA_MAIL_FROM): must be an address');
  });
});

describe('seal certificate', () => {
  it('accepts the PEM of an RSA 3072 certificate, inline or from a file', () => {
    expect(load({ sealCertificate: pem3072 }).sealCertificate).toBe(pem3072.trim());
    const dir = mkdtempSync(path.join(tmpdir(), 'justera-cert-'));
    try {
      writeFileSync(path.join(dir, 'seal.pem'), pem3072);
      expect(load({ sealCertificateFile: 'seal.pem' }, dir).sealCertificate).toBe(pem3072.trim());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts \\n escapes from a one-line -c value', () => {
    expect(load({ sealCertificate: pem3072.trim().replace(/\n/g, '\\n') }).sealCertificate).toBe(pem3072.trim());
  });

  it('refuses what cannot certify the RSA 3072 KMS key, or cannot be read', () => {
    expect(failure({ sealCertificate: 'not a certificate' })).toContain('sealCertificate (JUSTERA_SEAL_CERTIFICATE): must be one PEM certificate');
    expect(failure({ sealCertificate: pem2048 })).toContain("must certify the stack's RSA 3072 KMS seal key");
    // One line of the body missing: the DER no longer parses.
    expect(failure({ sealCertificate: pem3072.replace(/\n[A-Za-z0-9+/=]{64}\n/, '\n') })).toContain('sealCertificate (JUSTERA_SEAL_CERTIFICATE): cannot be read as an X.509 certificate');
    expect(failure({ sealCertificateFile: 'missing.pem' }, tmpdir())).toContain('sealCertificateFile: cannot read missing.pem (ENOENT)');
    expect(failure({ sealCertificate: pem3072, sealCertificateFile: 'seal.pem' })).toContain('give one of them, not both');
  });
});

describe('context keys and environment variables', () => {
  it('a context key is its variable\'s name without JUSTERA_, in camelCase', () => {
    const camel = (env: string) => env.replace(/^JUSTERA_/, '').toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    for (const [key, env] of Object.entries(CONTEXT))
      if (env?.startsWith('JUSTERA_') && key !== 'sealCertificateFile') expect(camel(env), key).toBe(key);
  });
});
