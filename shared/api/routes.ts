// Every HTTP route, which function serves it and whether it needs admin
// credentials. The CDK stack creates API Gateway routes from this table (IAM
// authorization on admin routes); the local gateway enforces the bearer token
// from it. Public routes can therefore never reach the admin function.

export type HttpFunction = 'api' | 'admin' | 'sign' | 'secretary' | 'subscribe';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  fn: HttpFunction;
  admin: boolean;
}

const route = (method: RouteSpec['method'], path: string, fn: HttpFunction): RouteSpec => ({ method, path, fn, admin: fn === 'admin' });

export const ROUTES: RouteSpec[] = [
  route('GET', '/', 'api'),
  route('GET', '/health', 'api'),
  route('GET', '/openapi.json', 'api'),
  route('GET', '/protocols', 'api'),
  route('GET', '/protocols/{id}', 'api'),
  route('GET', '/protocols/{id}/pdf', 'api'),
  route('GET', '/protocols/{id}/validation', 'api'),
  route('GET', '/decisions', 'api'),
  route('GET', '/notices', 'api'),
  route('GET', '/anslagstavla', 'api'),
  route('GET', '/seal-certificates', 'api'),
  // The public pages for people (shared/api/public-pages.ts).
  route('GET', '/beslut', 'api'),
  route('GET', '/tillganglighet', 'api'),
  route('GET', '/anslagstavla/arkiv', 'api'),
  route('GET', '/feeds', 'api'),
  route('GET', '/feeds/{slug}', 'api'),
  // E-mail subscriptions (shared/api/subscribe-routes.ts): a token in the path authorizes a confirmation or an unsubscribe.
  route('GET', '/prenumeration/{slug}', 'subscribe'),
  route('POST', '/prenumeration/{slug}', 'subscribe'),
  route('GET', '/prenumeration/bekrafta/{token}', 'subscribe'),
  route('POST', '/prenumeration/bekrafta/{token}', 'subscribe'),
  route('GET', '/prenumeration/avsluta/{token}', 'subscribe'),
  route('POST', '/prenumeration/avsluta/{token}', 'subscribe'),
  route('GET', '/assets/bankid.js', 'sign'),
  route('GET', '/sign/{token}', 'sign'),
  route('POST', '/sign/{token}', 'sign'),
  route('GET', '/sign/{token}/pdf', 'sign'),
  // The secretary's personal link (shared/api/secretary-routes.ts): a function of its own, without BankID's secrets and keys.
  route('GET', '/secretary/{token}', 'secretary'),
  route('POST', '/secretary/{token}', 'secretary'),
  route('GET', '/secretary/{token}/pdf', 'secretary'),
  route('GET', '/secretary/{token}/protocols', 'secretary'),
  route('GET', '/protocols/{id}/audit', 'admin'),
  route('GET', '/admin/bodies', 'admin'),
  route('GET', '/admin/bodies/{slug}', 'admin'),
  route('PUT', '/admin/bodies/{slug}', 'admin'),
  route('PATCH', '/admin/protocols/{id}', 'admin'),
  route('POST', '/admin/protocols/{id}/route', 'admin'),
  route('GET', '/admin/protocols/{id}/evidence', 'admin'),
  route('GET', '/admin/dead-letters', 'admin'),
  route('POST', '/admin/dead-letters/redrive', 'admin'),
  route('POST', '/admin/remind', 'admin'),
  route('POST', '/admin/reindex', 'admin'),
];

/** The methods a route answers: every GET route also answers HEAD, as GET without the body. */
export function methodsOf(spec: RouteSpec): ('GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH')[] {
  return spec.method === 'GET' ? ['GET', 'HEAD'] : [spec.method];
}

/** Matches a concrete path against a route path with {params}. */
export function matchRoute(method: string, path: string): { spec: RouteSpec; params: Record<string, string> } | { allowed: string[] } | null {
  const allowed: string[] = [];
  for (const spec of ROUTES) {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${spec.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    const m = pattern.exec(path);
    if (!m) continue;
    if (spec.method !== method && !(method === 'HEAD' && spec.method === 'GET')) {
      allowed.push(spec.method);
      continue;
    }
    const params: Record<string, string> = {};
    names.forEach((n, i) => (params[n] = m[i + 1]!));
    return { spec, params };
  }
  return allowed.length ? { allowed } : null;
}
