// `npm run load` in small: a handful of drafts uploaded at once and signed at
// once through the same script, which must account for every one of them.
// The figures it prints are not checked (tests never time things); the counts
// that must be zero are, and so is the script itself, so it cannot rot.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

interface LoadReport {
  protocols: number;
  counts: { lost: number; duplicated: number; doubleSealed: number; published: number; protocols: number; signedFiles: number };
  problems: string[];
}

describe('npm run load, six protocols at once', () => {
  it('publishes every one of them: none lost, duplicated or sealed twice', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/load.ts', '--protocols', '6', '--json'], {
      maxBuffer: 16 << 20,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    const report = JSON.parse(stdout) as LoadReport;
    expect(report.problems).toEqual([]);
    expect(report.counts).toEqual({ lost: 0, unfinished: 0, duplicated: 0, doubleSealed: 0, published: 6, protocols: 6, signedFiles: 6 });
  }, 240_000);
});
