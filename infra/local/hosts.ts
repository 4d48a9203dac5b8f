// How the local runtime runs a function: in its own process (a warm sandbox
// with Lambda's memory and time limits, replaced when it dies) or, for the
// light HTTP and bookkeeping functions, inside the runtime's process.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FunctionSpec } from '../functions';

export interface FunctionHost {
  invoke(event: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export class InvocationError extends Error {
  constructor(
    readonly functionName: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvocationError';
  }
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const WORKER = resolve(dirname(fileURLToPath(import.meta.url)), 'function-worker.ts');

function contextFor(name: string, timeoutMs: number) {
  const started = Date.now();
  return {
    functionName: name,
    awsRequestId: `local-${started}`,
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: '0',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    callbackWaitsForEmptyEventLoop: false,
  };
}

export class InProcessHost implements FunctionHost {
  private handler?: Promise<(event: unknown, context: unknown) => Promise<unknown>>;

  constructor(
    private readonly name: string,
    private readonly spec: FunctionSpec,
  ) {}

  async invoke(event: unknown): Promise<unknown> {
    this.handler ??= import(pathToFileURL(resolve(ROOT, this.spec.entry)).href).then((m) => m.handler);
    const handler = await this.handler;
    return handler(event, contextFor(this.name, this.spec.timeoutSec * 1000));
  }

  async close(): Promise<void> {}
}

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  busy: boolean;
}

/** Resident set size of a process in MB, from /proc (Linux); null elsewhere. */
function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export class ChildProcessHost implements FunctionHost {
  private readonly workers: Worker[] = [];
  private readonly waiting: ((w: Worker) => void)[] = [];
  private nextId = 1;
  private closed = false;
  /** Peak RSS seen in any sandbox of this function (MB). */
  peakRssMb = 0;

  constructor(
    private readonly name: string,
    private readonly spec: FunctionSpec,
    private readonly env: NodeJS.ProcessEnv,
    private readonly onOutput: (name: string, line: string) => void,
    private readonly concurrency = 2,
  ) {}

  private spawn(): Worker {
    const child = fork(WORKER, [resolve(ROOT, this.spec.entry)], {
      cwd: ROOT,
      env: this.env,
      execArgv: ['--import', TSX, `--max-old-space-size=${this.spec.memoryMb}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) this.onOutput(this.name, line);
      });
    }
    const worker: Worker = {
      child,
      busy: false,
      ready: new Promise((ok, fail) => {
        child.once('message', () => ok());
        child.once('exit', (code) => fail(new InvocationError(this.name, `sandbox exited while starting (code ${code})`)));
      }),
    };
    worker.ready.catch(() => undefined);
    child.once('exit', () => {
      const i = this.workers.indexOf(worker);
      if (i >= 0) this.workers.splice(i, 1);
    });
    this.workers.push(worker);
    return worker;
  }

  private acquire(): Promise<Worker> {
    const idle = this.workers.find((w) => !w.busy);
    if (idle) return Promise.resolve(idle);
    if (this.workers.length < this.concurrency) return Promise.resolve(this.spawn());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    worker.busy = false;
    const next = this.waiting.shift();
    if (!next) return;
    if (this.workers.includes(worker)) next(worker);
    else next(this.spawn());
  }

  async invoke(event: unknown): Promise<unknown> {
    if (this.closed) throw new InvocationError(this.name, 'host closed');
    const worker = await this.acquire();
    worker.busy = true;
    try {
      await worker.ready;
      return await this.run(worker, event);
    } finally {
      this.release(worker);
    }
  }

  private run(worker: Worker, event: unknown): Promise<unknown> {
    const id = this.nextId++;
    const timeoutMs = this.spec.timeoutSec * 1000;
    return new Promise((resolveResult, reject) => {
      const fail = (message: string) => {
        cleanup();
        worker.child.kill('SIGKILL');
        reject(new InvocationError(this.name, message));
      };
      const timer = setTimeout(() => fail(`Task timed out after ${this.spec.timeoutSec} seconds`), timeoutMs);
      // Lambda ends a sandbox that exceeds its memory, off-heap buffers included.
      const watch = setInterval(() => {
        const rss = rssMb(worker.child.pid);
        if (rss === null) return;
        this.peakRssMb = Math.max(this.peakRssMb, rss);
        if (rss > this.spec.memoryMb) fail(`Runtime exited: memory limit of ${this.spec.memoryMb} MB exceeded (${Math.round(rss)} MB)`);
      }, 100);
      const onMessage = (message: { id?: number; ok?: boolean; result?: unknown; error?: { name?: string; message?: string } }) => {
        if (message.id !== id) return;
        cleanup();
        if (message.ok) resolveResult(message.result);
        else reject(new InvocationError(this.name, `${message.error?.name ?? 'Error'}: ${message.error?.message ?? 'failed'}`));
      };
      const onExit = (code: number | null, signal: string | null) => {
        cleanup();
        reject(new InvocationError(this.name, `Runtime exited (${signal ?? `code ${code}`})`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(watch);
        worker.child.off('message', onMessage);
        worker.child.off('exit', onExit);
      };
      worker.child.on('message', onMessage);
      worker.child.once('exit', onExit);
      worker.child.send({ id, event, functionName: this.name, timeoutMs });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
            w.child.once('exit', () => resolve());
            w.child.kill('SIGTERM');
          }),
      ),
    );
  }
}
