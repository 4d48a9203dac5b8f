// Command-line flags of `npm run bench` and `npm run load`.

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

export function parseFlags(argv: string[]): Flags {
  const flags: Flags = { json: false, quick: false, help: false, keep: false };
  const number = (name: string, value: string | undefined): number => {
    const n = Number(value);
    if (!value || !Number.isInteger(n) || n < 1) throw new Error(`${name} needs a positive whole number, not ${value ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--json':
        flags.json = true;
        break;
      case '--quick':
        flags.quick = true;
        break;
      case '--keep':
        flags.keep = true;
        break;
      case '--help':
      case '-h':
        flags.help = true;
        break;
      case '--protocols':
        flags.protocols = number(name, value());
        break;
      case '--runs':
        flags.runs = number(name, value());
        break;
      case '--concurrency':
        flags.concurrency = number(name, value());
        break;
      case '--only':
        flags.only = (value() ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        break;
      default:
        throw new Error(`unknown flag ${arg} (try --help)`);
    }
  }
  return flags;
}

/** The command line of a bench script: its flags, or usage and exit (2 on a bad flag, 0 for --help). */
export function flagsOrExit(usage: string): Flags {
  let flags: Flags;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (flags.help) {
    console.log(usage);
    process.exit(0);
  }
  return flags;
}
