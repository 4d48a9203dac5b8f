// The parse function's bundle carries what re-reading a scan needs and nothing it does not:
// bundled as the stack bundles it (infra/constructs/lambdas.ts: esbuild, one ES module for
// Node 22, the parse function's own settings and its after-bundling commands), then run from a
// folder with no node_modules above it, it reads a real scan's lost item numbers and chair.
import { execFile, execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARSE_BUNDLING, PARSE_OCR_DIR, PARSE_OCR_FILES, parseOcrHooks, PROJECT_ROOT } from '../../infra/constructs/lambdas';
import { ESBUILD_LAMBDA } from '../../infra/functions';

const scan = path.resolve(PROJECT_ROOT, '../shared/corpus/28_stenaldern-styrelse-2025-05-22.pdf');
let dir: string;
let dist: string;
let inputs: string[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'justera-parse-bundle-'));
  dist = path.join(dir, 'dist');
  const entry = path.join(dir, 'entry.ts');
  writeFileSync(entry, `export { parsePdf } from ${JSON.stringify(path.join(PROJECT_ROOT, 'shared/minutes/index.ts'))};`);
  const out = await build({
    entryPoints: [entry],
    outfile: path.join(dist, 'index.mjs'),
    ...ESBUILD_LAMBDA,
    minify: true,
    define: PARSE_BUNDLING.define,
    metafile: true,
    logLevel: 'error',
  });
  inputs = Object.keys(out.metafile.inputs);
  for (const command of parseOcrHooks().afterBundling(dir, dist)) execSync(command, { stdio: 'pipe' });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the parse bundle', () => {
  it('carries the OCR worker, one WASM core and the Swedish model, and nothing else', () => {
    const files = readdirSync(path.join(dist, PARSE_OCR_DIR)).sort();
    expect(files).toEqual([...PARSE_OCR_FILES].sort());
    const size = (f: string) => statSync(path.join(dist, PARSE_OCR_DIR, f)).size;
    console.log(`parse bundle: index.mjs ${statSync(path.join(dist, 'index.mjs')).size} bytes; ${PARSE_OCR_DIR}/: ${files.map((f) => `${f} ${size(f)}`).join(', ')}`);
    // The model is the small integer one (about 2.5 MB), not the 6 MB float model.
    expect(size('swe.traineddata.gz')).toBeLessThan(3 * 1024 * 1024);
  });

  it("carries Node's fetch for tesseract.js's node-fetch, not node-fetch with whatwg-url and tr46", () => {
    expect(inputs).toContain('infra/bundling/node-fetch.cjs');
    expect(inputs.filter((i) => /node_modules\/(node-fetch|whatwg-url|tr46|webidl-conversions)\//.test(i))).toEqual([]);
  });

  it('re-reads a scan from its own folder, with no node_modules above it', async () => {
    const script = path.join(dir, 'run.mjs');
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
       const { parsePdf } = await import('./dist/index.mjs');
       const { minutes } = await parsePdf(new Uint8Array(readFileSync(process.argv[2])));
       console.log(JSON.stringify({ items: minutes.items.map((i) => i.number), chair: minutes.chair, warnings: minutes.warnings }));`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, [script, scan], { cwd: dir, env: { PATH: process.env.PATH ?? '' }, timeout: 120_000 });
    const out = JSON.parse(stdout.trim().split('\n').pop()!) as { items: string[]; chair: string | null; warnings: string[] };
    expect(out.items).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(out.chair).toBe('Björn Goffeng');
    expect(out.warnings.join(' ')).not.toMatch(/kunde inte läsas om/);
  }, 180_000);
});
