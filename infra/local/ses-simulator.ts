// Amazon SES v2 on loopback, for tests and one machine: the REST-JSON
// SendEmail operation (POST /v2/email/outbound-emails) with Simple content,
// as Justera calls it, with SES's validation and error shapes. Like SES it
// builds the MIME message itself (nodemailer's MailComposer, which therefore
// stays out of the function bundles) and hands it on to a delivery: the
// outbox folder or an SMTP server (infra/local/mail.ts). The production
// mailer (shared/adapters/mailer.ts) talks to it through the real SESv2Client
// pointed at its endpoint, and does not know it is not SES.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { SesError, validateSendEmail, type SimpleEmail } from './ses-validation';

/** One message SES accepted, as built and as asked for. */
export interface AcceptedMail extends SimpleEmail {
  messageId: string;
  /** The MIME message (LF line ends, as the outbox keeps it). */
  raw: Buffer;
}

export type Delivery = (mail: AcceptedMail) => Promise<void>;

export interface RunningSesSimulator {
  endpoint: string;
  close(): Promise<void>;
}

/** SES refuses a message over 40 MB once built (the documented limit, attachments included). */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;
/** Base64 in JSON makes the request a third larger than the message; past this the simulator stops reading. */
const MAX_REQUEST_BYTES = Math.ceil((MAX_MESSAGE_BYTES * 4) / 3) + 1024 * 1024;

/** The MIME message SES would send: multipart/alternative text and HTML, attachments beside them. */
async function compose(mail: SimpleEmail, messageId: string): Promise<Buffer> {
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    ...(mail.cc.length ? { cc: mail.cc } : {}),
    ...(mail.replyTo.length ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    ...(mail.text !== undefined ? { text: mail.text } : {}),
    ...(mail.html !== undefined ? { html: mail.html } : {}),
    headers: mail.headers.map((h) => ({ key: h.name, value: h.value })),
    attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, contentDisposition: a.disposition })),
    messageId: `<${messageId}@email.amazonses.com>`,
    // MimeNode's option, which the composer passes on (its types name only the message's fields).
    ...{ newline: 'unix' },
  });
  return composer.compile().build();
}

/** The request body, or null when it is over the limit (read to its end all the same, so the client gets the answer). */
async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= MAX_REQUEST_BYTES) chunks.push(chunk as Buffer);
  }
  return size <= MAX_REQUEST_BYTES ? Buffer.concat(chunks) : null;
}

async function handle(request: IncomingMessage, response: ServerResponse, deliver: Delivery): Promise<void> {
  const answer = (status: number, body: unknown, type?: string) => {
    response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), ...(type ? { 'x-amzn-errortype': type } : {}) });
    response.end(JSON.stringify(body));
  };
  try {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'POST' || path !== '/v2/email/outbound-emails') return answer(404, { message: null }, 'UnknownOperationException');
    if (!String(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 '))
      return answer(403, { message: 'Missing Authentication Token' }, 'MissingAuthenticationTokenException');
    const body = await readBody(request);
    if (!body) return answer(413, { message: 'Request entity too large' }, 'BadRequestException');
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8') || '{}');
    } catch {
      throw new SesError('BadRequestException', 'Could not parse request body into json');
    }
    const mail = validateSendEmail(input);
    // SES's message ids: a time-ordered hex prefix, a UUID and a suffix.
    const messageId = `${Date.now().toString(16).padStart(16, '0')}-${randomUUID()}-${randomBytes(3).toString('hex')}`;
    const raw = await compose(mail, messageId);
    if (raw.length > MAX_MESSAGE_BYTES) throw new SesError('BadRequestException', `Message length is more than ${MAX_MESSAGE_BYTES} bytes long: '${raw.length}'.`);
    await deliver({ ...mail, messageId, raw });
    answer(200, { MessageId: messageId });
  } catch (error) {
    if (error instanceof SesError) answer(400, { message: error.detail }, error.type);
    else answer(500, { message: (error as Error).message }, 'InternalFailure');
  }
}

/** `unref`: the server and its connections do not keep the process alive (a runtime's own simulator, never closed). */
export async function startSesSimulator(deliver: Delivery, options: { port?: number; unref?: boolean } = {}): Promise<RunningSesSimulator> {
  const server = createServer((request, response) => void handle(request, response, deliver));
  if (options.unref) {
    server.unref();
    server.on('connection', (socket) => socket.unref());
  }
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}
