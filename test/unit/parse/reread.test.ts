// Re-reading scanned pages: where the number column stands, how a number read from the image
// joins its row so the item rules read it, and — with tesseract.js on a real scan — that the
// numbers and the chair's printed name the scanner's text layer lost come back.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument, type ExtractedPage, type TextLine } from '../../../shared/minutes/extract';
import { parseMinutes } from '../../../shared/minutes/parse';
import { tesseractOcr } from '../../../shared/minutes/ocr';
import { fromPixels, mergeNumber, numberGutter, readNumber, rereadScans, toRect, unsignedLabels } from '../../../shared/minutes/reread';
import { scannedPages, type PageImage } from '../../../shared/minutes/scan';

const line = (text: string, x: number, y: number, size = 9): TextLine => ({ page: 1, text, x, y, width: 200, size, furniture: false });
const page = (lines: TextLine[]): ExtractedPage => ({ number: 1, width: 595.2, height: 841.68, lines });

/** The first page of a co-op's minutes as its scanner's text layer has it: a table whose number column is empty. */
const table = () =>
  page([
    line('Datum och tid:\t2025-05-22 19.00', 51, 675),
    line('Närvarande:\tBjörn Goffeng, Ingrid Kristensen, Ylva Selander', 51, 645),
    line('Punkt Vad\tFöredragande/', 51, 582),
    line('Mötet öppnades', 90.5, 557),
    line('Val av justerare', 90, 541),
    line('Ylva väljs till justerare.', 90.2, 529),
    line('Nedlagd tid sedan förra mötet', 90.2, 516),
    line('Erik: 2h', 90.2, 504),
    line('Ekonomi', 89.3, 305),
    line('Inget nytt.', 89.3, 292),
    line('Underhåll', 92.4, 279),
    line('A) Lekplatser — dags för byte av sand', 108, 267),
  ]);

const image: PageImage = { page: 1, jpeg: new Uint8Array(), width: 2480, height: 3507, x: 0, y: 0, w: 595.2, h: 841.68 };

describe('the number column', () => {
  it('is the room between the page\'s leftmost text and the edge most lines start at, over the rows with nothing in it', () => {
    const g = numberGutter(table())!;
    expect(g.right).toBeCloseTo(87, 0);
    expect(g.left).toBeCloseTo(89 - 36, 0); // never wider than a number needs: a table's outer rule stays out
    expect(g.rows.map((r) => r.text)).toEqual(['Mötet öppnades', 'Val av justerare', 'Ylva väljs till justerare.', 'Nedlagd tid sedan förra mötet', 'Erik: 2h', 'Ekonomi', 'Inget nytt.', 'Underhåll']);
    expect(g.top).toBeGreaterThan(557);
    expect(g.bottom).toBeLessThan(267);
  });

  it('is not there when the text starts at the margin', () => {
    expect(numberGutter(page([line('Mötet öppnades', 56, 700), line('Val av justerare', 56, 680), line('Text', 58, 660)]))).toBeNull();
  });

  it('maps points to pixels and back at the scan\'s resolution', () => {
    const rect = toRect(image, 54, 87, 560, 540);
    expect(rect).toEqual({ left: 225, top: 1174, width: 137, height: 83 });
    const { x, y } = fromPixels(image, { text: '1.', confidence: 90, box: { x0: 225, y0: 1174, x1: 260, y1: 1257 } });
    expect(x).toBeCloseTo(54, 0);
    expect(y).toBeCloseTo(540, 0);
  });
});

describe('merging what was read', () => {
  it('puts the number before its row as a number column reads, and the item rules then read the items', () => {
    const p = table();
    const rows = numberGutter(p)!.rows;
    const numbered: [string, string][] = [['1', 'Val av justerare'], ['2', 'Nedlagd tid sedan förra mötet'], ['3', 'Ekonomi'], ['4', 'Underhåll']];
    for (const [n, title] of numbered) mergeNumber(rows.find((r) => r.text === title)!, n, 68);
    mergeNumber(rows.find((r) => r.text.startsWith('1.'))!, '7', 68); // read twice: the first number stays
    expect(p.lines.find((l) => l.text.includes('Val av'))).toMatchObject({ text: '1.\tVal av justerare', x: 68 });
    const minutes = parseMinutes(p.lines);
    expect(minutes.items.map((i) => [i.number, i.title])).toEqual(numbered);
    expect(minutes.adjusters).toEqual(['Ylva']);
  });

  it('takes the cell\'s reading when it is a number, else the column\'s when that was sure', () => {
    const read = (text: string, confidence = 0) => ({ text, confidence, box: { x0: 0, y0: 0, x1: 1, y1: 1 } });
    expect(readNumber(read('2'), read('24', 33))).toBe('2');
    expect(readNumber(read('§ 12.'), read('12'))).toBe('12');
    expect(readNumber(read('9.1'), read('9.', 89))).toBe('9');
    expect(readNumber(read('9.1'), read('9.', 40))).toBeNull();
    expect(readNumber(null, read('24', 33))).toBeNull();
  });

  it('re-reads under a signature label only where no name stands under it', () => {
    const p = page([
      line('Vid protokollet\tJusteras', 52, 637),
      line('Ingrid Kristensen\tYlva Selander', 52, 576),
      line('Ordförande', 52, 539),
      line('Sekreterare', 300, 539),
      line('Anna Berg', 300, 500),
    ]);
    expect(unsignedLabels(p).map((l) => l.text)).toEqual(['Ordförande']);
  });
});

describe('tesseract.js on a real scan', () => {
  const ocr = tesseractOcr();
  let pages: ExtractedPage[];
  let skipped: number[];
  let reads = 0;

  beforeAll(async () => {
    const bytes = new Uint8Array(readFileSync(fileURLToPath(new URL('../../../../shared/corpus/28_stenaldern-styrelse-2025-05-22.pdf', import.meta.url))));
    pages = (await extractDocument(bytes)).pages;
    skipped = await rereadScans(pages, await scannedPages(bytes), ocr, { afterRead: () => reads++, spent: () => false });
  }, 120_000);
  afterAll(() => ocr.close());

  it('gives the rows of the table their numbers back, and adds the chair\'s printed name under "Ordförande"', () => {
    expect(skipped).toEqual([]);
    const numbered = pages[0]!.lines.filter((l) => /^\d+\.\t/.test(l.text)).map((l) => l.text.split('\t')[0] + ' ' + l.text.split('\t')[1]);
    expect(numbered).toEqual(['1. Val av justerare', '2. Nedlagd tid sedan förra mötet', '3. Föregående', '4. Punkter från stämman', '5. Ekonomi', '6. Underhåll']);
    const lines = pages[1]!.lines.map((l) => l.text);
    const under = lines.slice(lines.indexOf('Ordförande') + 1);
    expect(under.some((t) => /Goffeng/.test(t))).toBe(true);
    expect(reads).toBeGreaterThan(2);
  });

  it('leaves pages as they are once the budget\'s share is spent, and says which', async () => {
    const bytes = new Uint8Array(readFileSync(fileURLToPath(new URL('../../../../shared/corpus/38_stenaldern-styrelse-2025-12-16.pdf', import.meta.url))));
    const document = await extractDocument(bytes);
    const before = JSON.stringify(document.pages);
    expect(await rereadScans(document.pages, await scannedPages(bytes), ocr, { afterRead: () => undefined, spent: () => true })).toEqual([1, 2]);
    expect(JSON.stringify(document.pages)).toBe(before);
  });
});
