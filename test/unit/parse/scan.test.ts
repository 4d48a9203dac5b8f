// Which pages are scans: a JPEG drawn over (nearly) the whole page. Real scans of the corpus
// are found; the same image drawn as a photo on part of a page, or a page without images, is not.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { placements, scannedPages, type PageImage } from '../../../shared/minutes/scan';

const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const scan = new Uint8Array(readFileSync(`${corpus}28_stenaldern-styrelse-2025-05-22.pdf`));

/** A page of A4 with the JPEG drawn at x, y, w, h (points). */
async function pdfWith(jpeg: Uint8Array, boxes: { x: number; y: number; w: number; h: number }[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const image = await doc.embedJpg(jpeg);
  for (const box of boxes) doc.addPage([595.2, 841.68]).drawImage(image, { x: box.x, y: box.y, width: box.w, height: box.h });
  doc.addPage([595.2, 841.68]).drawText('Protokoll utan bilder');
  return doc.save();
}

let pages: PageImage[];
beforeAll(async () => {
  pages = await scannedPages(scan);
});

describe('scanned pages', () => {
  it('finds both pages of a real scan, with the JPEG as stored and where it sits', () => {
    expect(pages.map((p) => p.page)).toEqual([1, 2]);
    const first = pages[0]!;
    expect([first.width, first.height]).toEqual([2480, 3507]);
    expect([...first.jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(first.w).toBeCloseTo(595.2, 1);
    expect(first.h).toBeCloseTo(841.68, 1);
  });

  it('takes a page covered by an image for a scan, and a photo on part of a page or a page of text for none', async () => {
    const jpeg = pages[0]!.jpeg;
    const pdf = await pdfWith(jpeg, [
      { x: 0, y: 0, w: 595.2, h: 841.68 },
      { x: 10, y: 8, w: 575, h: 826 },
      { x: 50, y: 300, w: 300, h: 420 },
    ]);
    const found = await scannedPages(pdf);
    expect(found.map((p) => p.page)).toEqual([1, 2]);
    expect(found[1]!.x).toBeCloseTo(10, 3);
    expect(found[1]!.h).toBeCloseTo(826, 3);
  });

  it('leaves alone a page image that declares more pixels than any scanner\'s page', async () => {
    // A JPEG header alone (start of frame: 20,000 × 20,000 pixels, three components); it is never decoded.
    const huge = new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x4e, 0x20, 0x4e, 0x20, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
    expect(await scannedPages(await pdfWith(huge, [{ x: 0, y: 0, w: 595.2, h: 841.68 }]))).toEqual([]);
    expect((await scannedPages(await pdfWith(pages[0]!.jpeg, [{ x: 0, y: 0, w: 595.2, h: 841.68 }]))).length).toBe(1);
  });

  it('finds nothing, and throws nothing, in what is not a readable PDF', async () => {
    expect(await scannedPages(new TextEncoder().encode('%PDF-1.4 /DCTDecode garbage'))).toEqual([]);
    expect(await scannedPages(scan.subarray(0, 2000))).toEqual([]);
  });
});

describe('where an image is drawn', () => {
  it('follows nested cm matrices under q/Q, as a scanner writes them', () => {
    expect(placements('q 0.1 0 0 0.1 0 0 cm\nq 5952 0 0 8416.8 0 0 cm\n/R9 Do\nQ\nq 10 0 0 10 0 0 cm BT /R11 25 Tf ET Q')).toEqual([
      { name: 'R9', x: 0, y: 0, w: expect.closeTo(595.2, 6), h: expect.closeTo(841.68, 6) },
    ]);
    expect(placements('q 100 0 0 50 10 20 cm /Im1 Do Q /Im2 Do')).toEqual([
      { name: 'Im1', x: 10, y: 20, w: 100, h: 50 },
      { name: 'Im2', x: 0, y: 0, w: 1, h: 1 },
    ]);
  });

  it('reads no operator inside a string, and skips a rotated image', () => {
    expect(placements('BT (1 0 0 1 0 0 cm /X Do) Tj ET')).toEqual([]);
    expect(placements('q 0 1 -1 0 595 0 cm /Im0 Do Q')).toEqual([]);
  });
});
