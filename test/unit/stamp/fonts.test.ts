// The stamp's one face, laid out from the character map without shaping:
// measured as the sum of the glyphs' advances, composed before lookup, and
// written so that text extraction reads back what was drawn.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { defaultFonts, unshapedFontkit } from '../../../shared/stamp/fonts';

const run = promisify(execFile);

describe('unshapedFontkit', () => {
  it('lays out a name glyph by glyph from the character map, composed first', async () => {
    const font = unshapedFontkit.create((await defaultFonts()).regular);
    const composed = font.layout('Åsa Öhrn').glyphs;
    const decomposed = font.layout('A\u030asa O\u0308hrn').glyphs;
    expect(decomposed.map((g) => g.id)).toEqual(composed.map((g) => g.id));
    expect(composed.map((g) => g.id)).toEqual(font.glyphsForString('Åsa Öhrn').map((g) => g.id));
    expect(composed).toHaveLength(8);
  });

  it('draws text that pdftotext reads back, with widths from the advances', async () => {
    const doc = await PDFDocument.create();
    doc.registerFontkit(unshapedFontkit);
    const font = await doc.embedFont((await defaultFonts()).regular, { subset: true });
    const text = 'Justerat digitalt av Åsa Öhrn, ordförande – Ελένη Ζωή, Мария';
    const raw = unshapedFontkit.create((await defaultFonts()).regular);
    const advances = raw.glyphsForString(text).reduce((sum, g) => sum + g.advanceWidth, 0);
    expect(font.widthOfTextAtSize(text, 10)).toBeCloseTo((advances / raw.unitsPerEm) * 10, 6);
    doc.addPage([595, 200]).drawText(text, { x: 20, y: 100, size: 10, font });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'justera-font-'));
    try {
      const file = path.join(dir, 'font.pdf');
      await writeFile(file, await doc.save());
      const { stdout } = await run('pdftotext', [file, '-']);
      expect(stdout.trim()).toBe(text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
