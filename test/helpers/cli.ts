// README command 1 as a child process: `justera start` with its own data
// folder and a free port, and the other CLI commands against it.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/justera.mjs');

export interface CliStack {
  url: string;
  dataDir: string;
  child: ChildProcess;
  output: string[];
  cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `prepare` runs on the new data folder before the first start (e.g. to put part of it on a file system of its own). */
export async function startCliStack(env: Record<string, string> = {}, prepare?: (dataDir: string) => void): Promise<CliStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'justera-cli-'));
  prepare?.(dataDir);
  const childEnv = { ...process.env, JUSTERA_DATA_DIR: dataDir, JUSTERA_PORT: '0', JUSTERA_SAMPLES: '0', ...env };
  const output: string[] = [];
  const stack: CliStack = {
    url: '',
    dataDir,
    child: undefined as unknown as ChildProcess,
    output,
    cli: (...args) =>
      new Promise((resolve) => {
        execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv, timeout: 60_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      }),
    async start() {
      const child = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      stack.child = child;
      stack.url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`stack did not print ready:\n${output.join('\n')}`)), 90_000);
        const onData = (chunk: Buffer) => {
          for (const line of chunk.toString('utf8').split('\n')) {
            if (line) output.push(line);
            const m = /^ready (http:\/\/127\.0\.0\.1:\d+)$/.exec(line.trim());
            if (m) {
              clearTimeout(timer);
              resolve(m[1]!);
            }
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => reject(new Error(`stack exited (${code}):\n${output.join('\n')}`)));
      });
    },
    async kill(signal = 'SIGKILL') {
      const child = stack.child;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      await exited;
    },
    async stop() {
      await stack.kill('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  await stack.start();
  return stack;
}

/** Polls `probe` until it gives a value; fails naming `what`, with the stack's last lines of output. */
export async function untilOn<T>(stack: CliStack, what: string, probe: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await probe().catch(() => null);
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out: ${what}\n${stack.output.slice(-25).join('\n')}`);
}

/** GET a path of the stack's API as JSON. */
export async function jsonOn<T>(stack: CliStack, path: string): Promise<T> {
  return (await (await fetch(`${stack.url}${path}`, { headers: { accept: 'application/json' } })).json()) as T;
}
