// Which stack a CLI command talks to: the local one (found through the data
// folder it writes), or the one --api names. Admin calls carry the local
// bearer token, or are signed with SigV4 from the standard AWS environment
// when the API is on AWS (--aws).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiClient, ApiUnreachableError, bearer, type Authorize } from '../../shared/api/client';

export class CliError extends Error {}

export interface LocalStackInfo {
  url: string;
  s3Endpoint: string;
  bucket: string;
  /** The BankID simulator's app controls, when the stack runs it. */
  bankIdControlUrl?: string | null;
}

export function dataDir(): string {
  return resolve(process.env.JUSTERA_DATA_DIR ?? '.justera');
}

export function localStack(): LocalStackInfo {
  const file = join(dataDir(), 'stack.json');
  if (!existsSync(file)) throw new CliError(`no local stack is running (start it with "npm start"; looked for ${file})`);
  return JSON.parse(readFileSync(file, 'utf8')) as LocalStackInfo;
}

export interface ApiTarget {
  url: string;
  aws: boolean;
}

export function apiTarget(flags: { api?: string; aws?: boolean }): ApiTarget {
  if (flags.api) return { url: flags.api.replace(/\/$/, ''), aws: Boolean(flags.aws) };
  if (flags.aws) throw new CliError('--aws needs --api <url of the deployed API>');
  return { url: localStack().url, aws: false };
}

function adminToken(): string {
  if (process.env.JUSTERA_ADMIN_TOKEN) return process.env.JUSTERA_ADMIN_TOKEN;
  const file = join(dataDir(), 'admin-token');
  if (!existsSync(file)) throw new CliError('no admin token: set JUSTERA_ADMIN_TOKEN or start the local stack once');
  return readFileSync(file, 'utf8').trim();
}

/** SigV4 headers for API Gateway's IAM authorisation, from the standard AWS environment (loaded only when used). */
const sigV4: Authorize = async ({ url, method, body }) => {
  const [{ SignatureV4 }, { Sha256 }, { fromNodeProviderChain }] = await Promise.all([
    import('@smithy/signature-v4'),
    import('@aws-crypto/sha256-js'),
    import('@aws-sdk/credential-providers'),
  ]);
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'eu-north-1';
  const signer = new SignatureV4({ service: 'execute-api', region, credentials: fromNodeProviderChain(), sha256: Sha256 });
  const request = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host, ...(body ? { 'content-type': 'application/json' } : {}) },
    body,
  });
  return request.headers;
};

export function clientFor(target: ApiTarget): ApiClient {
  return new ApiClient(target.url, target.aws ? sigV4 : bearer(adminToken));
}

export async function call(target: ApiTarget, method: string, path: string, options: { admin?: boolean; body?: unknown } = {}): Promise<{ status: number; json: unknown }> {
  try {
    const { status, body } = await clientFor(target).request(path, { method, admin: options.admin, json: options.body });
    return { status, json: body === '' ? null : body };
  } catch (error) {
    if (error instanceof ApiUnreachableError) throw new CliError(error.message);
    throw error;
  }
}

export function failOn(result: { status: number; json: unknown }, what: string): void {
  if (result.status >= 400) {
    const message = (result.json as { error?: string } | null)?.error ?? JSON.stringify(result.json);
    throw new CliError(`${what}: HTTP ${result.status}: ${message}`);
  }
}
