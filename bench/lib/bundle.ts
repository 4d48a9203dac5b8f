// Bundles a handler the way the CDK stack does (infra/constructs/lambdas.ts:
// NodejsFunction → esbuild, one minified ESM file for Node 22), with a
// metafile to tell what takes the space. Source maps are left out here: they
// go into a separate .map file on Lambda and do not count toward the bundle.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { ESBUILD_LAMBDA } from '../../infra/functions';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BundlingMode {
  /** True when the stack bundles the AWS SDK into each function (bundleAwsSDK), false when it leaves it to the runtime. */
  bundleAwsSdk: boolean;
  source: string;
}

/**
 * Reads the stack's choice about the AWS SDK from infra/constructs/lambdas.ts,
 * so the benchmark measures what gets deployed. Without that file, the CDK
 * default for Node 22 applies: @aws-sdk/* external, the runtime's copy used.
 */
export function stackBundling(): BundlingMode {
  const file = path.join(ROOT, 'infra/constructs/lambdas.ts');
  if (!existsSync(file)) return { bundleAwsSdk: false, source: 'CDK default (infra/constructs/lambdas.ts not found)' };
  const text = readFileSync(file, 'utf8');
  return { bundleAwsSdk: /bundleAwsSDK:\s*true/.test(text), source: 'infra/constructs/lambdas.ts' };
}

export interface Contributor {
  /** An npm package, or "(app)" for the project's own code. */
  name: string;
  bytes: number;
}

export interface BundleFacts {
  file: string;
  bytes: number;
  /** Bytes by package, largest first. */
  contributors: Contributor[];
  /** Output bytes that come from the PDF text extraction engine (pdf.js, through unpdf). */
  pdfEngineBytes: number;
}

const PDF_ENGINE = 'unpdf';

function packageOf(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input.split(path.sep).join('/'));
  return m ? m[1]! : '(app)';
}

export function contributors(metafile: Metafile): Contributor[] {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint) ?? Object.values(metafile.outputs)[0];
  const by = new Map<string, number>();
  for (const [input, info] of Object.entries(output?.inputs ?? {})) by.set(packageOf(input), (by.get(packageOf(input)) ?? 0) + info.bytesInOutput);
  return [...by.entries()].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

export async function bundle(entry: string, outfile: string, mode: BundlingMode): Promise<BundleFacts> {
  const result = await build({
    entryPoints: [path.resolve(ROOT, entry)],
    outfile,
    ...ESBUILD_LAMBDA,
    minify: true,
    sourcemap: false,
    external: mode.bundleAwsSdk ? [] : ['@aws-sdk/*'],
    metafile: true,
    logLevel: 'error',
    absWorkingDir: ROOT,
  });
  const list = contributors(result.metafile);
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { file: outfile, bytes, contributors: list, pdfEngineBytes: list.find((c) => c.name === PDF_ENGINE)?.bytes ?? 0 };
}

/** Where the stamp's fonts are (on Lambda they are copied next to the bundle and JUSTERA_FONT_DIR points there). */
export function fontDir(): string {
  return path.join(ROOT, 'shared/stamp/face');
}
