import { describe, it, expect } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { parsePdf, PdfReadError } from '../../../shared/minutes/index';

/** A one-page PDF with the given lines, set in Helvetica (WinAnsi covers å, ä, ö). */
async function pdf(lines: { text: string; size?: number }[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  let y = 760;
  for (const { text, size = 11 } of lines) {
    page.drawText(text, { x: 57, y, size, font });
    y -= size * 1.7;
  }
  return doc.save();
}

describe('parsePdf', () => {
  it('extracts and parses a PDF', async () => {
    const bytes = await pdf([
      { text: 'Kulturnämnden den 3 mars 2025', size: 16 },
      { text: 'Plats: Stadshuset' },
      { text: '§ 1. Mötets öppnande', size: 12.5 },
      { text: 'Ordförande Anna Berg öppnar mötet och hälsar alla välkomna.' },
      { text: '§ 2. Budget', size: 12.5 },
      { text: 'Beslut' },
      { text: 'att godkänna budgeten.' },
    ]);
    const { minutes, document } = await parsePdf(bytes);
    expect(document.pages).toHaveLength(1);
    expect(minutes).toMatchObject({ kind: 'protokoll', body: 'Kulturnämnden', date: '2025-03-03', place: 'Stadshuset', chair: 'Anna Berg' });
    expect(minutes.items.map((i) => [i.number, i.title, i.decisions])).toEqual([
      ['§ 1', 'Mötets öppnande', []],
      ['§ 2', 'Budget', ['att godkänna budgeten.']],
    ]);
  });

  it('reads a PDF without any item to the end: no items, a header, and no error', async () => {
    const bytes = await pdf([{ text: 'Välkommen till vårt höstmöte! Här kommer inbjudan med program och anmälan till middagen.' }]);
    const { minutes } = await parsePdf(bytes);
    expect(minutes.items).toEqual([]);
    expect(minutes.warnings.length).toBeGreaterThan(0);
  });

  it('passes extraction errors through', async () => {
    const error = await parsePdf(new TextEncoder().encode('hej')).catch((e: unknown) => e);
    expect((error as PdfReadError).code).toBe('NOT_PDF');
  });
});
