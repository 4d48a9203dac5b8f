import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { headerSafe, sesApiMailer } from '../../../shared/adapters/mailer';
import { LOCAL_CREDENTIALS } from '../../../shared/adapters/clients';
import { startSesSimulator, type AcceptedMail } from '../../../infra/local/ses-simulator';
import { linksOf } from '../../../infra/local/mail';
import type { BodyDirectory, NoticeRecord, ProtocolRecord, SignerRecord } from '../../../shared/domain/records';
import { changesRequested, confirmToSecretary, invitation, problemToSecretary, receipt, routedToSecretary } from '../../../shared/mail/messages';

const hostile = 'Eva <script>alert(1)</script>\r\nBcc: everyone@example.com\u202e';
const p = { id: 'p1', body: 'ks', bodyName: `Nämnd "${hostile}"`, date: '2026-11-10' } as ProtocolRecord;
const s = { name: hostile, email: 'x@example.se', role: 'justerare', expiresAt: '2026-11-24T22:59:59.999Z' } as SignerRecord;

describe('mail built from PDF values', () => {
  const message = invitation({ protocol: p, signer: s, link: 'http://127.0.0.1:3000/sign/abc', secretary: hostile });

  it('escapes every value in the HTML part', () => {
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;');
  });

  it('cannot inject headers through the subject', async () => {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const info = (await transport.sendMail({ from: 'a@example.se', to: message.to, subject: headerSafe(message.subject), text: message.text })) as unknown as { message: Buffer };
    const headers = info.message.toString('utf8').split('\n\n')[0]!;
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(headerSafe(message.subject)).not.toMatch(/[\r\n\u202e]/);
  });

  it('answers go to the secretary when the body has one', () => {
    expect(invitation({ protocol: p, signer: s, link: 'http://127.0.0.1:3000/sign/abc', secretary: 'Eva', replyTo: 'sekr@example.se' }).replyTo).toBe('sekr@example.se');
    expect(message.replyTo).toBeUndefined();
  });

  it('has the subject, role, deadline, link and an English line', () => {
    expect(message.subject).toContain('Justering: ');
    expect(message.text).toContain('som justerare');
    expect(message.text).toContain('2026-11-24 23:59 CET');
    expect(message.links).toEqual(['http://127.0.0.1:3000/sign/abc']);
    expect(message.text).toContain('In English');
    // The English line links to the English page.
    expect(message.text).toContain('The page in English: http://127.0.0.1:3000/sign/abc?lang=en');
    expect(message.text).toContain('Om det inte var avsett för dig');
  });
});

describe("mail to the secretary carries the secretary's page", () => {
  const link = 'http://127.0.0.1:3000/secretary/q3Jk9xT2mP7vW4sN8bR1cY6hL0dF5gA3eZ2uI9oK7tM';
  const protocol = { ...p, source: { key: 'drafts/ks/p.pdf' }, status: 'NEEDS_ATTENTION', warnings: [], itemCount: 3, decisionCount: 1, deadline: null } as unknown as ProtocolRecord;
  const reason = { code: 'SIGNERS_UNRESOLVED', sv: 'Protokollet anger ingen justerare.', en: 'No adjuster.' };

  it('needs attention, changes requested, confirm first, sent for adjustment: each with the link', () => {
    expect(problemToSecretary(protocol, 'sekr@example.se', reason, [], link).links).toEqual([link]);
    expect(changesRequested(protocol, 'sekr@example.se', s, 'fel', link).links).toEqual([link]);
    expect(confirmToSecretary(protocol, 'sekr@example.se', ['Anna Berglund (ordförande)'], link).links).toEqual([link]);
    const chair = { ...s, name: 'Anna Berglund', role: 'ordförande', origin: 'directory', status: 'pending' } as SignerRecord;
    const routed = routedToSecretary(protocol, { secretary: { email: 'sekr@example.se' } } as BodyDirectory, [chair], link);
    expect(routed.links).toEqual([link]);
    expect(routed.text).toContain('Anna Berglund (ordförande, enligt katalogen)');
    expect(routed.text).toContain('Protokollet anger ingen ordförande, så länken gick till katalogens ordförande, Anna Berglund.');
  });

  it('the operator (no directory) gets the problem without a link', () => {
    const message = problemToSecretary(protocol, 'drift@example.se', reason, ['Importera katalogen.']);
    expect(message.links).toEqual([]);
    expect(message.text).toContain('Så här åtgärdar du det:');
  });
});

