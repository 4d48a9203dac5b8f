// justera <command>: the local stack and the tools around it. Exit code 0 on
// success, 1 with a one-line reason otherwise.
import { parseArgs } from 'node:util';
import { startStack } from '../local/stack';
import { bankIdSimCommand } from './bankid-sim';
import { bodiesImportCommand, bodiesListCommand, fixCommand, parseCommand, redriveCommand, reindexCommand, remindCommand, routeCommand, statusCommand, uploadCommand, verifyCommand } from './commands';
import { sealCertificateCommand, sealCertificateImportCommand, sealCsrCommand } from './seal-commands';
import { CliError, dataDir } from './target';

/** One entry per command: `justera help` lists them all, `justera <command> --help` its own. */
const COMMANDS: [name: string, usage: string][] = [
  ['start', `start                              run the local stack (API on 127.0.0.1:${process.env.JUSTERA_PORT ?? 3000}; JUSTERA_PORT changes it)`],
  ['parse', 'parse <file.pdf> [--json]          parse minutes and print the result'],
  [
    'upload',
    `upload <file.pdf> --body <slug>    put a draft into the bucket (--aws: the AWS bucket) and wait for its state;
                                     exit 1 when it ends REJECTED or NEEDS_ATTENTION (the reason is printed)`,
  ],
  ['status', "status <id>                        a protocol's state"],
  ['bodies', `bodies import <file.json>          import body directories (one object or an array)
  bodies list                        the body directories: slug, name, members`],
  ['route', 'route <id>                         send for adjustment (again), e.g. after fixing the directory'],
  [
    'fix',
    `fix <id> [--chair "…"] [--adjuster "…" …] [--date YYYY-MM-DD] [--place "…"] [--route]
                                     correct what the parser read; "Name <e-mail>" adds a new person`,
  ],
  ['remind', 'remind --now                       run the reminder round now'],
  [
    'verify',
    `verify <signed.pdf> [--api <url>] [--trust <cert.pem>] [--evidence [--bankid-roots <roots.pem>]]
                                     check the seal, whose key made it, and (--api) the record;
                                     --evidence (admin): each BankID signature's kept evidence
                                     against the audit page and BankID's roots;
                                     exit 0 OK, 1 rejected, 2 intact but no trust anchor given`,
  ],
  ['redrive', 'redrive                            re-drive messages that failed every retry'],
  ['reindex', 'reindex                            rebuild the word index of every published protocol (after an upgrade)'],
  [
    'seal-certificate',
    `seal-certificate --key-id <id> --organisation <name> [--name <CN>] [--country SE] [--days N]
                                     a self-signed certificate for the AWS seal key (PEM on stdout)
  seal-certificate import <chain.pem> [--key-id <id> [--out <file>]]
                                     check a CA-issued chain (leaf first) against the seal key and store it`,
  ],
  [
    'seal-csr',
    `seal-csr [--key-id <id>] --organisation <name> [--org-number <nr>] [--name <CN>] [--country SE]
                                     a certificate request (PKCS#10, PEM on stdout) for a CA; without
                                     --key-id for this machine's seal key`,
  ],
  [
    'bankid-sim',
    `bankid-sim sign <autostarttoken|orderRef> --personnummer <12 digits> --name "<name>"
  bankid-sim sign <autostarttoken|orderRef> --cancel
                                     play the BankID app against the local stack's simulator`,
  ],
  ['help', 'help [<command>]                   this text, or one command\'s'],
];

const REMOTE = 'Remote: --api <url> [--aws] talks to a deployed API (admin calls signed with the AWS environment).';
const USAGE = `justera <command>\n\n${COMMANDS.map(([, u]) => `  ${u}`).join('\n')}\n\n${REMOTE}`;

function usageOf(command: string): string | null {
  const entry = COMMANDS.find(([name]) => name === command);
  return entry ? `usage: justera …\n  ${entry[1]}` : null;
}

/** A mistyped flag: one line saying which, then the usage (of the command, when it is known). */
export class UsageError extends Error {
  constructor(message: string, readonly usage: string) {
    super(message);
  }
}

const out = (line: string) => process.stdout.write(`${line}\n`);

