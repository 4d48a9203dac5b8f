// Mail through SES v2's own API (SendEmail with Simple content): SES builds
// the MIME message, so no MIME library travels in a function bundle. The
// local runtime points the same mailer at its SES simulator
// (infra/local/ses-simulator.ts) through JUSTERA_SES_ENDPOINT.
import type { SendEmailCommandInput, SESv2Client } from '@aws-sdk/client-sesv2';
import type { AwsConfig } from '../config';
import type { MailMessage, Mailer } from '../ports';

/** Names come from uploaded PDFs: no control character may reach a header. */
export function headerSafe(value: string): string {
  return value.replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ').trim();
}

export interface SesMailerSettings {
  region: string;
  from: string;
  configurationSet?: string;
  /** Unset on AWS (the regional endpoint); the local SES simulator's URL on one machine. */
  endpoint?: string;
  /** Unset on AWS (the function's role); the simulator accepts any. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const UTF8 = 'UTF-8';

/** The SendEmail request for one message: Simple content, SES writes the MIME. */
export function sendEmailInput(message: MailMessage, settings: Pick<SesMailerSettings, 'from' | 'configurationSet'>): SendEmailCommandInput {
  const headers = Object.entries(message.headers ?? {}).map(([name, value]) => ({ Name: headerSafe(name), Value: headerSafe(value) }));
  const attachments = (message.attachments ?? []).map((a) => ({
    FileName: headerSafe(a.filename),
    ContentType: a.contentType,
    ContentDisposition: 'ATTACHMENT' as const,
    RawContent: a.content,
  }));
  return {
    FromEmailAddress: settings.from,
    Destination: { ToAddresses: [message.to] },
    ...(message.replyTo ? { ReplyToAddresses: [headerSafe(message.replyTo)] } : {}),
    Content: {
      Simple: {
        Subject: { Data: headerSafe(message.subject), Charset: UTF8 },
        Body: { Text: { Data: message.text, Charset: UTF8 }, Html: { Data: message.html, Charset: UTF8 } },
        ...(headers.length ? { Headers: headers } : {}),
        ...(attachments.length ? { Attachments: attachments } : {}),
      },
    },
    ...(settings.configurationSet ? { ConfigurationSetName: settings.configurationSet } : {}),
  };
}

/** A mailer over SES v2; the client is made (and its module loaded) on the first message. */
export function sesApiMailer(settings: SesMailerSettings): Mailer {
  let client: Promise<{ ses: SESv2Client; SendEmailCommand: typeof import('@aws-sdk/client-sesv2').SendEmailCommand }> | undefined;
  return {
    async send(message: MailMessage) {
      client ??= import('@aws-sdk/client-sesv2').then(({ SESv2Client, SendEmailCommand }) => ({
        ses: new SESv2Client({
          region: settings.region,
          ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
          ...(settings.credentials ? { credentials: settings.credentials } : {}),
        }),
        SendEmailCommand,
      }));
      const { ses, SendEmailCommand } = await client;
      await ses.send(new SendEmailCommand(sendEmailInput(message, settings)));
    },
  };
}

export function sesMailer(config: AwsConfig): Mailer {
  return sesApiMailer({
    region: config.AWS_REGION,
    from: config.JUSTERA_MAIL_FROM,
    configurationSet: config.JUSTERA_SES_CONFIGURATION_SET,
    endpoint: config.JUSTERA_SES_ENDPOINT,
  });
}
