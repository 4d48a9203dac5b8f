// Command-line flags of `npm run bench` and `npm run load`, read by Node's
// parseArgs (strict: an unknown flag or a missing value is an error).
import { parseArgs } from 'node:util';

export interface Flags {
  json: boolean;
  quick: boolean;
  help: boolean;
  protocols?: number;
  runs?: number;
  concurrency?: number;
  only?: string[];
  keep: boolean;
}

const OPTIONS = {
  json: { type: 'boolean' },
  quick: { type: 'boolean' },
  keep: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  protocols: { type: 'string' },
  runs: { type: 'string' },
  concurrency: { type: 'string' },
  only: { type: 'string' },
} as const;

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!value || !Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive whole number, not ${value || 'nothing'}`);
  return n;
}

export function parseFlags(argv: string[]): Flags {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  return {
    json: values.json ?? false,
    quick: values.quick ?? false,
    help: values.help ?? false,
    keep: values.keep ?? false,
    protocols: positive('protocols', values.protocols),
    runs: positive('runs', values.runs),
    concurrency: positive('concurrency', values.concurrency),
    ...(values.only !== undefined ? { only: values.only.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
  };
}

/** The command line of a bench script: its flags, or usage and exit (2 on a bad flag, 0 for --help). */
export function flagsOrExit(usage: string): Flags {
  let flags: Flags;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message} (try --help)`);
    process.exit(2);
  }
  if (flags.help) {
    console.log(usage);
    process.exit(0);
  }
  return flags;
}
