// The local API Gateway: turns HTTP requests into payload v2 events for the
// function the route table names, and enforces the admin bearer token where
// AWS would enforce IAM. Also serves the local mail outbox.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { matchRoute, type HttpFunction } from '../../shared/api/routes';
import { csp } from '../../shared/lambda/http';
import { STYLE } from '../../shared/pages/layout';
import { outboxPage } from '../../shared/pages/outbox';
import type { FunctionHost } from './hosts';
import { readOutbox } from './outbox';

const MAX_BODY = 1024 * 1024;

export interface GatewayOptions {
  hosts: Record<HttpFunction, FunctionHost>;
  adminToken: string;
  outboxDir: string;
  onError: (error: unknown) => void;
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', ...headers });
  res.end(body);
}

function authorized(req: IncomingMessage, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toEvent(req: IncomingMessage, url: URL, routeKey: string, params: Record<string, string>, body: Buffer): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(params).length ? params : undefined,
    body: body.length ? body.toString('base64') : undefined,
    isBase64Encoded: body.length > 0,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: { method: req.method ?? 'GET', path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: `${now.getTime()}-${Math.random().toString(36).slice(2, 8)}`,
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
  };
}

export function startGateway(options: GatewayOptions, port: number): Promise<{ server: Server; port: number }> {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';

      if (url.pathname === '/outbox' && (method === 'GET' || method === 'HEAD')) {
        const entries = await readOutbox(options.outboxDir);
        if ((req.headers.accept ?? '').includes('application/json'))
          return send(res, 200, JSON.stringify(entries.map(({ id, to, subject, date, text, links, attachments }) => ({ id, to, subject, date, text, links, attachments: attachments ?? [] }))));
        return send(res, 200, outboxPage(entries).value, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp(STYLE) });
      }

      const match = matchRoute(method, url.pathname);
      if (!match) return send(res, 404, JSON.stringify({ error: 'not found' }));
      if ('allowed' in match) return send(res, 405, JSON.stringify({ error: 'method not allowed' }), { allow: match.allowed.join(', ') });
      if (match.spec.admin && !authorized(req, options.adminToken)) return send(res, 401, JSON.stringify({ error: 'unauthorized' }), { 'www-authenticate': 'Bearer' });

      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(match.params)) {
        try {
          params[k] = decodeURIComponent(v);
        } catch {
          return send(res, 400, JSON.stringify({ error: `malformed path parameter ${k}` }));
        }
      }
      const body = await readBody(req);
      if (!body) return send(res, 413, JSON.stringify({ error: 'request body too large' }));

      const event = toEvent(req, url, `${match.spec.method} ${match.spec.path}`, params, body);
      const result = (await options.hosts[match.spec.fn].invoke(event)) as APIGatewayProxyStructuredResultV2;
      const payload = result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
      res.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string>) });
      res.end(method === 'HEAD' ? undefined : payload);
    } catch (error) {
      options.onError(error);
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: 'internal error' }));
      else res.end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}
