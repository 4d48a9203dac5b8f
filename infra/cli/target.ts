// Which stack a CLI command talks to: the local one (found through the data
// folder it writes), or the one --api names. Admin calls carry the local
// bearer token, or are signed with SigV4 from the standard AWS environment
// when the API is on AWS (--aws).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class CliError extends Error {}

export interface LocalStackInfo {
  url: string;
  s3Endpoint: string;
  bucket: string;
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

async function signed(url: URL, method: string, body: string | undefined): Promise<Record<string, string>> {
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
}

export async function call(target: ApiTarget, method: string, path: string, options: { admin?: boolean; body?: unknown } = {}): Promise<{ status: number; json: unknown }> {
  const url = new URL(`${target.url}${path}`);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  let headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
  if (options.admin) headers = target.aws ? await signed(url, method, body) : { ...headers, authorization: `Bearer ${adminToken()}` };
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body });
  } catch (error) {
    throw new CliError(`cannot reach ${target.url}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let json: unknown = text;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: response.status, json };
}

export function failOn(result: { status: number; json: unknown }, what: string): void {
  if (result.status >= 400) {
    const message = (result.json as { error?: string } | null)?.error ?? JSON.stringify(result.json);
    throw new CliError(`${what}: HTTP ${result.status}: ${message}`);
  }
}
