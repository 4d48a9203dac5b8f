// Runtime configuration of the functions, read once from the environment and
// validated. The CDK stack sets these variables from its context; the local
// stack sets them for its embedded servers. README has the full table.
import * as z from 'zod';

const bool = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true');

export const configSchema = z.object({
  JUSTERA_STAGE: z.string().regex(/^[a-z][a-z0-9-]{0,20}$/).default('dev'),
  JUSTERA_TABLE: z.string().min(3).default('justera'),
  JUSTERA_BUCKET: z.string().min(3).default('justera'),
  JUSTERA_PUBLIC_URL: z.url().default('http://127.0.0.1:3000'),
  JUSTERA_MAIL_FROM: z.string().min(3).default('Justera <justera@example.se>'),
  JUSTERA_MAIL_TRANSPORT: z.enum(['outbox', 'smtp', 'ses']).default('outbox'),
  JUSTERA_SMTP_URL: z.string().optional(),
  JUSTERA_SES_CONFIGURATION_SET: z.string().optional(),
  JUSTERA_OUTBOX_DIR: z.string().optional(),
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
  JUSTERA_SEAL_DIR: z.string().optional(),
  JUSTERA_SEAL_ORGANISATION: z.string().default('Justera'),
  JUSTERA_EVENT_BUS: z.string().optional(),
  JUSTERA_QUEUE_DIR: z.string().optional(),
  /** JSON map from queue name (parse, route, stamp, index) to SQS URL, for re-driving dead letters on AWS. */
  JUSTERA_QUEUE_URLS: z.string().optional(),
  JUSTERA_DYNAMODB_ENDPOINT: z.url().optional(),
  JUSTERA_S3_ENDPOINT: z.url().optional(),
  JUSTERA_S3_PUBLIC_ENDPOINT: z.url().optional(),
  JUSTERA_LINK_SECONDS: z.coerce.number().int().positive().default(300),
  JUSTERA_TRACING: bool.default(false),
  AWS_REGION: z.string().default('eu-north-1'),
});

export type Config = z.infer<typeof configSchema>;

let cached: Config | undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && cached) return cached;
  const parsed = configSchema.safeParse(env);
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
