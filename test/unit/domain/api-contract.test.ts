import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentedPaths, openApiDocument } from '../../../shared/api/openapi';
import { ROUTES, matchRoute } from '../../../shared/api/routes';

describe('the API contract', () => {
  it('documents every route the gateway serves', () => {
    expect([...new Set(ROUTES.map((r) => r.path))].sort()).toEqual(documentedPaths().sort());
    const doc = openApiDocument('http://127.0.0.1:3000') as unknown as { paths: Record<string, Record<string, unknown>> };
    for (const r of ROUTES) expect(doc.paths[r.path]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeTruthy();
  });

  it('docs/openapi.json is the generated document (regenerate with npm run openapi)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument('http://127.0.0.1:3000'))));
  });

  it('sends admin paths only to the admin function', () => {
    for (const r of ROUTES) expect(r.admin, r.path).toBe(r.fn === 'admin');
    const audit = matchRoute('GET', '/protocols/abc/audit');
    expect(audit && 'spec' in audit && audit.spec.fn).toBe('admin');
    const pub = matchRoute('GET', '/protocols/abc');
    expect(pub && 'spec' in pub && pub.spec.fn).toBe('api');
    expect(matchRoute('DELETE', '/protocols')).toEqual({ allowed: ['GET'] });
  });
});
