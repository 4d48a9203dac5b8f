import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BUNDLE_ALIASES } from './infra/bundling/aliases.ts';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The Lambda bundles' aliases, as esbuild applies them: a key stands for the package and
 * its subpaths, the longest key first. Tests of the calendar then run against the
 * stand-ins that are deployed (infra/bundling/), not the packages they replace.
 */
const alias = Object.entries(BUNDLE_ALIASES)
  .sort(([a], [b]) => b.length - a.length)
  .map(([from, to]) => ({ find: new RegExp(`^${escaped(from)}(?=/|$)`), replacement: path.join(ROOT, to) }));

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites start their own servers on free ports; keep CPU contention sane on 2-core machines.
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Node loads packages from node_modules itself, past the aliases: the calendar packages that import
    // an aliased one go through vitest, so that their imports are rewritten as the bundles' are.
    // tesseract.js stays with Node (CommonJS that starts its worker by path); it asks for node-fetch
    // only where Node has no fetch, and test/cdk/ocr-bundle.test.ts runs OCR through the bundle.
    server: { deps: { inline: ['date-holidays-parser', 'caldate'] } },
  },
});
