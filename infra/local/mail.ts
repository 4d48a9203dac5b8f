// Mail on one machine: the handlers send through the same SES v2 mailer as on
// AWS, to the SES simulator, which delivers into the outbox folder (one .eml
// plus a JSON summary that GET /outbox lists) or to an SMTP server when
// configured. The stack runs one simulator for all its functions and names it
// in JUSTERA_SES_ENDPOINT; a runtime without one (tests that build the
// runtime alone) starts its own on the first message.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { LOCAL_CREDENTIALS } from '../../shared/adapters/clients';
import { sesApiMailer } from '../../shared/adapters/mailer';
import type { LocalConfig } from '../../shared/config';
import type { OutboxEntry } from '../../shared/pages/outbox';
import type { Mailer } from '../../shared/ports';
import { startSesSimulator, type AcceptedMail, type Delivery, type RunningSesSimulator } from './ses-simulator';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`' };

/** The links of a message as a mail reader shows them: the href of each anchor of the HTML part, in order. */
export function linksOf(html: string | undefined): string[] {
  return [...(html ?? '').matchAll(/<a\s[^>]*?href="([^"]*)"/gi)].map((m) => m[1]!.replace(/&(amp|lt|gt|quot|#39|#96);/g, (_, e: string) => ENTITIES[e]!));
}

async function intoOutbox(dir: string, mail: AcceptedMail): Promise<void> {
  const date = new Date().toISOString();
  const id = `${date.replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
  const entry: OutboxEntry = {
    id,
    to: mail.to.join(', '),
    subject: mail.subject,
    date,
    text: mail.text ?? '',
    links: linksOf(mail.html),
    // The bytes stay in the .eml; the page only names them.
    ...(mail.attachments.length ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, size: a.content.byteLength })) } : {}),
  };
  await writeFile(join(dir, `${id}.eml`), mail.raw);
  // The summary last and atomically: the outbox lists a message once it is complete.
  const tmp = join(dir, `.${id}.tmp`);
  await writeFile(tmp, JSON.stringify(entry));
  await rename(tmp, join(dir, `${id}.json`));
}

/** Where the simulator puts what it accepted: the outbox folder, or an SMTP server. */
export function localDelivery(mail: { transport: 'outbox'; dir: string } | { transport: 'smtp'; url: string }): Delivery {
  if (mail.transport === 'smtp') {
    const transport = nodemailer.createTransport(mail.url);
    return async (accepted) => {
      await transport.sendMail({ envelope: { from: accepted.from, to: [...accepted.to, ...accepted.cc, ...accepted.bcc] }, raw: accepted.raw });
    };
  }
  mkdirSync(mail.dir, { recursive: true });
  return (accepted) => intoOutbox(mail.dir, accepted);
}

function deliveryOf(config: LocalConfig, outboxDir: string): Delivery {
  return localDelivery(config.JUSTERA_MAIL_TRANSPORT === 'smtp' ? { transport: 'smtp', url: config.JUSTERA_SMTP_URL! } : { transport: 'outbox', dir: outboxDir });
}

/** One simulator per outbox for runtimes the stack did not start; it never keeps the process alive. */
const ownSimulators = new Map<string, Promise<RunningSesSimulator>>();

function ownSimulator(config: LocalConfig, outboxDir: string): Promise<RunningSesSimulator> {
  const key = `${config.JUSTERA_MAIL_TRANSPORT} ${config.JUSTERA_SMTP_URL ?? outboxDir}`;
  let simulator = ownSimulators.get(key);
  if (!simulator) ownSimulators.set(key, (simulator = startSesSimulator(deliveryOf(config, outboxDir), { unref: true })));
  return simulator;
}

export function localMailer(config: LocalConfig, outboxDir: string): Mailer {
  let mailer: Promise<Mailer> | undefined;
  const make = async () =>
    sesApiMailer({
      region: config.AWS_REGION,
      from: config.JUSTERA_MAIL_FROM,
      configurationSet: config.JUSTERA_SES_CONFIGURATION_SET,
      endpoint: config.JUSTERA_SES_ENDPOINT ?? (await ownSimulator(config, outboxDir)).endpoint,
      credentials: LOCAL_CREDENTIALS,
    });
  return {
    async send(message) {
      await (await (mailer ??= make())).send(message);
    },
  };
}
