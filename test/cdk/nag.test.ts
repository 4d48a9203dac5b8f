// cdk-nag's AwsSolutions checks: no finding left unacknowledged, and every
// acknowledgement in infra/nag-suppressions.ts with a reason.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/lambdas';
import { PRODUCTION_CONTEXT, synthesize } from './synth';

/** Every cdk-nag error and warning attached to the tree (synthesis runs the checks). */
function findings(root: IConstruct): string[] {
  return root.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:error' || m.type === 'aws:cdk:warning').map((m) => `${c.node.path}: ${String(m.data).split('\n')[0]}`))
    .filter((line) => /AwsSolutions-/.test(line));
}

function suppressionReasons(template: Record<string, unknown>): { id: string; reason: string }[] {
  const resources = (template.Resources ?? {}) as Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress?: { id: string; reason: string }[] } } }>;
  return Object.values(resources).flatMap((r) => r.Metadata?.cdk_nag?.rules_to_suppress ?? []);
}

describe('cdk-nag AwsSolutions', () => {
  it('the check reports findings at all (a bare queue without a DLQ or TLS policy is flagged)', () => {
    const app = new App();
    const stack = new Stack(app, 'Bad');
    new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    Aspects.of(app).add(new AwsSolutionsChecks());
    try {
      app.synth();
    } catch {
      // error findings fail synthesis; they are read from the tree below
    }
    expect(findings(app).join('\n')).toMatch(/AwsSolutions-SQS3/);
  });

  it.each([
    ['dev defaults', {}],
    ['production with every option', PRODUCTION_CONTEXT],
    ['no Object Lock, no reserved concurrency, an existing configuration set, a fixed account', { objectLockMode: 'none', reserveConcurrency: 'false', sesConfigurationSet: 'org-default', account: '123456789012' }],
  ])('%s: zero unsuppressed errors or warnings', (_, context) => {
    const { app, template } = synthesize(context);
    expect(findings(app)).toEqual([]);
    const reasons = suppressionReasons(template.toJSON());
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(r.reason.length, `${r.id}: ${r.reason}`).toBeGreaterThanOrEqual(60);
  });

  it('acknowledgements are made in infra/nag-suppressions.ts only', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    const users = files(path.join(PROJECT_ROOT, 'infra'))
      .filter((f) => /\bNagSuppressions\.|cdk_nag|rules_to_suppress/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(PROJECT_ROOT, f));
    expect(users).toEqual(['infra/nag-suppressions.ts']);
  });
});
