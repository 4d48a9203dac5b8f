// What the figures were taken on: they only mean something next to it.
import { cpus, loadavg, totalmem, platform, release, arch, availableParallelism } from 'node:os';
import { run } from './stats';

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  os: string;
  node: string;
  pdftotext: string | null;
  qpdf: string | null;
  /** 1-minute load average when the run started: above the core count, other work was competing. */
  loadAverage: number;
}

async function versionOf(command: string, args: string[]): Promise<string | null> {
  try {
    const { stdout, stderr } = await run(command, args);
    return (stdout || stderr).split('\n')[0]!.trim();
  } catch (error) {
    const message = (error as Error).message;
    const m = /version [\d.]+/.exec(message);
    return m ? `${command} ${m[0]}` : null;
  }
}

export async function machine(): Promise<Machine> {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    ramGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    pdftotext: await versionOf('pdftotext', ['-v']),
    qpdf: await versionOf('qpdf', ['--version']),
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
  };
}
