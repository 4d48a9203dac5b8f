// `justera parse` as a user runs it: the contract as JSON, a readable
// summary, and a one-line reason with a non-zero exit for what it cannot read.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { FIXTURES } from '../helpers/stack';

function justera(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, ['bin/justera.mjs', ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

const KEYS = ['kind', 'body', 'date', 'time', 'place', 'attendees', 'chair', 'adjusters', 'secretary', 'items', 'signatures', 'warnings'];

describe('justera parse', () => {
  for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.pdf')))
    it(`prints the parse contract for ${name}`, async () => {
      const r = await justera('parse', new URL(name, FIXTURES).pathname, '--json');
      expect(r.code, r.stderr).toBe(0);
      const parsed = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual(expect.arrayContaining(KEYS));
      expect((parsed.items as unknown[]).length).toBeGreaterThan(10);
    });

  it('prints a readable summary without --json', async () => {
    const r = await justera('parse', new URL('003-protokoll-draft.pdf', FIXTURES).pathname);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Helena Proos');
    expect(r.stdout).toContain('§ 8');
  });

  it('exits non-zero with one line for a file it cannot read', async () => {
    const notPdf = await justera('parse', 'package.json');
    expect(notPdf.code).toBe(1);
    expect(notPdf.stderr.trim().split('\n')).toHaveLength(1);
    expect(notPdf.stderr).toContain('not a PDF');
    const missing = await justera('parse', 'no-such-file.pdf');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('justera: cannot read no-such-file.pdf: ENOENT');
    // An unknown command: one line saying so, then the usage (test/cli/usage.test.ts has the rest).
    const usage = await justera('frobnicate');
    expect(usage.code).toBe(1);
    expect(usage.stderr.split('\n')[0]).toBe('justera: unknown command "frobnicate"');
    expect(usage.stderr).toContain('justera <command>');
  });

  it('seal-certificate names what is missing before it calls AWS', async () => {
    for (const [args, reason] of [
      [['--organisation', 'Region Exempel'], 'justera: seal-certificate needs --key-id <SealKeyId> (an output of the deployed stack)'],
      [['--key-id', 'k'], 'justera: seal-certificate needs --organisation "<the organisation that seals>"'],
      [['--key-id', 'k', '--organisation', 'R', '--days', '0'], 'justera: --days must be a whole number of days from 1 to 3650'],
      [['--key-id', 'k', '--organisation', 'R', '--country', 'Sverige'], 'justera: --country must be a two-letter country code such as SE'],
    ] as const) {
      const r = await justera('seal-certificate', ...args);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(reason);
    }
  });
});
