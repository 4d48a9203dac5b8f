// PAdES B-LT with the local TSA simulator: the DSS with the chains and CRLs, a
// document time stamp over everything, pdfsig and qpdf content with it, and
// the strict verifier accepting exactly that update after the seal — and
// nothing more.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTsaSimulator, type RunningTsaSimulator } from '../../../infra/local/tsa-simulator';
import { sealForArchive, type ArchiveSeal } from '../../../shared/seal/archive';
import { describeSeal } from '../../../shared/seal/describe';
import { ensureLocalSealKey } from '../../../shared/seal/local-key';
import { openJws } from '../../../shared/seal/validation-jws';
import type { SealSigner } from '../../../shared/seal/types';
import { verifySealedPdf } from '../../../shared/seal/verify';
import { appendUpdate, Snapshot } from '../../../shared/stamp/incremental';
import { flipped, stampedFixture, tempDir, tool } from '../../unit/seal/helpers';

const run = promisify(execFile);
let dir: string;
let remove: () => Promise<void>;
let tsa: RunningTsaSimulator;
let signer: SealSigner;
let archived: ArchiveSeal;

beforeAll(async () => {
  ({ dir, remove } = await tempDir());
  tsa = await startTsaSimulator({ dir: path.join(dir, 'tsa') });
  signer = await ensureLocalSealKey(path.join(dir, 'key'), 'Exempelkommunen', { algorithm: 'EC' });
  const sealedAt = new Date();
  archived = await sealForArchive(await stampedFixture(describeSeal(signer, { sealedAt, tsaUrl: tsa.url })), signer, { signingTime: sealedAt, tsaUrl: tsa.url });
});
afterAll(async () => {
  await tsa.close();
  await remove();
});

