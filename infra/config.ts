// The AWS stack's configuration: read from CDK context (cdk.json or
// `npx cdk deploy -c key=value`), validated with zod, typed. Every value the
// functions read is handed to them as the environment variable of the same
// meaning that the local stack uses; CONTEXT below is the one table of both
// names (README "Deploy to AWS" repeats it).
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as z from 'zod';

/**
 * Context key → the environment variable the functions read (null: used by the
 * stack itself only). A context key is the variable's name without `JUSTERA_`,
 * in camelCase.
 */
export const CONTEXT = {
  stage: 'JUSTERA_STAGE',
  region: 'AWS_REGION',
  account: null,
  publicUrl: 'JUSTERA_PUBLIC_URL',
  mailFrom: 'JUSTERA_MAIL_FROM',
  sesConfigurationSet: 'JUSTERA_SES_CONFIGURATION_SET',
  sesIdentity: null,
  alarmEmail: null,
  operatorEmail: 'JUSTERA_OPERATOR_EMAIL',
  retentionDays: 'JUSTERA_RETENTION_DAYS',
  objectLockMode: 'JUSTERA_OBJECT_LOCK_MODE',
  tsaUrl: 'JUSTERA_TSA_URL',
  sealCertificate: 'JUSTERA_SEAL_CERTIFICATE',
  sealCertificateFile: 'JUSTERA_SEAL_CERTIFICATE',
  sealOrganisation: 'JUSTERA_SEAL_ORGANISATION',
  sealCertificateIssuer: null,
  maxBytes: 'JUSTERA_MAX_BYTES',
  maxPages: 'JUSTERA_MAX_PAGES',
  linkSeconds: 'JUSTERA_LINK_SECONDS',
  tracing: 'JUSTERA_TRACING',
  logLevel: 'POWERTOOLS_LOG_LEVEL',
  bankidUrl: 'JUSTERA_BANKID_URL',
  bankidSecret: 'JUSTERA_BANKID_SECRET',
  reserveConcurrency: null,
} as const;

export type ContextKey = keyof typeof CONTEXT;

/** Lambda caps all environment variables of a function at 4 KB; the certificate shares that with the rest. */
const MAX_CERTIFICATE_CHARS = 2800;

const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name such as region.example.se');

const schema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,20}$/, 'must be 1–21 lower-case letters, digits or hyphens, starting with a letter (e.g. dev, test, prod)')
    .default('dev'),
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as eu-north-1')
    .default('eu-north-1'),
  account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
  publicUrl: z
    .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL, e.g. https://justera.region.example.se' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  mailFrom: z
    .string()
    .trim()
    .regex(/^([^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'must be an address, optionally with a name: "Justera <justera@region.example.se>"')
    .optional(),
  sesConfigurationSet: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an SES configuration set name (letters, digits, _ and -)')
    .optional(),
  sesIdentity: domain.optional(),
  alarmEmail: z.email('must be an e-mail address').optional(),
  operatorEmail: z.email('must be an e-mail address').optional(),
  retentionDays: int(1, 36500).default(3650),
  objectLockMode: z.enum(['GOVERNANCE', 'COMPLIANCE', 'none'], 'must be GOVERNANCE, COMPLIANCE or none').default('GOVERNANCE'),
  tsaUrl: z.url({ protocol: /^https?$/, error: 'must be the http(s) URL of an RFC 3161 time-stamp authority' }).optional(),
  sealCertificate: z.string().trim().min(1).optional(),
  sealCertificateFile: z.string().min(1).optional(),
  sealOrganisation: z.string().trim().min(1).max(200).default('Justera'),
  /** An IAM role or user ARN the key policy lets sign, for `justera seal-certificate`; deploy without it afterwards. */
  sealCertificateIssuer: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/, 'must be the ARN of an IAM role or user, e.g. arn:aws:iam::111122223333:role/Operators')
    .optional(),
  maxBytes: int(1024, 200 * 1024 * 1024).default(50 * 1024 * 1024),
  maxPages: int(1, 10_000).default(500),
  linkSeconds: int(30, 7 * 24 * 3600).default(300),
  tracing: bool.default(false),
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR'], 'must be DEBUG, INFO, WARN or ERROR').default('INFO'),
  reserveConcurrency: bool.default(true),
  /** BankID's RP API: https://appapi2.test.bankid.com/rp/v6.0 (test) or https://appapi2.bankid.com/rp/v6.0 (production). */
  bankidUrl: z.url({ protocol: /^https$/, error: 'must be the https URL of BankID\'s RP API v6.0, e.g. https://appapi2.test.bankid.com/rp/v6.0' }).optional(),
  /** The name of the Secrets Manager entry with the RP certificate, key, BankID's server CA and signature roots. */
  bankidSecret: z
    .string()
    .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'must be the name of a Secrets Manager secret, e.g. justera/prod/bankid-rp')
    .optional(),
});

