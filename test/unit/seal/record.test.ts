// The archive-grade record, end to end on the seed fixtures, their PDF/A
// exports and a draft written with an xref stream and object streams: the sealed file begins with
// the draft's exact bytes, poppler finds the seal valid over the whole file,
// qpdf finds the structure clean, `verify` gives the prefix proof, and an
// update appended after the seal or one changed byte is refused with a reason.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../../shared/minutes/extract';
import { describeSeal } from '../../../shared/seal/describe';
import { ensureLocalSealKey } from '../../../shared/seal/local-key';
import { sealPdf } from '../../../shared/seal/seal';
import type { SealSigner } from '../../../shared/seal/types';
import { verifySealedPdf } from '../../../shared/seal/verify';
import { appendUpdate, readTail, Snapshot } from '../../../shared/stamp/incremental';
import { stampProtocol } from '../../../shared/stamp/stamp';
import { fixture, pdfaFixture, sha256, stampInput } from '../stamp/helpers';
import { compressedDraft, flipped, tempDir, tool } from './helpers';

const run = promisify(execFile);
const sealedAt = new Date('2025-02-19T18:05:00Z');
let dir: string;
let remove: () => Promise<void>;
let signer: SealSigner;

async function record(draft: Uint8Array): Promise<Uint8Array> {
  const document = await extractDocument(draft);
  const stamped = await stampProtocol({ ...stampInput(draft, document, []), seal: describeSeal(signer, { sealedAt }) });
  return sealPdf(stamped, signer, { signingTime: sealedAt });
}


beforeAll(async () => {
  ({ dir, remove } = await tempDir());
  signer = await ensureLocalSealKey(path.join(dir, 'key'), 'Region Örebro län');
});
afterAll(async () => {
  await remove();
});

const drafts: [string, () => Promise<Uint8Array>][] = [
  ['000-minnesanteckningar.pdf', () => fixture('000-minnesanteckningar.pdf')],
  ['003-protokoll-draft.pdf', () => fixture('003-protokoll-draft.pdf')],
  ['003 with object streams', () => compressedDraft(dir)],
  ['000 as PDF/A', () => pdfaFixture('000-minnesanteckningar.pdf')],
  ['003 as PDF/A', () => pdfaFixture('003-protokoll-draft.pdf')],
];

describe.each(drafts)('the sealed record of %s', (_name, load) => {
  let draft: Uint8Array;
  let sealed: Uint8Array;
  beforeAll(async () => {
    draft = await load();
    sealed = await record(draft);
  });

  it('begins with the draft, byte for byte', () => {
    expect(sealed.length).toBeGreaterThan(draft.length);
    expect(Buffer.from(sealed.subarray(0, draft.length)).equals(Buffer.from(draft))).toBe(true);
    expect(sha256(sealed.subarray(0, draft.length))).toBe(sha256(draft));
  });

  it('is a valid seal over the whole file for poppler, and clean for qpdf', async () => {
    const sig = await tool(dir, 'pdfsig', [], sealed);
    expect(sig.out).toContain('Signature is Valid');
    expect(sig.out).toContain('Total document signed');
    const check = await tool(dir, 'qpdf', ['--check'], sealed);
    expect(check.code, check.out).toBe(0);
    expect(check.out).toContain('No syntax or stream encoding errors found');
  });

  it('chains its updates to the draft: each update points back with /Prev, in the draft\'s kind of cross-reference', () => {
    const draftTail = readTail(draft);
    const text = Buffer.from(sealed.subarray(draft.length)).toString('latin1');
    expect(text).toContain(`/Prev ${draftTail.startxref}`);
    expect((text.match(/startxref/g) ?? []).length).toBe(2); // the stamp's update and the seal's
    expect(readTail(sealed).xrefStream).toBe(draftTail.xrefStream);
  });

  it('gives the prefix proof in verify and on the audit page', async () => {
    const result = await verifySealedPdf(sealed);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.draft).toEqual({ bytes: draft.length, sha256: sha256(draft), matches: true });
    const file = path.join(dir, `audit-${draft.length}.pdf`);
    await writeFile(file, sealed);
    const { stdout } = await run('pdftotext', ['-raw', file, '-']);
    expect(stdout.replace(/\s+/g, ' ')).toContain(`Filens första ${draft.length} byte / The file's first ${draft.length} bytes`);
    expect(stdout.replace(/\s+/g, '')).toContain(sha256(draft));
  });
});

describe('a sealed record changed afterwards', () => {
  let draft: Uint8Array;
  let sealed: Uint8Array;
  beforeAll(async () => {
    draft = await fixture('003-protokoll-draft.pdf');
    sealed = await record(draft);
  });

  it('with an incremental update appended after the seal is refused with the reason', async () => {
    const doc = await PDFDocument.load(sealed, { updateMetadata: false });
    const snapshot = Snapshot.of(doc, sealed);
    doc.setTitle('Ändrad efter förseglingen');
    const appended = appendUpdate(doc, snapshot);
    expect(Buffer.from(appended.subarray(0, sealed.length)).equals(Buffer.from(sealed))).toBe(true);
    const result = await verifySealedPdf(appended);
    expect(result.valid).toBe(false);
    expect(result.problems).toContain(`${appended.length - sealed.length} bytes were appended after the seal (an update the seal does not cover)`);
  });

  it('with one byte of the draft changed is refused: not the draft, and not what was sealed', async () => {
    const at = Math.floor(draft.length / 2);
    const result = await verifySealedPdf(flipped(sealed, at, 0x01));
    expect(result.valid).toBe(false);
    expect(result.draft?.matches).toBe(false);
    expect(result.problems.some((p) => p.startsWith(`the first ${draft.length} bytes are not the draft`))).toBe(true);
    expect(result.problems).toContain('the file’s digest does not match the signed digest: the file was changed');
  });
});

describe('a draft whose startxref points at no cross-reference section', () => {
  it('is still stamped and sealed, written whole, and says that it is not the draft followed by updates', async () => {
    const good = await fixture('003-protokoll-draft.pdf');
    const text = Buffer.from(good).toString('latin1');
    const at = text.lastIndexOf('startxref');
    const offset = /startxref\s+(\d+)/.exec(text.slice(at))![1]!;
    // The same number of digits, pointing at the header instead: readers repair such a file, nothing can chain to it.
    const broken = Buffer.from(text.slice(0, at) + text.slice(at).replace(offset, '1'.padStart(offset.length, '0')), 'latin1');
    expect(() => readTail(new Uint8Array(broken))).toThrow(/does not point at a cross-reference section/);
    const sealed = await record(new Uint8Array(broken));
    const result = await verifySealedPdf(sealed);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.draft).toBeNull();
    expect(result.warnings).toContain('the record does not name the bytes of its draft, so it cannot show that it begins with the draft');
    const file = path.join(dir, 'broken.pdf');
    await writeFile(file, sealed);
    const { stdout } = await run('pdftotext', ['-raw', file, '-']);
    expect(stdout.replace(/\s+/g, ' ')).toContain('Nej, filen skrevs om: utkastets korsreferenser var trasiga');
  });
});