describe('a seal with long-term validation data', () => {
  it('verifies, with the DSS and a valid document time stamp after the seal', async () => {
    const result = await verifySealedPdf(archived.bytes);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.draft?.matches).toBe(true);
    expect(result.longTerm).toMatchObject({ holdsSealCertificate: true, crls: 1, ocsps: 0, docTimestamp: { valid: true, authority: 'CN=Justera test-TSA, O=Justera test' } });
    // The seal's own certificate, the TSA's and the CA that issued the TSA's.
    expect(result.longTerm?.certificates).toBe(3);
    expect(result.longTerm!.sealedBytes).toBeLessThan(archived.bytes.length);
    // Two time stamp requests: the signature's and the document's.
    expect(tsa.requests()).toBe(2);
  });

  it('holds the CA certificate and its CRL in /DSS', async () => {
    const doc = await PDFDocument.load(archived.bytes, { updateMetadata: false });
    const dss = String(doc.catalog.lookup(PDFName.of('DSS')));
    expect(dss).toMatch(/\/Certs \[/);
    expect(dss).toMatch(/\/CRLs \[/);
  });

  it('satisfies pdfsig (the seal valid, the document time stamp last and covering the whole file) and qpdf --check', async () => {
    const { out } = await tool(dir, 'pdfsig', [], archived.bytes);
    const [seal, stamp] = out.split(/Signature #2:/);
    expect(seal).toMatch(/Signature #1:[^]*ETSI\.CAdES\.detached[^]*Signature Validation: Signature is Valid\./);
    // poppler does not validate RFC 3161 document time stamps ("Signature Type: unknown"); openssl does, below.
    expect(stamp).toMatch(/Signature Field Name: Dokumenttidsstampel[^]*Signer Certificate Common Name: Justera test-TSA[^]*Total document signed/);
    const check = await tool(dir, 'qpdf', ['--check'], archived.bytes);
    expect(check.out).toContain('No syntax or stream encoding errors found');
    expect(check.code).toBe(0);
  });

  it('has a document time stamp that openssl ts -verify accepts against the TSA simulator\'s CA', async () => {
    const text = Buffer.from(archived.bytes).toString('latin1');
    const at = text.lastIndexOf('/ByteRange');
    const [b, c] = /\[\s*0\s+(\d+)\s+(\d+)/.exec(text.slice(at))!.slice(1, 3).map(Number) as [number, number];
    const covered = Buffer.concat([archived.bytes.subarray(0, b), archived.bytes.subarray(c)]);
    const hex = text.slice(b + 1, c - 1);
    const token = Buffer.from(hex, 'hex');
    const length = 4 + token.readUInt16BE(2); // 30 82 hi lo
    await writeFile(path.join(dir, 'covered.bin'), covered);
    await writeFile(path.join(dir, 'token.der'), token.subarray(0, length));
    await writeFile(path.join(dir, 'ca.pem'), new X509Certificate(Buffer.from(tsa.caCertificate)).toString());
    await writeFile(path.join(dir, 'tsa.pem'), new X509Certificate(Buffer.from(tsa.tsaCertificate)).toString());
    const { stdout } = await run('openssl', ['ts', '-verify', '-data', path.join(dir, 'covered.bin'), '-in', path.join(dir, 'token.der'), '-token_in', '-CAfile', path.join(dir, 'ca.pem'), '-untrusted', path.join(dir, 'tsa.pem')]);
    expect(stdout).toContain('Verification: OK');
  });

  it('keeps a validation result signed with the seal key', () => {
    const { payload, certificate } = openJws(Buffer.from(archived.validation).toString('utf8'));
    expect(Buffer.from(certificate).equals(Buffer.from(signer.certificate))).toBe(true);
    expect(payload).toMatchObject({
      version: 1,
      level: 'PAdES B-LTA',
      result: 'valid',
      file: { bytes: archived.bytes.length },
      checks: { coversWholeDocument: true, digestMatches: true, signatureValid: true, prefixProof: { matches: true } },
    });
    const revocation = (payload as { revocation: { subject: string; status: string }[] }).revocation;
    expect(revocation.map((r) => r.status).sort()).toEqual(['good', 'trust-anchor', 'trust-anchor']);
    expect(revocation.find((r) => r.status === 'good')?.subject).toBe('CN=Justera test-TSA, O=Justera test');
    const tampered = JSON.parse(Buffer.from(archived.validation).toString('utf8')) as { payload: string };
    tampered.payload = Buffer.from(JSON.stringify({ ...(payload as object), result: 'invalid' })).toString('base64url');
    expect(() => openJws(JSON.stringify(tampered))).toThrow(/does not verify/);
  });

  it('fails on a changed byte in the update after the seal, and on a further update', async () => {
    const result = await verifySealedPdf(archived.bytes);
    const at = result.longTerm!.sealedBytes + 40;
    expect((await verifySealedPdf(flipped(archived.bytes, at, 0x01))).valid).toBe(false);

    const doc = await PDFDocument.load(archived.bytes, { updateMetadata: false });
    const snapshot = Snapshot.of(doc, archived.bytes);
    doc.setTitle('Ändrad', { showInWindowTitleBar: false });
    const appended = appendUpdate(doc, snapshot);
    const after = await verifySealedPdf(appended);
    expect(after.valid).toBe(false);
    expect(after.problems.join(' ')).toMatch(/appended after the seal|does not cover the whole file/);
  });

  it('rejects an update slipped in under a fresh document time stamp', async () => {
    // Someone changes the record after the seal and time-stamps it anew: the update is not the DSS Justera writes.
    const sealedBytes = (await verifySealedPdf(archived.bytes)).longTerm!.sealedBytes;
    const prefix = archived.bytes.subarray(0, sealedBytes);
    const doc = await PDFDocument.load(prefix, { updateMetadata: false });
    const snapshot = Snapshot.of(doc, prefix);
    doc.setSubject('Ändrad');
    const changed = appendUpdate(doc, snapshot);
    const { addLongTermValidation } = await import('../../../shared/seal/ltv');
    const forged = await addLongTermValidation(changed, { certificates: [signer.certificate], crls: [] }, { tsaUrl: tsa.url });
    const result = await verifySealedPdf(forged);
    expect(result.valid).toBe(false);
    expect(result.problems.join(' ')).toMatch(/appended after the seal|more than the long-term validation data/);
  });

  it('refuses to seal when the TSA certificate is revoked', async () => {
    tsa.revoke(new X509Certificate(Buffer.from(tsa.tsaCertificate)).serialNumber);
    await expect(sealForArchive(await stampedFixture(), signer, { tsaUrl: tsa.url })).rejects.toThrow(/revoked/);
  });
});
