// Mail on one machine: into the outbox folder (one .eml plus a JSON summary
// that GET /outbox lists), or through an SMTP server when configured.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { headerSafe, nodemailerMailer } from '../../shared/adapters/mailer';
import type { LocalConfig } from '../../shared/config';
import type { OutboxEntry } from '../../shared/pages/outbox';
import type { MailMessage, Mailer } from '../../shared/ports';

async function intoOutbox(dir: string, message: MailMessage, raw: Buffer | undefined): Promise<void> {
  const date = new Date().toISOString();
  const id = `${date.replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
  const entry: OutboxEntry = {
    id,
    to: message.to,
    subject: headerSafe(message.subject),
    date,
    text: message.text,
    links: message.links,
    // The bytes stay in the .eml; the page only names them.
    ...(message.attachments?.length ? { attachments: message.attachments.map((a) => ({ filename: a.filename, size: a.content.byteLength })) } : {}),
  };
  await writeFile(join(dir, `${id}.eml`), raw ?? '');
  // The summary last and atomically: the outbox lists a message once it is complete.
  const tmp = join(dir, `.${id}.tmp`);
  await writeFile(tmp, JSON.stringify(entry));
  await rename(tmp, join(dir, `${id}.json`));
}

export function localMailer(config: LocalConfig, outboxDir: string): Mailer {
  const from = config.JUSTERA_MAIL_FROM;
  if (config.JUSTERA_MAIL_TRANSPORT === 'smtp') return nodemailerMailer(() => Promise.resolve(nodemailer.createTransport(config.JUSTERA_SMTP_URL!)), { from });
  mkdirSync(outboxDir, { recursive: true });
  return nodemailerMailer(() => Promise.resolve(nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })), {
    from,
    sent: (message, raw) => intoOutbox(outboxDir, message, raw),
  });
}