async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    if (!(error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw error;
    const command = argv.find((a) => !a.startsWith('-'));
    // Node's message names the flag and adds advice for "--" that does not apply here: keep the first sentence.
    throw new UsageError((error as Error).message.split('. ')[0]!.replace(/\.$/, ''), (command && usageOf(command)) ?? USAGE);
  }
  const { values, positionals } = parsed;
  return dispatch(values, positionals);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      body: { type: 'string' },
      aws: { type: 'boolean' },
      bucket: { type: 'string' },
      api: { type: 'string' },
      now: { type: 'boolean' },
      name: { type: 'string' },
      'key-id': { type: 'string' },
      trust: { type: 'string' },
      evidence: { type: 'boolean' },
      'bankid-roots': { type: 'string' },
      organisation: { type: 'string' },
      country: { type: 'string' },
      days: { type: 'string' },
      'org-number': { type: 'string' },
      out: { type: 'string' },
      'no-wait': { type: 'boolean' },
      chair: { type: 'string' },
      adjuster: { type: 'string', multiple: true },
      date: { type: 'string' },
      place: { type: 'string' },
      route: { type: 'boolean' },
      personnummer: { type: 'string' },
      cancel: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function dispatch(values: ReturnType<typeof parse>['values'], positionals: string[]): Promise<number> {
  const [command, ...rest] = positionals;
  const need = (what: string) => {
    if (!rest[0]) throw new CliError(`${command} needs ${what}`);
    return rest[0];
  };
  if (command === 'help' || (command && values.help)) {
    const wanted = command === 'help' ? rest[0] : command;
    if (!wanted) return out(USAGE), 0;
    const usage = usageOf(wanted);
    if (!usage) throw new UsageError(`unknown command "${wanted}"`, USAGE);
    out(usage);
    return 0;
  }
  if (!command) {
    out(USAGE);
    return values.help ? 0 : 1;
  }
  switch (command) {
    case 'start':
      return start();
    case 'parse':
      await parseCommand(need('a PDF file'), Boolean(values.json), out);
      return 0;
    case 'upload':
      return uploadCommand(need('a PDF file'), { ...values, wait: !values['no-wait'] }, out);
    case 'status':
      await statusCommand(need('a protocol id'), values, out);
      return 0;
    case 'bodies':
      if (rest[0] === 'list') {
        await bodiesListCommand(values, out);
        return 0;
      }
      if (rest[0] !== 'import' || !rest[1]) throw new UsageError(`bodies needs "import <file.json>" or "list"`, usageOf('bodies')!);
      await bodiesImportCommand(rest[1], values, out);
      return 0;
    case 'route':
      await routeCommand(need('a protocol id'), values, out);
      return 0;
    case 'fix':
      await fixCommand(need('a protocol id'), values, out);
      return 0;
    case 'remind':
      if (!values.now) throw new CliError('remind runs on a schedule; use "justera remind --now" to run the round now');
      await remindCommand(values, out);
      return 0;
    case 'verify':
      return verifyCommand(need('a signed PDF'), values, out);
    case 'reindex':
      await reindexCommand(values, out);
      return 0;
    case 'redrive':
      await redriveCommand(values, out);
      return 0;
    case 'seal-certificate':
      if (rest[0] !== 'import') await sealCertificateCommand(values, out);
      else if (!rest[1]) throw new UsageError('seal-certificate import needs the chain file (PEM, seal certificate first)', usageOf('seal-certificate')!);
      else await sealCertificateImportCommand(rest[1], values, out);
      return 0;
    case 'seal-csr':
      await sealCsrCommand(values, out);
      return 0;
    case 'bankid-sim':
      await bankIdSimCommand(rest[0], rest[1], values, out);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`, USAGE);
  }
}

async function start(): Promise<number> {
  const port = Number(process.env.JUSTERA_PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`JUSTERA_PORT must be a port number, not "${process.env.JUSTERA_PORT}"`);
  const stack = await startStack({ dataDir: dataDir(), port, samples: process.env.JUSTERA_SAMPLES !== '0', bankId: true, tsa: true, env: process.env.JUSTERA_TSA_URL ? { JUSTERA_TSA_URL: process.env.JUSTERA_TSA_URL } : undefined });
  out('');
  out(`Justera runs on ${stack.url}`);
  out(`  protocols     ${stack.url}/protocols`);
  out(`  notice board  ${stack.url}/anslagstavla`);
  out(`  mail outbox   ${stack.url}/outbox`);
  out(`  admin         Authorization: Bearer ${stack.adminToken}`);
  out(`  data          ${stack.dataDir}`);
  out(`  time stamps   ${stack.tsa ? `TSA simulator ${stack.tsa.url} (seals are PAdES B-LT)` : (stack.env.JUSTERA_TSA_URL ?? 'none')}`);
  if (stack.bankIdControlUrl) out(`  BankID        simulator; play the app with: npx justera bankid-sim sign <autostarttoken> --personnummer <12 digits> --name "<name>"`);
  out(`ready ${stack.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  out('stopping…');
  await stack.stop();
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`justera: ${error.message}\n\n${error.usage}\n`);
    else if (error instanceof CliError) process.stderr.write(`justera: ${error.message}\n`);
    else process.stderr.write(`justera: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);
