// The command line as a newcomer meets it: help for all and for one command,
// a mistyped flag answered in one line plus the usage, and `bodies list`.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';

function justera(...args: (string | Record<string, string>)[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, ...(args.find((a) => typeof a === 'object') ?? {}) };
  const argv = args.filter((a): a is string => typeof a === 'string');
  return new Promise((resolve) =>
    execFile(process.execPath, ['bin/justera.mjs', ...argv], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe('justera help', () => {
  it('lists every command with `help`, and one with `<command> --help`, exit 0', async () => {
    const all = await justera('help');
    expect(all.code).toBe(0);
    for (const command of ['start', 'upload', 'status', 'bodies list', 'bodies import', 'verify', 'help']) expect(all.stdout).toContain(`  ${command}`);
    const one = await justera('upload', '--help');
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('upload <file.pdf> --body <slug>');
    expect(one.stdout).toContain('REJECTED or NEEDS_ATTENTION');
    expect(one.stdout).not.toContain('verify <signed.pdf>');
  });

  it('shows the configured port', async () => {
    expect((await justera('help', { JUSTERA_PORT: '3999' })).stdout).toContain('127.0.0.1:3999');
  });

  it('answers an unknown flag with one line naming it, then the usage, exit 1', async () => {
    const r = await justera('upload', 'x.pdf', '--bdy', 'ks');
    expect(r.code).toBe(1);
    const [first, ...more] = r.stderr.split('\n');
    expect(first).toBe("justera: Unknown option '--bdy'");
    expect(more.join('\n')).toContain('upload <file.pdf> --body <slug>');
  });

  it('an unknown command gets the whole usage', async () => {
    const r = await justera('uplaod');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('justera: unknown command "uplaod"');
    expect(r.stderr).toContain('bodies list');
  });
});
