// Mail through nodemailer. On AWS the transport is SES (v2); the local
// runtime hands its own transport (an outbox folder or SMTP) to the same
// mailer (infra/local/mail.ts), so both build the message alike.
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { AwsConfig } from '../config';
import type { MailMessage, Mailer } from '../ports';

/** Names come from uploaded PDFs: no control character may reach a header. */
export function headerSafe(value: string): string {
  return value.replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ').trim();
}

export interface MailerOptions {
  from: string;
  sesConfigurationSet?: string;
  /** After a message went out: its raw bytes when the transport keeps them (the local outbox). */
  sent?: (message: MailMessage, raw: Buffer | undefined) => Promise<void>;
}

/** A mailer over a nodemailer transport, made on the first message. */
export function nodemailerMailer(makeTransport: () => Promise<Transporter>, options: MailerOptions): Mailer {
  let transporter: Promise<Transporter> | undefined;
  return {
    async send(message: MailMessage) {
      transporter ??= makeTransport();
      const info = (await (
        await transporter
      ).sendMail({
        from: options.from,
        to: message.to,
        subject: headerSafe(message.subject),
        text: message.text,
        html: message.html,
        ...(message.replyTo ? { replyTo: headerSafe(message.replyTo) } : {}),
        ...(message.headers ? { headers: Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [headerSafe(k), headerSafe(v)])) } : {}),
        // Raw MIME on every transport (SES v2 sends it as Content.Raw), so attachments need nothing more.
        ...(message.attachments?.length
          ? { attachments: message.attachments.map((a) => ({ filename: headerSafe(a.filename), contentType: a.contentType, content: Buffer.from(a.content) })) }
          : {}),
        ...(options.sesConfigurationSet ? { ses: { ConfigurationSetName: options.sesConfigurationSet } } : {}),
      })) as { message?: Buffer };
      await options.sent?.(message, info.message);
    },
  };
}

export function sesMailer(config: AwsConfig): Mailer {
  return nodemailerMailer(
    async () => {
      const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
      return nodemailer.createTransport({ SES: { sesClient: new SESv2Client({ region: config.AWS_REGION }), SendEmailCommand } });
    },
    { from: config.JUSTERA_MAIL_FROM, sesConfigurationSet: config.JUSTERA_SES_CONFIGURATION_SET },
  );
}
