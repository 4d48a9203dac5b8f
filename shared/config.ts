// Runtime configuration of the functions, read once from the environment and
// validated. JUSTERA_RUNTIME says once where the functions run (aws: the CDK
// stack sets the variables from its context; local: infra/local sets them for
// its stand-in servers); each runtime's composition root then reads only its
// own variables. README has the full table.
import * as z from 'zod';

const bool = z.lazy(() => z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true'));

export const RUNTIMES = ['aws', 'local'] as const;
export type RuntimeName = (typeof RUNTIMES)[number];

// Built on first use, not at import: some 40 fields of zod are a few ms of
// every cold start, and the composition root reads the configuration only
// when a function is first invoked.
export const configSchema = z.lazy(() => z.object({
  JUSTERA_RUNTIME: z.enum(RUNTIMES, { error: 'must be "aws" or "local" (where the functions run)' }),
  JUSTERA_STAGE: z.string().regex(/^[a-z][a-z0-9-]{0,20}$/).default('dev'),
  JUSTERA_TABLE: z.string({ error: 'required: the DynamoDB table' }).min(3),
  JUSTERA_BUCKET: z.string({ error: 'required: the S3 bucket' }).min(3),
  JUSTERA_PUBLIC_URL: z.url().default('http://127.0.0.1:3000'),
  JUSTERA_MAIL_FROM: z.string().min(3).default('Justera <justera@example.se>'),
  /** ses on AWS; outbox (a folder) or smtp on one machine. */
  JUSTERA_MAIL_TRANSPORT: z.enum(['outbox', 'smtp', 'ses']).optional(),
  JUSTERA_SMTP_URL: z.string().optional(),
  JUSTERA_SES_CONFIGURATION_SET: z.string().optional(),
  /** SES v2's endpoint: unset on AWS (the region's own); the local stack sets its SES simulator's. */
  JUSTERA_SES_ENDPOINT: z.url().optional(),
  JUSTERA_OPERATOR_EMAIL: z.email().optional(),
  JUSTERA_MAX_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  JUSTERA_MAX_PAGES: z.coerce.number().int().positive().default(500),
  /** CPU time (ms) reading one draft may take; over it the draft needs attention (TOO_COMPLEX) instead of timing out. */
  JUSTERA_MAX_PARSE_CPU_MS: z.coerce.number().int().positive().default(30_000),
  JUSTERA_TSA_URL: z.url().optional(),
  /** S3 Object Lock on each signed/ file (the AWS bucket refuses signed/ writes without it when enabled). */
  JUSTERA_OBJECT_LOCK_MODE: z.enum(['none', 'GOVERNANCE', 'COMPLIANCE']).default('none'),
  JUSTERA_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(3650),
  JUSTERA_SEAL_KEY_ID: z.string().optional(),
  JUSTERA_SEAL_CERTIFICATE: z.string().optional(),
  JUSTERA_SEAL_ORGANISATION: z.string().default('Justera'),
  JUSTERA_EVENT_BUS: z.string().optional(),
  /** JSON map from queue name (parse, route, stamp, index) to SQS URL, for re-driving dead letters on AWS. */
  JUSTERA_QUEUE_URLS: z.string().optional(),
  /** Local: the folder of queues, outbox and seal key. */
  JUSTERA_DATA_DIR: z.string().min(1).optional(),
  JUSTERA_DYNAMODB_ENDPOINT: z.url().optional(),
  JUSTERA_S3_ENDPOINT: z.url().optional(),
  JUSTERA_S3_PUBLIC_ENDPOINT: z.url().optional(),
  JUSTERA_LINK_SECONDS: z.coerce.number().int().positive().default(300),
  JUSTERA_TRACING: bool.default(false),
  /** BankID RP API v6.0 base URL (test: https://appapi2.test.bankid.com/rp/v6.0); unset: no body can sign with BankID. */
  JUSTERA_BANKID_URL: z.url().optional(),
  /** Local: PEM files of the RP certificate and key, the CA of BankID's server certificate, and the roots signatures must chain to. */
  JUSTERA_BANKID_CERT: z.string().optional(),
  JUSTERA_BANKID_KEY: z.string().optional(),
  JUSTERA_BANKID_CA: z.string().optional(),
  JUSTERA_BANKID_ROOTS: z.string().optional(),
  /** AWS: the Secrets Manager entry (JSON: certPem, keyPem, caPem, rootsPem) the sign function reads BankID's certificates from. */
  JUSTERA_BANKID_SECRET: z.string().optional(),
  /** AWS: the KMS HMAC key (HMAC_256) the personnummer hashes are made with. */
  JUSTERA_PERSONNUMMER_KEY_ID: z.string().optional(),
  /** AWS: the symmetric KMS key that wraps the data key of each BankID signature's kept evidence (completionData). */
  JUSTERA_EVIDENCE_KEY_ID: z.string().optional(),
  AWS_REGION: z.string().default('eu-north-1'),
}));

type Variable = keyof z.infer<typeof configSchema>;

/** What each runtime cannot do without, and what belongs to the other one only (a stray endpoint on AWS is a mistake, not a fallback). */
const RUNTIME_RULES: Record<RuntimeName, { required: Variable[]; foreign: Variable[]; transports: string[] }> = {
  aws: {
    required: ['JUSTERA_EVENT_BUS'],
    foreign: [
      'JUSTERA_DATA_DIR',
      'JUSTERA_DYNAMODB_ENDPOINT',
      'JUSTERA_S3_ENDPOINT',
      'JUSTERA_S3_PUBLIC_ENDPOINT',
      'JUSTERA_SMTP_URL',
      'JUSTERA_BANKID_CERT',
      'JUSTERA_BANKID_KEY',
      'JUSTERA_BANKID_CA',
      'JUSTERA_BANKID_ROOTS',
    ],
    transports: ['ses'],
  },
  local: {
    required: ['JUSTERA_DATA_DIR', 'JUSTERA_DYNAMODB_ENDPOINT', 'JUSTERA_S3_ENDPOINT'],
    foreign: ['JUSTERA_EVENT_BUS', 'JUSTERA_QUEUE_URLS', 'JUSTERA_SEAL_KEY_ID', 'JUSTERA_PERSONNUMMER_KEY_ID', 'JUSTERA_EVIDENCE_KEY_ID', 'JUSTERA_BANKID_SECRET'],
    transports: ['outbox', 'smtp'],
  },
};

const runtimeSchema = configSchema
  .superRefine((c, ctx) => {
    const rules = RUNTIME_RULES[c.JUSTERA_RUNTIME];
    const issue = (path: Variable, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    for (const name of rules.required) if (c[name] === undefined) issue(name, `required with JUSTERA_RUNTIME=${c.JUSTERA_RUNTIME}`);
    for (const name of rules.foreign) if (c[name] !== undefined) issue(name, `not used with JUSTERA_RUNTIME=${c.JUSTERA_RUNTIME}; remove it`);
    if (c.JUSTERA_MAIL_TRANSPORT && !rules.transports.includes(c.JUSTERA_MAIL_TRANSPORT))
      issue('JUSTERA_MAIL_TRANSPORT', `must be ${rules.transports.join(' or ')} with JUSTERA_RUNTIME=${c.JUSTERA_RUNTIME}`);
    if (c.JUSTERA_RUNTIME === 'local' && c.JUSTERA_BANKID_URL)
      for (const name of ['JUSTERA_BANKID_CERT', 'JUSTERA_BANKID_KEY', 'JUSTERA_BANKID_CA', 'JUSTERA_BANKID_ROOTS'] as const)
        if (!c[name]) issue(name, 'required with JUSTERA_BANKID_URL on one machine');
    if (c.JUSTERA_MAIL_TRANSPORT === 'smtp' && !c.JUSTERA_SMTP_URL) issue('JUSTERA_SMTP_URL', 'required with JUSTERA_MAIL_TRANSPORT=smtp');
  })
  .transform((c) => ({ ...c, JUSTERA_MAIL_TRANSPORT: c.JUSTERA_MAIL_TRANSPORT ?? (c.JUSTERA_RUNTIME === 'aws' ? 'ses' : 'outbox') }));

export type Config = z.output<typeof runtimeSchema>;

/** The configuration on AWS, once validated: what the AWS composition root reads. */
export type AwsConfig = Config & { JUSTERA_RUNTIME: 'aws'; JUSTERA_EVENT_BUS: string };
/** The configuration on one machine, once validated: what infra/local's composition root reads. */
export type LocalConfig = Config & { JUSTERA_RUNTIME: 'local'; JUSTERA_DATA_DIR: string; JUSTERA_DYNAMODB_ENDPOINT: string; JUSTERA_S3_ENDPOINT: string };

export function isAwsConfig(config: Config): config is AwsConfig {
  return config.JUSTERA_RUNTIME === 'aws';
}

export function isLocalConfig(config: Config): config is LocalConfig {
  return config.JUSTERA_RUNTIME === 'local';
}

let cached: Config | undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && cached) return cached;
  const parsed = runtimeSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration: ${lines.join('; ')}`);
  }
  if (env === process.env) cached = parsed.data;
  return parsed.data;
}

/** Tests and the local runtime change the environment between stacks. */
export function resetConfig(): void {
  cached = undefined;
}
