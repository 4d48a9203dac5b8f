// Synthesizes the app as `cdk synth` would (cdk.json's context, the same
// assemble()), without bundling: the functions' code is proven by
// synth-cli.test.ts, which runs the real `cdk synth` with local esbuild.
import { readFileSync } from 'node:fs';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { assemble, type Assembled } from '../../infra/assemble';
import { PROJECT_ROOT } from '../../infra/constructs/lambdas';

export function cdkJsonContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(`${PROJECT_ROOT}cdk.json`, 'utf8')) as { context: Record<string, unknown> }).context;
}

export interface Synthesized extends Assembled {
  template: Template;
  /** The logical id of a construct's CloudFormation resource. */
  id(construct: IConstruct): string;
}

export function synthesize(context: Record<string, unknown> = {}): Synthesized {
  const assembled = assemble({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } });
  const template = Template.fromStack(assembled.stack);
  const id = (construct: IConstruct) => assembled.stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
  return { ...assembled, template, id };
}

/** A full production configuration (everything optional set). */
export const PRODUCTION_CONTEXT = {
  stage: 'prod',
  mailFrom: 'Justera <justera@region.example.se>',
  sesIdentity: 'region.example.se',
  alarmEmail: 'drift@region.example.se',
  operatorEmail: 'drift@region.example.se',
  publicUrl: 'https://justera.region.example.se/',
  objectLockMode: 'COMPLIANCE',
  retentionDays: '36500',
  tsaUrl: 'https://tsa.example.se/tsr',
  bankidUrl: 'https://appapi2.bankid.com/rp/v6.0',
  bankidSecret: 'justera/prod/bankid-rp',
  tracing: 'true',
  logLevel: 'WARN',
};
