// The SES v2 simulator through the real SESv2Client: what the production
// mailer sends lands in the outbox as sent, and what SES refuses comes back as
// the SDK's BadRequestException with SES's message.
import { BadRequestException, SendEmailCommand, SESv2Client, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDelivery } from '../../infra/local/mail';
import { startSesSimulator, type RunningSesSimulator } from '../../infra/local/ses-simulator';
import { LOCAL_CREDENTIALS } from '../../shared/adapters/clients';
import { sesApiMailer } from '../../shared/adapters/mailer';
import type { OutboxEntry } from '../../shared/pages/outbox';

let dir: string;
let ses: RunningSesSimulator;
let client: SESv2Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'justera-ses-'));
  ses = await startSesSimulator(localDelivery({ transport: 'outbox', dir }));
  client = new SESv2Client({ region: 'eu-north-1', endpoint: ses.endpoint, credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  client.destroy();
  await ses.close();
  await rm(dir, { recursive: true, force: true });
});

/** RFC 2047 encoded words (B and Q) back to text. */
function decodeWords(header: string): string {
  return header.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

/** The header section of an .eml, long lines unfolded. */
function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split('\n\n')[0]!.replace(/\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1];
}

describe('the SES v2 simulator', () => {
  it('puts what the mailer sent into the outbox: subject, from, to, reply-to, headers, links and attachment', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7 förseglad');
    const mailer = sesApiMailer({ region: 'eu-north-1', from: 'Justera <justera@example.se>', configurationSet: 'justera-test', endpoint: ses.endpoint, credentials: LOCAL_CREDENTIALS });
    await mailer.send({
      to: 'ordforande@example.se',
      subject: 'Justering: Kommunstyrelsen – sammanträde 2026-11-10 (§§ 1–9, Göteborg, Älvdalen)',
      text: 'Öppna länken:\nhttp://127.0.0.1:3000/sign/abc?x=1&y=2',
      html: '<p>Öppna</p><p><a href="http://127.0.0.1:3000/sign/abc?x=1&amp;y=2">Justera</a></p>',
      links: ['http://127.0.0.1:3000/sign/abc?x=1&y=2'],
      replyTo: 'sekreterare@example.se',
      headers: { 'List-Unsubscribe': '<http://127.0.0.1:3000/prenumeration/avsluta/tok>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      attachments: [{ filename: 'p1.pdf', contentType: 'application/pdf', content: pdf }],
    });
    const names = readdirSync(dir);
    const summary = names.find((n) => n.endsWith('.json'))!;
    const entry = JSON.parse(readFileSync(join(dir, summary), 'utf8')) as OutboxEntry;
    expect(entry).toMatchObject({
      to: 'ordforande@example.se',
      subject: 'Justering: Kommunstyrelsen – sammanträde 2026-11-10 (§§ 1–9, Göteborg, Älvdalen)',
      text: 'Öppna länken:\nhttp://127.0.0.1:3000/sign/abc?x=1&y=2',
      links: ['http://127.0.0.1:3000/sign/abc?x=1&y=2'],
      attachments: [{ filename: 'p1.pdf', size: pdf.byteLength }],
    });
    expect(names).not.toContainEqual(expect.stringMatching(/\.tmp$/));
    const raw = readFileSync(join(dir, `${entry.id}.eml`), 'utf8');
    expect(decodeWords(headerOf(raw, 'Subject')!)).toBe(entry.subject);
    expect(headerOf(raw, 'From')).toBe('Justera <justera@example.se>');
    expect(headerOf(raw, 'To')).toBe('ordforande@example.se');
    expect(headerOf(raw, 'Reply-To')).toBe('sekreterare@example.se');
    expect(headerOf(raw, 'List-Unsubscribe')).toBe('<http://127.0.0.1:3000/prenumeration/avsluta/tok>');
    expect(headerOf(raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(headerOf(raw, 'Message-ID')).toMatch(/@email\.amazonses\.com>$/);
    const part = raw.split(/\n--/).find((p) => /^Content-Type: application\/pdf/im.test(p))!;
    expect(part).toMatch(/^Content-Disposition: attachment; filename=p1\.pdf$/m);
    expect(Buffer.from(part.slice(part.indexOf('\n\n') + 2).replace(/\s+/g, ''), 'base64')).toEqual(Buffer.from(pdf));
  });

  it('answers with the MessageId of what it accepted', async () => {
    const out = await client.send(new SendEmailCommand(simple()));
    expect(out.MessageId).toMatch(/^[0-9a-f]{16}-[0-9a-f-]{36}-[0-9a-f]{6}$/);
  });

  const refusals: [string, SendEmailCommandInput, string][] = [
    // SES answers {"message":null} here; the SDK calls that UnknownError.
    ['a Simple message without FromEmailAddress', { ...simple(), FromEmailAddress: undefined }, 'UnknownError'],
    ['no recipient', { ...simple(), Destination: { ToAddresses: [] } }, "Missing required header 'To'."],
    ['51 recipients', { ...simple(), Destination: { ToAddresses: Array.from({ length: 40 }, (_, i) => `a${i}@example.se`), BccAddresses: Array.from({ length: 11 }, (_, i) => `b${i}@example.se`) } }, 'Recipient count exceeds 50.'],
    ['no content', { ...simple(), Content: undefined }, "1 validation error detected: Value at 'content' failed to satisfy constraint: Member must not be null"],
    ['no subject', withSimple({ Subject: undefined }), "1 validation error detected: Value at 'content.simple.subject' failed to satisfy constraint: Member must not be null"],
    ['a header SES writes itself', withSimple({ Headers: [{ Name: 'Reply-To', Value: 'x@example.se' }] }), 'Header Reply-To is not allowed in Simple content.'],
    ['a header value outside printable ASCII', withSimple({ Headers: [{ Name: 'X-Namn', Value: 'Åsa' }] }), "1 validation error detected: Value 'Åsa' at 'content.simple.headers.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [ -~]*"],
    ['16 headers', withSimple({ Headers: Array.from({ length: 16 }, (_, i) => ({ Name: `X-H${i}`, Value: 'v' })) }), "1 validation error detected: Value at 'content.simple.headers' failed to satisfy constraint: Member must have length less than or equal to 15"],
    ['an attachment of a refused type', withSimple({ Attachments: [{ FileName: 'run.exe', RawContent: new Uint8Array([1]) }] }), 'Attachment file type .exe is not supported.'],
    ['an attachment name over 255 characters', withSimple({ Attachments: [{ FileName: `${'a'.repeat(252)}.pdf`, RawContent: new Uint8Array([1]) }] }), `1 validation error detected: Value '${'a'.repeat(252)}.pdf' at 'content.simple.attachments.1.member.fileName' failed to satisfy constraint: Member must have length less than or equal to 255`],
  ];

  it.each(refusals)('refuses %s with BadRequestException and its message', async (_, input, message) => {
    const error = await client.send(new SendEmailCommand(input)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).$metadata.httpStatusCode).toBe(400);
    expect((error as BadRequestException).message).toBe(message);
  });

  it('refuses a message over 40 MB once built (base64 makes a 31 MB attachment 42 MB)', async () => {
    const before = readdirSync(dir).length;
    const big = withSimple({ Attachments: [{ FileName: 'stor.pdf', ContentType: 'application/pdf', RawContent: new Uint8Array(31 * 1024 * 1024) }] });
    const error = await client.send(new SendEmailCommand(big)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).message).toMatch(/^Message length is more than 41943040 bytes long: '\d+'\.$/);
    expect(readdirSync(dir)).toHaveLength(before);
  }, 60_000);
});

function simple(): SendEmailCommandInput {
  return {
    FromEmailAddress: 'justera@example.se',
    Destination: { ToAddresses: ['a@example.se'] },
    Content: { Simple: { Subject: { Data: 'Hej', Charset: 'UTF-8' }, Body: { Text: { Data: 'Text', Charset: 'UTF-8' } } } },
  };
}

function withSimple(change: Record<string, unknown>): SendEmailCommandInput {
  const input = simple();
  return { ...input, Content: { Simple: { ...input.Content!.Simple!, ...change } as NonNullable<NonNullable<SendEmailCommandInput['Content']>['Simple']> } };
}
