// `justera verify` as a user runs it, against a protocol the local stack sealed:
// trusted through the stack's published seal certificate (--api) or a PEM
// (--trust); a re-worded copy re-sealed with a new self-signed key of the same
// subject name is refused with "not sealed by <organisation>'s key"; without a
// trust anchor the answer is UNVERIFIED (exit 2), never OK. The stack seals with
// its TSA simulator, so the record is PAdES B-LT.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalSealKey } from '../../shared/seal/local-key';
import { sealPdf } from '../../shared/seal/seal';
import { ROOT } from '../helpers/cli';
import { fixture, mellansverige, postSign, startTestStack, type Mail, type ProtocolView, type TestStack } from '../helpers/stack';

function justera(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, ['bin/justera.mjs', ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

let t: TestStack;
let work: string;
let genuine: string;
let forged: string;
let published: { organisation: string; certificates: { sha256: string; pem: string; subject: string }[] };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'justera-verify-'));
  t = await startTestStack({ tsa: true }); // seals are PAdES B-LT with the TSA simulator
  expect((await t.api<typeof published>('/seal-certificates')).body.certificates).toEqual([]); // nothing sealed yet
  await t.importBody(mellansverige());
  await t.upload('drafts/samverkansnamnd-mellansverige/p.pdf', fixture('003-protokoll-draft.pdf'));
  const p = await t.protocolOf('drafts/samverkansnamnd-mellansverige/p.pdf', 'ROUTED');
  const mails = await t.waitFor('invitations', async () => {
    const m = (await t.outbox()).filter((x: Mail) => x.subject.startsWith('Justering:'));
    return m.length === 2 && m;
  });
  for (const m of mails) expect((await postSign(m.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(200);
  await t.waitFor('sealed', async () => ['SEALED', 'PUBLISHED'].includes((await t.api<ProtocolView>(`/protocols/${p.id}`)).body.status), 60_000);
  const redirect = await fetch(`${t.stack.url}/protocols/${p.id}/pdf`, { redirect: 'manual' });
  const sealed = new Uint8Array(await (await fetch(redirect.headers.get('location')!)).arrayBuffer());
  genuine = join(work, 'justerat.pdf');
  writeFileSync(genuine, sealed);

  // The forgery: the decision re-worded, re-sealed with a fresh self-signed key whose certificate has the same subject.
  const doc = await PDFDocument.load(sealed);
  const page = doc.getPage(0);
  page.drawRectangle({ x: 60, y: 400, width: 400, height: 14, color: rgb(1, 1, 1) });
  page.drawText('att avslå förslaget i sin helhet.', { x: 62, y: 403, size: 10, font: await doc.embedFont(StandardFonts.Helvetica) });
  const key = await ensureLocalSealKey(join(work, 'forger'), 'Justera', { algorithm: 'EC' });
  forged = join(work, 'justerat-forfalskat.pdf');
  writeFileSync(forged, await sealPdf(await doc.save({ useObjectStreams: false }), key));

  published = (await t.api<typeof published>('/seal-certificates')).body;
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe('GET /seal-certificates', () => {
  it('publishes the certificate the stack seals with, whose fingerprint the audit page prints', async () => {
    expect(published.organisation).toBe('Justera');
    expect(published.certificates).toHaveLength(1);
    expect(published.certificates[0]!.subject).toContain('CN=Justera lokal försegling');
    expect(published.certificates[0]!.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(published.certificates[0]!.pem).not.toContain('PRIVATE KEY');
    const audit = execFileSync('pdftotext', ['-raw', genuine, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(audit).toContain(published.certificates[0]!.sha256);
  });
});

describe('justera verify', () => {
  it('trusts the genuine record through --api and through --trust', async () => {
    const api = await justera('verify', genuine, '--api', t.stack.url);
    expect(api.code, api.stdout + api.stderr).toBe(0);
    expect(api.stdout).toContain("verdict:   OK — sealed by Justera's key");
    expect(api.stdout).toContain('SHA-256 matches the record');
    const pem = join(work, 'seal.pem');
    writeFileSync(pem, published.certificates[0]!.pem);
    const trust = await justera('verify', genuine, '--trust', pem);
    expect(trust.code, trust.stdout + trust.stderr).toBe(0);
    expect(trust.stdout).toContain('a published seal certificate');
  });

  it('gives the prefix proof: the first N bytes are the draft every signer approved', async () => {
    const draft = fixture('003-protokoll-draft.pdf');
    const r = await justera('verify', genuine);
    expect(r.stdout).toContain(`draft:     the first ${draft.length} bytes have the approved draft's SHA-256 ${createHash('sha256').update(draft).digest('hex')}`);
  });

  it('reports PAdES B-LT: the DSS present, the document time stamp valid, the seal and the prefix proof holding', async () => {
    const r = await justera('verify', genuine, '--api', t.stack.url);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/timestamp: \S+ by CN=Justera test-TSA, O=Justera test\n/);
    expect(r.stdout).toMatch(/level: {5}PAdES B-LT — DSS present \(3 certificate\(s\), 1 CRL\(s\), 0 OCSP response\(s\)\); document time stamp \S+ by CN=Justera test-TSA, O=Justera test, valid \(B-LTA\); the seal covers the first \d+ bytes/);
    expect(r.stdout).toMatch(/draft: {5}the first \d+ bytes have the approved draft's SHA-256/);
  });

  it('rejects the record with bytes appended after the seal, and says why', async () => {
    const appended = join(work, 'justerat-tillagt.pdf');
    writeFileSync(appended, Buffer.concat([readFileSync(genuine), Buffer.from('1 0 obj\n(tillägg)\nendobj\n', 'latin1')]));
    const r = await justera('verify', appended, '--trust', join(work, 'seal.pem'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/problem: {3}\d+ bytes were appended after the seal/);
    expect(r.stdout).toContain('REJECTED');
  });

  it('without a trust anchor says so (exit 2), not OK', async () => {
    const r = await justera('verify', genuine);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('UNVERIFIED');
    expect(r.stdout).not.toContain('OK');
  });

  it('refuses a re-worded copy re-sealed with another key of the same subject name', async () => {
    const bare = await justera('verify', forged);
    expect(bare.code).not.toBe(0); // intact, but nobody vouches for the key
    for (const args of [['--api', t.stack.url], ['--trust', join(work, 'seal.pem')]]) {
      const r = await justera('verify', forged, ...args);
      expect(r.code, r.stdout).toBe(1);
      expect(r.stdout).toContain("not sealed by Justera's key");
      expect(r.stdout).toContain('REJECTED');
    }
  });

  it('a --trust file without a certificate is a one-line error', async () => {
    const r = await justera('verify', genuine, '--trust', genuine);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^justera: .* holds no PEM certificate\n$/);
  });
});
