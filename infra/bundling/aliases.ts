// Packages the Lambda bundles replace by a smaller file of ours (esbuild `alias`), relative
// to the project root. Shared by the stack (infra/constructs/lambdas.ts), the bundle tests,
// `npm run bench` and vitest (vitest.config.ts), so what is measured and tested is what is deployed.
// esbuild also rewrites a package's subpaths (`pkg/x` → `<file>/x`): a subpath imported gets its own entry.
export const BUNDLE_ALIASES: Record<string, string> = {
  // Every zone's data (715 KB) → Europe/Stockholm's only.
  'moment-timezone': './infra/bundling/moment-timezone.cjs',
  // Calendars date-holidays' rule engine imports and Sweden's rules never use (some 165 KB): stand-ins that throw.
  astronomia: './infra/bundling/calendars/astronomia.mjs',
  'astronomia/data/vsop87Bearth': './infra/bundling/calendars/astronomia-vsop87.mjs',
  'date-chinese': './infra/bundling/calendars/date-chinese.mjs',
  'date-bengali-revised': './infra/bundling/calendars/date-bengali-revised.mjs',
  'jalaali-js': './infra/bundling/calendars/jalaali-js.mjs',
  // The AWS clients' credential chain → its first link, the environment, where Lambda puts the role's credentials.
  '@aws-sdk/credential-provider-node': './infra/bundling/aws-credentials.mjs',
  // pdf-lib's standard-font metrics and PNG decoder (some 150 KB of the stamp bundle): the stamp embeds its own face
  // and no PNG; and pako → Node's zlib. Node loads pdf-lib itself under vitest, so test/cdk/stamp-bundle.test.ts
  // stamps and seals through the bundle.
  '@pdf-lib/standard-fonts': './infra/bundling/pdf-lib/standard-fonts.mjs',
  '@pdf-lib/upng': './infra/bundling/pdf-lib/upng.mjs',
  pako: './infra/bundling/pdf-lib/pako.mjs',
  // tesseract.js's fallback for a Node without fetch (whatwg-url and tr46, some 300 KB) → Node's fetch.
  'node-fetch': './infra/bundling/node-fetch.cjs',
};
