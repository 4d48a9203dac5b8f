// Builds the CDK app: configuration from context, the stack, cdk-nag's
// AwsSolutions checks and their acknowledged exceptions. infra/app.ts (the
// `cdk` entry) and the tests call this, so both synthesize the same thing.
import { App, Aspects, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStackConfig, type StackConfig } from './config';
import { applyNagSuppressions } from './nag-suppressions';
import { JusteraStack } from './stack';

export interface Assembled {
  app: App;
  stack: JusteraStack;
  config: StackConfig;
}

export function assemble(props: AppProps = {}): Assembled {
  const app = new App(props);
  const config = loadStackConfig((key) => app.node.tryGetContext(key));
  const stack = new JusteraStack(app, `Justera-${config.stage}`, {
    config,
    description: `Justera (${config.stage}): meeting minutes adjusted, signed, sealed and published`,
    // No account is needed to synthesize: without one the template stays account-agnostic.
    env: { region: config.region, ...(config.account ? { account: config.account } : {}) },
    terminationProtection: config.production,
  });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  applyNagSuppressions(stack);
  return { app, stack, config };
}
