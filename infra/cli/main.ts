// justera <command>: the local stack and the tools around it. Exit code 0 on
// success, 1 with a one-line reason otherwise.
import { parseArgs } from 'node:util';
import { startStack } from '../local/stack';
import { bankIdSimCommand } from './bankid-sim';
import { bodiesImportCommand, fixCommand, parseCommand, redriveCommand, remindCommand, routeCommand, sealCertificateCommand, statusCommand, uploadCommand, verifyCommand } from './commands';
import { CliError, dataDir } from './target';

const USAGE = `justera <command>

  start                              run the local stack (API on 127.0.0.1:3000)
  parse <file.pdf> [--json]          parse minutes and print the result
  upload <file.pdf> --body <slug>    put a draft into the bucket (--aws: the AWS bucket)
  status <id>                        a protocol's state
  bodies import <file.json>          import body directories (one object or an array)
  route <id>                         send for adjustment (again), e.g. after fixing the directory
  fix <id> [--chair "…"] [--adjuster "…" …] [--date YYYY-MM-DD] [--place "…"] [--route]
                                     correct what the parser read; "Name <e-mail>" adds a new person
  remind --now                       run the reminder round now
  verify <signed.pdf> [--api <url>] [--trust <cert.pem>]
                                     check the seal, whose key made it, and (--api) the record;
                                     exit 0 OK, 1 rejected, 2 intact but no trust anchor given
  redrive                            re-drive messages that failed every retry
  seal-certificate --key-id <id> --organisation <name> [--name <CN>] [--country SE] [--days N]
                                     a self-signed certificate for the AWS seal key (PEM on stdout)
  bankid-sim sign <autostarttoken|orderRef> --personnummer <12 digits> --name "<name>"
  bankid-sim sign <autostarttoken|orderRef> --cancel
                                     play the BankID app against the local stack's simulator

Remote: --api <url> [--aws] talks to a deployed API (admin calls signed with the AWS environment).`;

const out = (line: string) => process.stdout.write(`${line}\n`);

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
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
      organisation: { type: 'string' },
      country: { type: 'string' },
      days: { type: 'string' },
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
  const [command, ...rest] = positionals;
  const need = (what: string) => {
    if (!rest[0]) throw new CliError(`${command} needs ${what}`);
    return rest[0];
  };
  if (!command || values.help) {
    out(USAGE);
    return command || values.help ? 0 : 1;
  }
  switch (command) {
    case 'start':
      return start();
    case 'parse':
      await parseCommand(need('a PDF file'), Boolean(values.json), out);
      return 0;
    case 'upload':
      await uploadCommand(need('a PDF file'), { ...values, wait: !values['no-wait'] }, out);
      return 0;
    case 'status':
      await statusCommand(need('a protocol id'), values, out);
      return 0;
    case 'bodies':
      if (rest[0] !== 'import' || !rest[1]) throw new CliError('usage: justera bodies import <file.json>');
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
    case 'redrive':
      await redriveCommand(values, out);
      return 0;
    case 'seal-certificate':
      await sealCertificateCommand(values, out);
      return 0;
    case 'bankid-sim':
      await bankIdSimCommand(rest[0], rest[1], values, out);
      return 0;
    default:
      throw new CliError(`unknown command "${command}" (justera --help lists them)`);
  }
}

async function start(): Promise<number> {
  const port = Number(process.env.JUSTERA_PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`JUSTERA_PORT must be a port number, not "${process.env.JUSTERA_PORT}"`);
  const stack = await startStack({ dataDir: dataDir(), port, samples: process.env.JUSTERA_SAMPLES !== '0', bankId: true });
  out('');
  out(`Justera runs on ${stack.url}`);
  out(`  protocols     ${stack.url}/protocols`);
  out(`  notice board  ${stack.url}/anslagstavla`);
  out(`  mail outbox   ${stack.url}/outbox`);
  out(`  admin         Authorization: Bearer ${stack.adminToken}`);
  out(`  data          ${stack.dataDir}`);
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
    if (error instanceof CliError) process.stderr.write(`justera: ${error.message}\n`);
    else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) process.stderr.write(`justera: ${(error as Error).message}\n`);
    else process.stderr.write(`justera: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);
