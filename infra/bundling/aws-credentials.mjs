// Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles
// (infra/bundling/aliases.ts). Every AWS client resolves its credentials through
// that package's chain: environment, SSO, INI profiles, web identity, process,
// container and instance metadata, with the SSO, OIDC, STS and sign-in clients
// they need (some 95 KB of every bundle). Lambda gives a function its role's
// credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN), which is the chain's first link anyway; the bundles keep that
// link only. The local runtime and the CLI do not run the bundles and keep the
// whole chain. test/cdk/stamp-bundle.test.ts uses a bundled S3 client this way.
import { fromEnv } from '@aws-sdk/credential-providers';

export const defaultProvider = (init = {}) => fromEnv(init);
