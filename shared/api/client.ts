// The one client of the HTTP API: the CLI, the tests and the bench all read and
// drive the API through it. Admin calls carry whatever the caller's
// `Authorize` returns (the local bearer token, or SigV4 headers for a deployed
// stack, which the CLI signs), so this file needs no AWS. Answers are typed by
// the same zod schemas the API documents itself with (shared/api/schemas.ts).
import type { z } from 'zod';
import type { bodyDirectory, correctionBody, page, protocolDetail, protocolSummary } from './schemas';

export type ProtocolSummary = z.output<typeof protocolSummary>;
export type ProtocolDetail = z.output<typeof protocolDetail>;
export type ProtocolPage = z.output<ReturnType<typeof page<typeof protocolSummary>>>;
export type BodyDirectoryInput = z.input<typeof bodyDirectory>;
export type CorrectionInput = z.input<typeof correctionBody>;

/** Headers that authorise an admin request (computed per request: a signature covers method, path and body). */
export type Authorize = (request: { url: URL; method: string; body: string | undefined }) => Promise<Record<string, string>> | Record<string, string>;

export function bearer(token: () => string): Authorize {
  return () => ({ authorization: `Bearer ${token()}` });
}

export interface ApiInit extends RequestInit {
  /** Authorise as an administrator. */
  admin?: boolean;
  /** Sent as a JSON body (with its content type). */
  json?: unknown;
}

/** Status, headers and the body: parsed JSON, or the text as it came (HTML, empty). */
export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiUnreachableError extends Error {}

export class ApiClient {
  /** `base`: the API's URL, or a function giving it (a test stack that restarts on another port). */
  constructor(
    private readonly base: string | (() => string),
    private readonly authorize?: Authorize,
  ) {}

  get url(): string {
    return (typeof this.base === 'function' ? this.base() : this.base).replace(/\/$/, '');
  }

  async request<T = unknown>(path: string, init: ApiInit = {}): Promise<ApiResponse<T>> {
    const { admin, json, ...rest } = init;
    const method = rest.method ?? 'GET';
    const body = json === undefined ? rest.body : JSON.stringify(json);
    const url = new URL(`${this.url}${path}`);
    const headers = new Headers(rest.headers);
    if (json !== undefined) headers.set('content-type', 'application/json');
    if (admin) {
      if (!this.authorize) throw new Error(`no admin credentials for ${method} ${path}`);
      const granted = await this.authorize({ url, method, body: typeof body === 'string' ? body : undefined });
      for (const [name, value] of Object.entries(granted)) headers.set(name, value);
    }
    let response: Response;
    try {
      // Redirects are answers to look at (the signing pages use them), not to follow.
      response = await fetch(url, { ...rest, method, body, headers, redirect: 'manual' });
    } catch (error) {
      throw new ApiUnreachableError(`cannot reach ${this.url}: ${(error as Error).message}`);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // HTML, text or empty: kept as it came
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  protocols(query = ''): Promise<ApiResponse<ProtocolPage>> {
    return this.request(`/protocols${query ? `?${query}` : ''}`);
  }

  protocol(id: string): Promise<ApiResponse<ProtocolDetail>> {
    return this.request(`/protocols/${encodeURIComponent(id)}`);
  }

  putBody(directory: BodyDirectoryInput): Promise<ApiResponse<unknown>> {
    return this.request(`/admin/bodies/${encodeURIComponent(directory.slug)}`, { method: 'PUT', admin: true, json: directory });
  }

  route(id: string): Promise<ApiResponse<{ outcome: string; status: string; reason: ProtocolDetail['reason'] }>> {
    return this.request(`/admin/protocols/${encodeURIComponent(id)}/route`, { method: 'POST', admin: true });
  }

  correct(id: string, correction: CorrectionInput): Promise<ApiResponse<unknown>> {
    return this.request(`/admin/protocols/${encodeURIComponent(id)}`, { method: 'PATCH', admin: true, json: correction });
  }
}
