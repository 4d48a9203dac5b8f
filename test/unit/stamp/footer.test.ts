// The stamp's footer leaves its page number out where the draft prints one at
// the foot of the page (read from the parse's page furniture), so the signed
// record never shows two page numbers; elsewhere it numbers the page.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractDocument, type ExtractedPage } from '../../../shared/minutes/extract';
import { printsPageNumber } from '../../../shared/stamp/positions';
import { stampProtocol } from '../../../shared/stamp/stamp';
import { stampInput } from './helpers';

const page = (text: string, y: number, furniture = true): ExtractedPage => ({ number: 1, width: 595, height: 842, lines: [{ page: 1, text, x: 280, y, width: 40, size: 9, furniture }] });

describe('a page number the draft prints', () => {
  it('is found at the foot of the page in the usual Swedish forms', () => {
    for (const text of ['Sida 2 av 5', 'sida 2', '2 (5)', 'Kommunstyrelsen\t3 (12)', '2/5', '7']) expect(printsPageNumber(page(text, 30)), text).toBe(true);
  });

  it('is not found in running text, at the top, or in a line the parse kept as content', () => {
    expect(printsPageNumber(page('Sida 2 av 5', 800))).toBe(false);
    expect(printsPageNumber(page('Sida 2 av 5', 30, false))).toBe(false);
    expect(printsPageNumber(page('Justerare: Patrik Stenvard', 30))).toBe(false);
  });
});

async function draft(numbered: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 2; n++) {
    const p = doc.addPage([595, 842]);
    p.drawText(`§ ${n} Ärende nummer ${n}`, { x: 60, y: 760, size: 12, font });
    p.drawText('Kommunstyrelsen beslutar att godkänna redovisningen.', { x: 60, y: 730, size: 11, font });
    if (numbered) p.drawText(`Sida ${n} av 2`, { x: 270, y: 30, size: 9, font });
  }
  return doc.save();
}

describe('the stamped footer', () => {
  it('leaves our page number out where the draft prints its own, and keeps it on the pages we add', async () => {
    const bytes = await draft(true);
    const before = await extractDocument(bytes);
    const out = await extractDocument(await stampProtocol(stampInput(bytes, before, [], 'x-9')));
    const footers = out.pages.map((p) => p.lines.filter((l) => l.text.startsWith('Protokoll x-9')).map((l) => l.text));
    expect(footers[0]).toEqual(['Protokoll x-9']);
    expect(footers[1]).toEqual(['Protokoll x-9']);
    // The audit page the stamp appends prints no number of the draft's: ours stays.
    expect(footers.at(-1)).toEqual([`Protokoll x-9 · Sida ${out.pages.length} av ${out.pages.length}`]);
  });

  it('numbers every page of a draft that prints none', async () => {
    const bytes = await draft(false);
    const out = await extractDocument(await stampProtocol(stampInput(bytes, await extractDocument(bytes), [], 'x-8')));
    out.pages.forEach((p) => expect(p.lines.some((l) => l.text === `Protokoll x-8 · Sida ${p.number} av ${out.pages.length}`)).toBe(true));
  });
});
