// `npx cdk synth`, as CI runs it: a child process with no AWS credentials and
// no network needs, bundling every function with the local esbuild. Proves the
// bundles exist, load as ES modules and export their handler, and that the
// stamp function carries its fonts.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, PROJECT_ROOT, STAMP_FONTS } from '../../infra/constructs/lambdas';

const run = promisify(execFile);
const TIMEOUT = 10 * 60_000;

let dir: string;
let out: string;
let synth: { stdout: string; stderr: string };
let template: { Resources: Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, string> }> };

/** The environment without any AWS setting, and with every source of credentials closed. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && !k.startsWith('CDK_')));
  return {
    ...env,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-credentials'),
    AWS_CONFIG_FILE: path.join(dir, 'no-config'),
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'justera-synth-'));
  out = path.join(dir, 'cdk.out');
  synth = await run('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', out], {
    cwd: PROJECT_ROOT,
    env: offlineEnv(),
    timeout: TIMEOUT,
    maxBuffer: 64 * 1024 * 1024,
  });
  template = JSON.parse(readFileSync(path.join(out, 'Justera-dev.template.json'), 'utf8'));
}, TIMEOUT);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The asset folder of each function, from the asset metadata CDK writes into the template. */
function assetDirs(): Record<string, string> {
  const dirs: Record<string, string> = {};
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const name = String(r.Properties.FunctionName).replace(/^justera-dev-/, '');
    const asset = r.Metadata?.['aws:asset:path'];
    expect(asset, id).toBeDefined();
    dirs[name] = path.join(out, asset!);
  }
  return dirs;
}

describe('npx cdk synth (offline, no credentials)', () => {
  it('succeeds quietly and writes the template', () => {
    expect(Object.keys(template.Resources).length).toBeGreaterThan(100);
    expect(synth.stderr).not.toMatch(/\bError\b|AwsSolutions-/);
  });

  it('bundles every function to one ES module with a source map', () => {
    const dirs = assetDirs();
    expect(Object.keys(dirs).sort()).toEqual([...FUNCTION_NAMES].sort());
    for (const [name, assetDir] of Object.entries(dirs)) {
      expect(existsSync(path.join(assetDir, 'index.mjs')), name).toBe(true);
      expect(existsSync(path.join(assetDir, 'index.mjs.map')), name).toBe(true);
    }
  });

  it('the stamp bundle carries the DejaVu fonts', () => {
    const stamp = assetDirs().stamp!;
    for (const font of STAMP_FONTS) expect(readFileSync(path.join(stamp, 'fonts', font)).subarray(0, 4), font).toEqual(Buffer.from([0, 1, 0, 0]));
  });

  it(
    'every bundle loads in Node as an ES module and exports handler()',
    async () => {
      const dirs = assetDirs();
      const script = path.join(dir, 'load.mjs');
      writeFileSync(
        script,
        `const dirs = ${JSON.stringify(dirs)};
         const out = {};
         for (const [name, d] of Object.entries(dirs)) out[name] = typeof (await import(d + '/index.mjs')).handler;
         console.log(JSON.stringify(out));`,
      );
      const { stdout } = await run(process.execPath, [script], { env: offlineEnv(), timeout: 120_000 });
      expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual(Object.fromEntries(FUNCTION_NAMES.map((n) => [n, 'function'])));
    },
    180_000,
  );

  it(
    'a bad context value stops synthesis with a message naming the key',
    async () => {
      const failed = await run('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', path.join(dir, 'bad.out'), '-c', 'stage=Prod!'], {
        cwd: PROJECT_ROOT,
        env: offlineEnv(),
        timeout: TIMEOUT,
      }).then(
        () => null,
        (error: { code?: number; stderr?: string }) => error,
      );
      expect(failed?.code).not.toBe(0);
      expect(failed?.stderr).toContain('Invalid Justera stack configuration');
      expect(failed?.stderr).toContain('stage (JUSTERA_STAGE)');
    },
    TIMEOUT,
  );
});
