// PDF/A: a draft exported as PDF/A stays PDF/A of the same part once stamped
// and sealed, by the rules our additions could break: every font embedded, the
// XMP identification (pdfaid) kept and the XMP agreeing with the Info
// dictionary, the output intent kept, no encryption, no JavaScript. A draft
// that is not PDF/A is not called one: the audit page says which it is.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../../shared/minutes/extract';
import { describeSeal } from '../../../shared/seal/describe';
import { ensureLocalSealKey } from '../../../shared/seal/local-key';
import { sealPdf } from '../../../shared/seal/seal';
import type { SealSigner } from '../../../shared/seal/types';
import { findPdfA } from '../../../shared/stamp/pdfa';
import { stampProtocol } from '../../../shared/stamp/stamp';
import { fixture, pdfaFixture, stampInput } from './helpers';

const run = promisify(execFile);
let dir: string;
let signer: SealSigner;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'justera-pdfa-'));
  signer = await ensureLocalSealKey(path.join(dir, 'key'), 'Region Örebro län');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sealedRecord(draft: Uint8Array, name: string): Promise<{ file: string; bytes: Uint8Array }> {
  const sealedAt = new Date('2025-02-19T18:05:00Z');
  const stamped = await stampProtocol({ ...stampInput(draft, await extractDocument(draft), []), seal: describeSeal(signer, { sealedAt }) });
  const bytes = await sealPdf(stamped, signer, { signingTime: sealedAt });
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return { file, bytes };
}

/** The final revision's XMP packet and Info title, as a reader of the record gets them. */
async function finalMetadata(bytes: Uint8Array): Promise<{ xmp: string; title: string | undefined; doc: PDFDocument }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const stream = doc.context.lookup(doc.catalog.get(PDFName.of('Metadata')));
  if (!(stream instanceof PDFRawStream)) throw new Error('no /Metadata stream');
  const raw = stream.dict.has(PDFName.of('Filter')) ? decodePDFRawStream(stream).decode() : stream.contents;
  return { xmp: new TextDecoder().decode(raw), title: doc.getTitle(), doc };
}

describe.each(['000-minnesanteckningar.pdf', '003-protokoll-draft.pdf'])('the PDF/A export of %s', (name) => {
  let draft: Uint8Array;
  let record: { file: string; bytes: Uint8Array };
  beforeAll(async () => {
    draft = await pdfaFixture(name);
    record = await sealedRecord(draft, `pdfa-${name}`);
  });

  it('is found to be PDF/A-2b before stamping', async () => {
    expect(findPdfA(await PDFDocument.load(draft, { updateMetadata: false }))).toEqual({ part: 2, conformance: 'B' });
  });

  it('stays PDF/A-2b: pdfaid kept, XMP agreeing with the Info dictionary, output intent kept', async () => {
    const { xmp, title, doc } = await finalMetadata(record.bytes);
    expect(findPdfA(doc)).toEqual({ part: 2, conformance: 'B' });
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${title}</rdf:li>`);
    expect(xmp).toContain('<pdf:Producer>Justera (pdf-lib)</pdf:Producer>');
    expect(xmp.match(/<pdf:Producer>/g)).toHaveLength(1); // LibreOffice's producer replaced, not doubled
    const modified = doc.getModificationDate()!.toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(xmp).toContain(`<xmp:ModifyDate>${modified}</xmp:ModifyDate>`);
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    expect(intents.asArray().map((i) => (doc.context.lookup(i) as PDFDict).get(PDFName.of('S'))?.toString())).toContain('/GTS_PDFA1');
  });

  it('embeds every font, is not encrypted and carries no JavaScript', async () => {
    const { stdout } = await run('pdffonts', [record.file]);
    const rows = stdout.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(3); // the draft's fonts and ours
    for (const row of rows) expect(row.split(/\s+/).slice(-5, -4)[0], row).toBe('yes');
    const { stdout: objects } = await run('qpdf', ['--qdf', '--object-streams=disable', record.file, '-'], { encoding: 'latin1', maxBuffer: 64 << 20 });
    // (LibreOffice's /OpenAction is a destination, the page to open at, which PDF/A allows.)
    for (const token of ['/Encrypt', '/JavaScript', '/JS ', '/Launch', '/AA']) expect(objects).not.toContain(token);
  });

  it('says so on the audit page', async () => {
    const { stdout } = await run('pdftotext', ['-raw', record.file, '-']);
    expect(stdout.replace(/\s+/g, ' ')).toContain('Arkivformat / Archive format PDF/A-2b (som utkastet / as the draft)');
  });
});

describe('a draft that is not PDF/A', () => {
  it('is not called PDF/A: the audit page says the record is not PDF/A', async () => {
    const draft = await fixture('003-protokoll-draft.pdf');
    expect(findPdfA(await PDFDocument.load(draft, { updateMetadata: false }))).toBeNull();
    const { file } = await sealedRecord(draft, 'plain.pdf');
    const { stdout } = await run('pdftotext', ['-raw', file, '-']);
    expect(stdout.replace(/\s+/g, ' ')).toContain('Arkivformat / Archive format Inte PDF/A / Not PDF/A');
  });
});
