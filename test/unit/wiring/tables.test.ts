// Tables that must agree with the code they describe, so that neither side can
// change alone:
// - the gateway's route table (shared/api/routes.ts, from which the CDK stack
//   makes the API Gateway routes — test/cdk/api.test.ts holds the synthesized
//   routes to it) against the routes each HTTP function's handler serves;
// - the mail rights in infra/access.ts (which test/cdk/least-privilege.test.ts
//   holds the synthesized IAM roles to) against the functions whose composition
//   root wires a mailer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCESS } from '../../../infra/access';
import { ROUTES, type HttpFunction } from '../../../shared/api/routes';

const HTTP_FUNCTIONS: HttpFunction[] = ['api', 'admin', 'sign', 'secretary', 'subscribe'];
const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

async function servedBy(fn: HttpFunction): Promise<string[]> {
  const { handler } = (await import(`../../../functions/${fn}/handler.ts`)) as { handler: { routes: { method: string; path: string }[] } };
  return handler.routes.map(key).sort();
}

describe('the route table and the handlers', () => {
  it.each(HTTP_FUNCTIONS)('the %s function serves exactly the routes the table gives it', async (fn) => {
    const table = ROUTES.filter((r) => r.fn === fn).map(key).sort();
    expect(table.length).toBeGreaterThan(0);
    expect(await servedBy(fn)).toEqual(table);
  });

  it('every route in the table goes to an HTTP function', () => {
    for (const r of ROUTES) expect(HTTP_FUNCTIONS, key(r)).toContain(r.fn);
  });
});

/** Whether a function's composition root gives it a mailer (an import alone is not wiring). */
function wiresMail(fn: string): boolean {
  const source = readFileSync(new URL(`../../../functions/${fn}/handler.ts`, import.meta.url), 'utf8');
  return source
    .split('\n')
    .filter((line) => !/^\s*import\b/.test(line))
    .some((line) => /\bmailer:\s*\w+/.test(line));
}

describe('the mail rights and the wiring', () => {
  it.each(Object.keys(ACCESS))('%s gets a mailer exactly when infra/access.ts lets it send mail', (fn) => {
    expect(wiresMail(fn)).toBe(ACCESS[fn as keyof typeof ACCESS].mail ?? false);
  });

  it('parse, which reads untrusted PDFs, has neither', () => {
    expect(ACCESS.parse.mail).toBeFalsy();
    expect(wiresMail('parse')).toBe(false);
  });
});
