// Packages the Lambda bundles replace by a smaller file of ours (esbuild `alias`), relative
// to the project root. Shared by the stack (infra/constructs/lambdas.ts), the bundle tests and
// `npm run bench`, so what is measured and tested is what is deployed.
export const BUNDLE_ALIASES: Record<string, string> = {
  // Every zone's data (715 KB) → Europe/Stockholm's only.
  'moment-timezone': './infra/bundling/moment-timezone.cjs',
};
