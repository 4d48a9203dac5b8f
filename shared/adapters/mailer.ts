// Mail through nodemailer: SES (v2) on AWS, SMTP when configured, and on one
// machine an outbox folder with one .eml per message plus a JSON summary that
// GET /outbox lists.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config';
import type { MailMessage, Mailer } from '../ports';

export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  date: string;
  text: string;
  links: string[];
}

/** Names come from uploaded PDFs: no control character may reach a header. */
export function headerSafe(value: string): string {
  return value.replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ').trim();
}

async function transporterFor(config: Config): Promise<Transporter> {
  switch (config.JUSTERA_MAIL_TRANSPORT) {
    case 'smtp':
      if (!config.JUSTERA_SMTP_URL) throw new Error('JUSTERA_SMTP_URL is required with JUSTERA_MAIL_TRANSPORT=smtp');
      return nodemailer.createTransport(config.JUSTERA_SMTP_URL);
    case 'ses': {
      const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
      return nodemailer.createTransport({ SES: { sesClient: new SESv2Client({ region: config.AWS_REGION }), SendEmailCommand } });
    }
    default:
      return nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }
}

export function nodemailerMailer(config: Config): Mailer {
  let transporter: Promise<Transporter> | undefined;
  const outbox = config.JUSTERA_MAIL_TRANSPORT === 'outbox' ? (config.JUSTERA_OUTBOX_DIR ?? '.justera/outbox') : null;
  if (outbox) mkdirSync(outbox, { recursive: true });

  return {
    async send(message: MailMessage) {
      transporter ??= transporterFor(config);
      const info = (await (
        await transporter
      ).sendMail({
        from: config.JUSTERA_MAIL_FROM,
        to: message.to,
        subject: headerSafe(message.subject),
        text: message.text,
        html: message.html,
        ...(config.JUSTERA_SES_CONFIGURATION_SET ? { ses: { ConfigurationSetName: config.JUSTERA_SES_CONFIGURATION_SET } } : {}),
      })) as { message?: Buffer };
      if (!outbox) return;
      const date = new Date().toISOString();
      const id = `${date.replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
      const entry: OutboxEntry = { id, to: message.to, subject: headerSafe(message.subject), date, text: message.text, links: message.links };
      await writeFile(join(outbox, `${id}.eml`), info.message ?? '');
      // The summary last and atomically: the outbox lists a message once it is complete.
      const tmp = join(outbox, `.${id}.tmp`);
      await writeFile(tmp, JSON.stringify(entry));
      await rename(tmp, join(outbox, `${id}.json`));
    },
  };
}
