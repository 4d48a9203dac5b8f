// Small statistics and timing helpers shared by the benchmark and the load run.
import { spawn } from 'node:child_process';

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Linear interpolation between closest ranks (the common "type 7" definition). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function summarize(values: number[]): Summary {
  return { median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)), runs: values.length };
}

export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export interface SpawnResult {
  /** Wall time from spawn to exit, in ms. */
  ms: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; throws on an exit code not in okCodes (default: 0). */
export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; okCodes?: number[] } = {}): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - start;
      if ((options.okCodes ?? [0]).includes(code ?? -1)) resolve({ ms, stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}: ${stderr.trim().slice(0, 500)}`));
    });
  });
}

/** True when `command` can be run (found on PATH). */
export async function available(command: string, args = ['-v']): Promise<boolean> {
  try {
    await run(command, args);
    return true;
  } catch (error) {
    return !(error as NodeJS.ErrnoException).code; // ENOENT: not installed; a non-zero exit still means it exists
  }
}

/**
 * Runs `a` and `b` alternately (a, b, a, b …) after `warmup` rounds, so that
 * drift in the machine's speed hits both sides of a ratio alike.
 */
export async function sideBySide(a: () => Promise<number>, b: () => Promise<number>, runs: number, warmup: number): Promise<{ a: number[]; b: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const out = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always follows the other's garbage.
    if (i % 2 === 0) {
      out.a.push(await a());
      out.b.push(await b());
    } else {
      out.b.push(await b());
      out.a.push(await a());
    }
  }
  return out;
}

export function mb(bytes: number): number {
  return round(bytes / (1024 * 1024), 2);
}
