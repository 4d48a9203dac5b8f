// `npx cdk synth|deploy` runs this (cdk.json "app"). Configuration: CDK
// context, see infra/config.ts and README "Deploy to AWS".
import { assemble } from './assemble';
import { ConfigError } from './config';

try {
  assemble().app.synth();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