export interface StackConfig extends Omit<z.infer<typeof schema>, 'sealCertificateFile' | 'mailFrom'> {
  /** `Name <address>` as the functions put it in From. */
  mailFrom: string;
  /** The bare address of mailFrom, and its domain: the SES identities mail may be sent as. */
  mailFromAddress: string;
  mailFromDomain: string;
  /** The seal certificate (PEM) from sealCertificate or sealCertificateFile, if any. */
  sealCertificate?: string;
  /** Stage "prod": everything holding data is retained and deletion-protected. */
  production: boolean;
  removalPolicy: RemovalPolicy;
  /** Prefix of every physical name (queues, bucket, bus, alarms): justera-<stage>. */
  prefix: string;
}

export class ConfigError extends Error {
  constructor(lines: string[]) {
    super(`Invalid Justera stack configuration (CDK context):\n${lines.map((l) => `  - ${l}`).join('\n')}\nSet values with -c key=value or in cdk.json "context"; README "Deploy to AWS" lists every key.`);
    this.name = 'ConfigError';
  }
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function certificateProblem(pem: string): string | null {
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(pem)) return 'must be one PEM certificate (-----BEGIN CERTIFICATE----- ...)';
  if (pem.length > MAX_CERTIFICATE_CHARS)
    return `is ${pem.length} characters; Lambda environment variables are limited to 4 KB in all, so at most ${MAX_CERTIFICATE_CHARS} (the end-entity certificate only, no chain)`;
  try {
    const cert = new X509Certificate(pem);
    const details = cert.publicKey.asymmetricKeyDetails;
    if (cert.publicKey.asymmetricKeyType !== 'rsa' || details?.modulusLength !== 3072)
      return `must certify the stack's RSA 3072 KMS seal key (this one has a ${cert.publicKey.asymmetricKeyType} ${details?.modulusLength ?? ''} key)`;
  } catch (error) {
    return `cannot be read as an X.509 certificate (${(error as Error).message})`;
  }
  return null;
}

/**
 * Reads and validates the configuration. `read` looks up one context key
 * (app.node.tryGetContext); values given with -c arrive as strings.
 */
export function loadStackConfig(read: (key: string) => unknown, cwd = process.cwd()): StackConfig {
  // An environment variable's name used as a context key is a likely mistake: say which key is meant.
  const misnamed = Object.entries(CONTEXT)
    .filter(([key, env]) => env && env.startsWith('JUSTERA_') && read(env) !== undefined && read(key) === undefined)
    .map(([key, env]) => `${env}: use the context key "${key}" (-c ${key}=...), not the environment variable's name`);
  const raw = Object.fromEntries(Object.keys(CONTEXT).map((key) => [key, read(key)]).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success || misnamed.length) {
    const lines = (parsed.success ? [] : parsed.error.issues).map((issue) => {
      const key = String(issue.path[0] ?? '');
      const env = CONTEXT[key as ContextKey];
      return `${key}${env ? ` (${env})` : ''}: ${issue.message}; got ${describe(raw[key])}`;
    });
    throw new ConfigError([...lines, ...misnamed]);
  }
  const { sealCertificateFile, mailFrom: givenFrom, ...data } = parsed.data;
  const problems: string[] = [];

  const production = data.stage === 'prod';
  if (production && !givenFrom) problems.push('mailFrom (JUSTERA_MAIL_FROM): required for stage prod, e.g. "Justera <justera@region.example.se>"');
  const mailFrom = givenFrom ?? 'Justera <justera@example.se>';
  const mailFromAddress = (/<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim().toLowerCase();
  const mailFromDomain = mailFromAddress.split('@')[1]!;
  if (data.sesIdentity && mailFromDomain !== data.sesIdentity && !mailFromDomain.endsWith(`.${data.sesIdentity}`))
    problems.push(`mailFrom (JUSTERA_MAIL_FROM): ${mailFromAddress} is not under the sesIdentity domain ${data.sesIdentity}; SES would refuse to send it`);

  if (data.sealCertificate && sealCertificateFile) problems.push('sealCertificate and sealCertificateFile: give one of them, not both');
  let sealCertificate = data.sealCertificate?.replace(/\\n/g, '\n');
  if (sealCertificateFile && !sealCertificate) {
    try {
      sealCertificate = readFileSync(path.resolve(cwd, sealCertificateFile), 'utf8').trim();
    } catch (error) {
      problems.push(`sealCertificateFile: cannot read ${sealCertificateFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  if (sealCertificate) {
    const problem = certificateProblem(sealCertificate);
    if (problem) problems.push(`sealCertificate (JUSTERA_SEAL_CERTIFICATE): ${problem}`);
  }
  if (Boolean(data.bankidUrl) !== Boolean(data.bankidSecret))
    problems.push('bankidUrl (JUSTERA_BANKID_URL) and bankidSecret (JUSTERA_BANKID_SECRET): give both (BankID on) or neither (BankID off)');
  if (problems.length) throw new ConfigError(problems);

  return {
    ...data,
    mailFrom,
    mailFromAddress,
    mailFromDomain,
    sealCertificate,
    production,
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    prefix: `justera-${data.stage}`,
  };
}
