// HTTP functions: a middy router over API Gateway payload v2 events, JSON
// errors, and the same security headers on every response.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpRouterHandler, { type Route } from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { evidenceSalt } from '../signing/evidence';
import { BadCursorError } from '../store';
import { logger, metrics } from '../observability';
import type { Html } from '../html/html';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const BASE_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'strict-transport-security': 'max-age=31536000',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

/** Content-Security-Policy for a page: no inline script anywhere, the page's own style by hash. */
export function csp(style: string, frameSources: string[] = [], scriptSources: string[] = []): string {
  const hash = createHash('sha256').update(style).digest('base64');
  const frames = frameSources.length ? frameSources.join(' ') : "'none'";
  return [
    "default-src 'none'",
    `style-src 'sha256-${hash}'`,
    ...(scriptSources.length ? [`script-src ${scriptSources.join(' ')}`, "connect-src 'self'"] : []),
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    `frame-src ${frames}`,
    `object-src ${frames}`,
  ].join('; ');
}

export function page(statusCode: number, body: Html, policy: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy, 'x-frame-options': 'DENY', ...headers },
    body: body.value,
  };
}

export function redirect(location: string): HttpResult {
  return { statusCode: 302, headers: { location }, body: '' };
}

export function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/**
 * A form post must come from our own pages. Browsers say so in Sec-Fetch-Site
 * (which a page cannot forge); our pages send no referrer, so their posts carry
 * "Origin: null" and no Referer. Without Fetch Metadata, Origin or Referer must
 * name this site.
 */
export function sameOrigin(event: HttpEvent, publicUrl: string): boolean {
  const site = header(event, 'sec-fetch-site');
  if (site) return site === 'same-origin';
  const allowed = new Set([new URL(publicUrl).origin]);
  const host = header(event, 'host');
  if (host) allowed.add(`${header(event, 'x-forwarded-proto') ?? 'https'}://${host}`);
  if (host && !header(event, 'x-forwarded-proto')) allowed.add(`http://${host}`);
  const origin = header(event, 'origin');
  if (origin && origin !== 'null') return allowed.has(origin);
  const referer = header(event, 'referer');
  if (referer) {
    try {
      return allowed.has(new URL(referer).origin);
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Who made a request, as a signer event records it. The salt travels with the
 * IP and user agent into every event recorded from this request, so the public
 * record can carry a hash of that evidence that cannot be confirmed by guessing.
 */
export function clientOf(event: HttpEvent): { ip: string; userAgent: string; salt: string } {
  return { ip: event.requestContext?.http?.sourceIp ?? 'okänd', userAgent: (header(event, 'user-agent') ?? 'okänd').slice(0, 400), salt: evidenceSalt() };
}

export function queryOf(event: HttpEvent): Record<string, string> {
  return Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
}

export function bodyText(event: HttpEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

type Handler = (event: HttpEvent) => Promise<HttpResult>;

/** HEAD answers as GET does, headers and status alike, without the body (RFC 9110 §9.3.2). */
function headOf(handler: Handler): Handler {
  return async (event) => ({ ...(await handler(event)), body: '', isBase64Encoded: false });
}

/**
 * The Lambda handler serving these routes. It carries its route list (method
 * and path) so that a test can hold it against the gateway's table
 * (shared/api/routes.ts): a route on one side only is a 404 or a dead route.
 */
export function httpFunction(routes: { method: 'GET' | 'POST' | 'PUT' | 'PATCH'; path: string; handler: Handler }[]) {
  const withHead = [...routes, ...routes.filter((r) => r.method === 'GET').map((r) => ({ method: 'HEAD' as const, path: r.path, handler: headOf(r.handler) }))];
  const router = httpRouterHandler<HttpEvent, HttpResult>({
    routes: withHead as Route<HttpEvent, HttpResult>[],
    notFoundResponse: () => {
      throw new HttpError(404, 'not found');
    },
  });
  const handler = middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics))
    .use({
      after: (request) => {
        const response = request.response;
        if (response) response.headers = { ...BASE_HEADERS, ...(response.headers ?? {}) };
      },
      onError: (request) => {
        const error = request.error as Error & { statusCode?: number };
        const status = error instanceof HttpError ? error.statusCode : error instanceof BadCursorError ? 400 : (error.statusCode ?? 500);
        if (status >= 500) logger.error('request failed', { error });
        request.response = {
          ...json(status, { error: status >= 500 ? 'internal error' : error.message }),
          headers: { ...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8' },
          ...(request.event.requestContext?.http?.method === 'HEAD' ? { body: '' } : {}),
        };
      },
    })
    .handler(router);
  return Object.assign(handler, { routes: routes.map(({ method, path }) => ({ method, path })) });
}
