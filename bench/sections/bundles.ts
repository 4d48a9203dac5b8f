// Cold start: each function bundled as the stack bundles it, its size and what
// takes the space, and the time a fresh `node` process needs to import it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FUNCTIONS, type FunctionName } from '../../infra/functions';
import { bundle, fontDir, type BundleFacts, type BundlingMode } from '../lib/bundle';
import { round, run, summarize, type Summary } from '../lib/stats';

export const BUNDLE_LIMIT = 1024 * 1024;
/**
 * pdf.js (unpdf's serverless build) is one prebuilt, already-minified file of
 * about 1.6 MB that esbuild cannot shake: the only pure-JavaScript engine that
 * gives text with positions. Only parse may carry it (the stamp reads the
 * positions parse kept); it gets its own budget on top of the 1 MB for
 * everything else.
 */
export const PDF_ENGINE_BUDGET = 1.75 * 1024 * 1024;
export const IMPORT_LIMIT_MS = 150;

export interface BundleFigures {
  function: FunctionName;
  memoryMb: number;
  bytes: number;
  pdfEngineBytes: number;
  /** Everything but the PDF extraction engine. */
  restBytes: number;
  top: { name: string; bytes: number }[];
  /** The same function bundled the other way about the AWS SDK (bundled ↔ left to the runtime), for comparison. */
  otherSdkMode: { bundleAwsSdk: boolean; bytes: number; restBytes: number };
  /** In-process import() of the bundle in a fresh node. */
  importMs: Summary;
  /** Spawn to exit of `node` importing it (process start, import, exit). */
  processMs: Summary;
  sizeMet: boolean;
  importMet: boolean;
}

const TIMER = `const t0 = performance.now();
await import(process.argv[2]);
console.log(JSON.stringify({ importMs: performance.now() - t0 }));
`;

export async function benchBundles(scratch: string, mode: BundlingMode, runs: number, progress: (line: string) => void): Promise<BundleFigures[]> {
  const names = Object.keys(FUNCTIONS) as FunctionName[];
  const facts = new Map<FunctionName, BundleFacts>();
  const other = new Map<FunctionName, BundleFacts>();
  const otherMode: BundlingMode = { bundleAwsSdk: !mode.bundleAwsSdk, source: 'comparison' };
  for (const name of names) {
    progress(`bundle ${name}`);
    facts.set(name, await bundle(FUNCTIONS[name].entry, path.join(scratch, 'bundles', `${name}.mjs`), mode));
    other.set(name, await bundle(FUNCTIONS[name].entry, path.join(scratch, 'bundles-other', `${name}.mjs`), otherMode));
  }
  const timer = path.join(scratch, 'bundles', 'import-timer.mjs');
  writeFileSync(timer, TIMER);

  // What a Lambda sandbox has in its environment, not this shell's.
  const envFor = (name: FunctionName): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_REGION: 'eu-north-1',
    AWS_LAMBDA_FUNCTION_NAME: `justera-bench-${name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(FUNCTIONS[name].memoryMb),
    POWERTOOLS_SERVICE_NAME: 'justera',
    JUSTERA_FONT_DIR: fontDir(),
  });
  const once = async (name: FunctionName) => {
    const r = await run(process.execPath, [timer, pathToFileURL(facts.get(name)!.file).href], { env: envFor(name), timeoutMs: 60_000 });
    return { wall: r.ms, importMs: (JSON.parse(r.stdout.trim().split('\n').pop()!) as { importMs: number }).importMs };
  };
  progress('import each bundle in fresh processes');
  for (const name of names) await once(name); // the file cache, not the figure
  const samples = new Map<FunctionName, { wall: number[]; importMs: number[] }>(names.map((n) => [n, { wall: [], importMs: [] }]));
  // Round-robin over the functions, so drift in the machine's speed spreads over all of them.
  for (let i = 0; i < runs; i++)
    for (const name of names) {
      const r = await once(name);
      samples.get(name)!.wall.push(r.wall);
      samples.get(name)!.importMs.push(r.importMs);
    }

  return names.map((name) => {
    const f = facts.get(name)!;
    const s = samples.get(name)!;
    const importMs = summarize(s.importMs);
    const restBytes = f.bytes - f.pdfEngineBytes;
    const o = other.get(name)!;
    return {
      function: name,
      memoryMb: FUNCTIONS[name].memoryMb,
      bytes: f.bytes,
      pdfEngineBytes: f.pdfEngineBytes,
      restBytes,
      top: f.contributors.slice(0, 6).map((c) => ({ name: c.name, bytes: c.bytes })),
      otherSdkMode: { bundleAwsSdk: otherMode.bundleAwsSdk, bytes: o.bytes, restBytes: o.bytes - o.pdfEngineBytes },
      importMs,
      processMs: summarize(s.wall),
      sizeMet: restBytes <= BUNDLE_LIMIT && f.pdfEngineBytes <= (name === 'parse' ? PDF_ENGINE_BUDGET : 0),
      importMet: round(importMs.median) <= IMPORT_LIMIT_MS,
    };
  });
}