describe('the receipt after publication', () => {
  const published = { ...p, kind: 'protokoll', signedSha256: 'ab'.repeat(32) } as ProtocolRecord;
  const notice = { adjustedOn: '2026-11-20', postedOn: '2026-11-21', appealEndsOn: '2026-12-14', pdfUrl: 'http://127.0.0.1:3000/protocols/p1/pdf' } as NoticeRecord;
  const base = { protocol: published, notice, to: 'x@example.se', replyTo: 'sekr@example.se', pdfUrl: notice.pdfUrl, boardUrl: 'http://127.0.0.1:3000/anslagstavla' };

  it('attaches the signed PDF and states the notice, the last day to appeal and the board', () => {
    const message = receipt({ ...base, pdf: new Uint8Array([37, 80, 68, 70]) });
    expect(message.attachments).toEqual([{ filename: 'p1.pdf', contentType: 'application/pdf', content: new Uint8Array([37, 80, 68, 70]) }]);
    expect(message.text).toContain('Anslaget: 2026-11-21');
    expect(message.text).toContain('Sista dag att överklaga: 2026-12-14');
    expect(message.text).toContain('Anslagstavla: http://127.0.0.1:3000/anslagstavla');
    expect(message.text).toContain('bifogas som PDF');
    expect(message.replyTo).toBe('sekr@example.se');
  });

  it('sends a link instead when the file is too large, and no "do not forward" footer for a public link', () => {
    const message = receipt({ ...base, pdf: null });
    expect(message.attachments).toBeUndefined();
    expect(message.text).toContain('för stor för att bifogas');
    expect(message.links).toEqual([notice.pdfUrl]);
    expect(message.text).not.toContain('vidarebefordra inte länken');
  });

  it('calls minnesanteckningar by their name', () => {
    const message = receipt({ ...base, protocol: { ...published, kind: 'minnesanteckningar' }, pdf: null });
    expect(message.text).toContain('Minnesanteckningarna från');
    expect(message.text).not.toMatch(/protokoll/i);
  });

  it('goes through SES v2 with the attachment and Reply-To in the message SES builds', async () => {
    const sent: AcceptedMail[] = [];
    const ses = await startSesSimulator(async (mail) => void sent.push(mail));
    try {
      const mailer = sesApiMailer({ region: 'eu-north-1', from: 'justera@example.se', endpoint: ses.endpoint, credentials: LOCAL_CREDENTIALS });
      await mailer.send(receipt({ ...base, pdf: new TextEncoder().encode('%PDF-1.7 sealed') }));
    } finally {
      await ses.close();
    }
    const raw = sent[0]!.raw.toString('utf8');
    expect(raw).toMatch(/^Reply-To: sekr@example\.se$/m);
    expect(raw).toMatch(/Content-Type: application\/pdf; name=p1\.pdf/);
    expect(raw).toContain(Buffer.from('%PDF-1.7 sealed').toString('base64'));
  });
});

describe('links as the outbox reads them', () => {
  it('are the anchors of the HTML part, in order, entities decoded: the links the message names', () => {
    const link = 'http://127.0.0.1:3000/sign/abc?x=1&y=\'2\'';
    const message = invitation({ protocol: p, signer: s, link, secretary: hostile });
    expect(message.html).toContain('x=1&amp;y=&#39;2&#39;');
    expect(linksOf(message.html)).toEqual(message.links);
    expect(linksOf(message.html)).toEqual([link]);
  });
});
