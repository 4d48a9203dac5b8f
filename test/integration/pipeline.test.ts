// The whole flow through the local runtime on real dynalite and s3rver: a
// draft in the bucket → parsed → mails with personal links → both sign →
// ADJUSTED → stamped and sealed → PUBLISHED with a notice.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySealedPdf } from '../../shared/seal/verify';
import { fixture, mellansverige, postSign, startTestStack, type Mail, type ProtocolView, type TestStack } from '../helpers/stack';

let t: TestStack;
const KEY = 'drafts/samverkansnamnd-mellansverige/Protokoll 2025-02-14 å+ä.pdf';
let protocol: ProtocolView;
let invitations: Mail[];

beforeAll(async () => {
  t = await startTestStack();
  await t.importBody(mellansverige());
  await t.upload(KEY, fixture('003-protokoll-draft.pdf'));
  protocol = await t.protocolOf(KEY, 'ROUTED');
  invitations = await t.waitFor('two invitations', async () => {
    const mails = (await t.outbox()).filter((m) => m.subject.startsWith('Justering:'));
    return mails.length >= 2 && mails;
  });
});

afterAll(async () => {
  await t?.stop();
});

describe('upload to routed', () => {
  it('parses the draft under a key with a space, + and å/ä into the protocol the minutes describe', async () => {
    const p = (await t.api<Record<string, unknown>>(`/protocols/${protocol.id}`)).body;
    expect(p).toMatchObject({
      kind: 'protokoll',
      body: 'samverkansnamnd-mellansverige',
      date: '2025-02-14',
      time: '09:00-12:00',
      place: 'Digitalt',
      chair: 'Helena Proos',
      adjusters: ['Patrik Stenvard'],
      secretary: 'Eva-Lena Aspetorp',
      items: 13,
      source: { key: KEY },
    });
    const contents = p.contents as { number: string; decisions: { text: string; status: string }[] }[];
    expect(contents).toHaveLength(13);
    const p8 = contents.find((c) => c.number === '§ 8')!;
    expect(p8.decisions).toHaveLength(2);
    expect(p8.decisions.every((d) => d.text.startsWith('att ') && d.status === 'draft')).toBe(true);
  });

  it('mails each signer once, with subject, role, deadline and a personal link', () => {
    const to = invitations.map((m) => m.to).sort();
    expect(to).toEqual(['justerare@example.se', 'ordforande@example.se']);
    for (const mail of invitations) {
      expect(mail.subject).toBe('Justering: Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-14');
      expect(mail.links).toHaveLength(1);
      expect(mail.links[0]).toMatch(/\/sign\/[A-Za-z0-9_-]{43}$/);
      expect(mail.text).toMatch(/Senast: \d{4}-\d{2}-\d{2} \d{2}:\d{2} CET/);
      expect(mail.text).toContain('In English');
    }
    expect(invitations.find((m) => m.to === 'ordforande@example.se')!.text).toContain('som ordförande');
  });

  it('tells the secretary who was asked to sign', async () => {
    // The status mail goes out after the invitations, so wait for it too.
    const status = await t.waitFor('the status mail to the secretary', async () =>
      (await t.outbox()).find((m) => m.to === 'sekreterare@example.se' && m.subject.startsWith('Skickat för justering')),
    );
    expect(status.text).toContain('Helena Proos (ordförande)');
    expect(status.text).toContain('Patrik Stenvard (justerare)');
    // The fixture is a plain PDF: the parse kept that, and the secretary learns how to export PDF/A.
    expect(status.text).toContain('Utkastet är inte PDF/A');
  });

  it('keeps the upload in the bucket and copies the exact bytes to originals/', async () => {
    const head = await fetch(`${t.s3.endpoint}/${t.stack.bucket}/${KEY.split('/').map(encodeURIComponent).join('/')}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const p = (await t.api<{ draftSha256: string }>(`/protocols/${protocol.id}`)).body;
    expect(p.draftSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('signing', () => {
  it('a GET only records "viewed" and never signs', async () => {
    const link = invitations[0]!.links[0]!;
    for (let i = 0; i < 3; i++) expect((await fetch(link)).status).toBe(200);
    const p = (await t.api<ProtocolView & { signers: { status: string }[] }>(`/protocols/${protocol.id}`)).body;
    expect(p.status).toBe('ROUTED');
    expect(p.signers.every((s) => s.status === 'pending')).toBe(true);
    const audit = (await t.api<{ events: { type: string }[] }>(`/protocols/${protocol.id}/audit`, { admin: true })).body;
    expect(audit.events.filter((e) => e.type === 'viewed')).toHaveLength(1);
  });

  it('refuses a post without consent, and a post from another origin', async () => {
    const link = invitations[0]!.links[0]!;
    expect((await postSign(link, { action: 'sign' })).status).toBe(400);
    expect((await postSign(link, { action: 'sign', consent: 'on' }, 'https://evil.example')).status).toBe(403);
  });

  it('the last signature makes the protocol ADJUSTED, then SEALED and PUBLISHED', async () => {
    for (const mail of invitations) expect((await postSign(mail.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(200);
    const done = await t.waitFor('PUBLISHED', async () => {
      const p = (await t.api<ProtocolView>(`/protocols/${protocol.id}`)).body;
      return p.status === 'PUBLISHED' && p;
    });
    expect(done.status).toBe('PUBLISHED');
  });

  it('a used link answers 409, a changed token 404', async () => {
    const link = invitations[0]!.links[0]!;
    expect((await postSign(link, { action: 'sign', consent: 'on' })).status).toBe(409);
    const changed = link.slice(0, -1) + (link.endsWith('A') ? 'B' : 'A');
    expect((await fetch(changed)).status).toBe(404);
    expect((await postSign(changed, { action: 'sign', consent: 'on' })).status).toBe(404);
  });
});

describe('the adjusted protocol', () => {
  it('is a sealed PDF that pdfsig and qpdf accept, verify accepts, and one changed byte breaks', async () => {
    const r = await t.api(`/protocols/${protocol.id}/pdf`);
    expect(r.status).toBe(302);
    const bytes = new Uint8Array(await (await fetch(r.headers.get('location')!)).arrayBuffer());
    const file = join(t.dir, 'signed.pdf');
    writeFileSync(file, bytes);
    const sig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Total document signed');
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Justerat digitalt av Helena Proos, ordförande, \d{4}-\d{2}-\d{2} \d{2}:\d{2} CET/);
    expect(text).toMatch(/Justerat digitalt av Patrik Stenvard, justerare/);
    expect(text).toContain(`Protokoll ${protocol.id}`);
    const verified = await verifySealedPdf(bytes);
    expect(verified.valid).toBe(true);
    expect(verified.protocolId).toBe(protocol.id);
    const tampered = bytes.slice();
    const at = Math.floor(tampered.length / 3);
    tampered[at] = tampered[at]! ^ 0x01;
    expect((await verifySealedPdf(tampered)).valid).toBe(false);
    const p = (await t.api<{ signedSha256: string }>(`/protocols/${protocol.id}`)).body;
    expect(p.signedSha256).toBe(verified.sha256);
  });

  it('mails the signers and the secretary a receipt with the sealed PDF attached, the notice date and the last day to appeal', async () => {
    const receipts = await t.waitFor('three receipts', async () => {
      const mails = (await t.outbox()).filter((m) => m.subject.startsWith('Justerat och anslaget:'));
      return mails.length >= 3 && mails;
    });
    expect(receipts.map((m) => m.to).sort()).toEqual(['justerare@example.se', 'ordforande@example.se', 'sekreterare@example.se']);
    const notice = (await t.api<{ items: { protocolId: string; postedOn: string; appealEndsOn: string }[] }>('/notices')).body.items.find((n) => n.protocolId === protocol.id)!;
    for (const mail of receipts) {
      expect(mail.text).toContain(`Anslaget: ${notice.postedOn}`);
      expect(mail.text).toContain(`Sista dag att överklaga: ${notice.appealEndsOn}`);
      expect(mail.text).toContain(`Anslagstavla: ${t.stack.url}/anslagstavla`);
      expect(mail.links).toEqual([`${t.stack.url}/protocols/${protocol.id}/pdf`]);
      expect(mail.attachments).toEqual([{ filename: `${protocol.id}.pdf`, size: expect.any(Number) }]);
    }
    // The attachment in the raw message is the sealed PDF itself.
    const raw = readFileSync(join(t.dir, 'data', 'outbox', `${receipts[0]!.id}.eml`), 'utf8');
    expect(raw).toMatch(/^Reply-To: sekreterare@example\.se$/m);
    const file = join(t.dir, 'attached.pdf');
    writeFileSync(file, attachedPdf(raw));
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid.');
  });

  it('posts a notice with the appeal deadline and marks the decisions adjusted', async () => {
    const notices = (await t.api<{ items: { protocolId: string; postedOn: string; appealEndsOn: string }[] }>('/notices')).body.items;
    const notice = notices.find((n) => n.protocolId === protocol.id)!;
    expect(notice.appealEndsOn > notice.postedOn).toBe(true);
    const board = await t.api<string>('/anslagstavla');
    expect(board.body).toContain(notice.appealEndsOn);
    const decisions = (await t.api<{ items: { protocolId: string; status: string }[] }>('/decisions?body=samverkansnamnd-mellansverige&status=adjusted')).body.items;
    const total = (await t.api<{ decisions: number }>(`/protocols/${protocol.id}`)).body.decisions;
    expect(total).toBe(11); // § 3–12, with two in § 8
    expect(decisions.filter((d) => d.protocolId === protocol.id)).toHaveLength(total);
    const drafts = (await t.api<{ items: { protocolId: string }[] }>('/decisions?body=samverkansnamnd-mellansverige&status=draft')).body.items;
    expect(drafts.filter((d) => d.protocolId === protocol.id)).toHaveLength(0);
  });

  it('keeps the audit trail: sent, viewed, signed with IP and user agent', async () => {
    const audit = (await t.api<{ events: { type: string; signer?: string; ip?: string; userAgent?: string }[] }>(`/protocols/${protocol.id}/audit`, { admin: true })).body;
    const signed = audit.events.filter((e) => e.type === 'signed');
    expect(signed.map((e) => e.signer).sort()).toEqual(['Helena Proos', 'Patrik Stenvard']);
    expect(signed.every((e) => e.ip && e.userAgent)).toBe(true);
    expect(audit.events.map((e) => e.type)).toEqual(expect.arrayContaining(['received', 'parsed', 'routed', 'invited', 'adjusted', 'sealed', 'published']));
    expect((await t.api(`/protocols/${protocol.id}/audit`)).status).toBe(401);
  });
});

/** The base64 body of the application/pdf part of a raw MIME message. */
function attachedPdf(raw: string): Buffer {
  const part = raw.split(/\n--/).find((p) => /^Content-Type: application\/pdf/im.test(p));
  if (!part) throw new Error('no PDF attached');
  return Buffer.from(part.slice(part.indexOf('\n\n') + 2).replace(/\s+/g, ''), 'base64');
}
