// Re-reading scanned pages where their text layer is known to fall short. A
// scanner's OCR reads running text well but loses what stands apart from it: the
// numbers in a table's number column (a bold or grey cell) and the printed name
// under a signature. Only those places are read again, from the page image: a
// page costs a few hundred milliseconds, not the seconds of a full-page OCR, and
// what is read is merged into the extracted lines by position, so the rules for
// items and people read it like any other line.
import type { ExtractedPage, TextLine } from './extract';
import { closingLabelKind, closingLabelRest, isClosingLabel } from './markers';
import type { Ocr, OcrLine, Rect } from './ocr';
import { namesIn } from './people';
import type { PageImage } from './scan';

/** A number as a number column prints it: "1", "1.", "12.", "§ 4". */
const NUMBER = /^(?:§\s*)?(\d{1,3})\.?$/u;
/** Lines within this many points of an x count as starting there (a scan's text layer jitters). */
const ALIGN = 4;
/** Narrower than this, the room left of the text holds no number. */
const MIN_GUTTER = 12;
/** How far left of the text a number column is read: "§ 123" fits, a table's outer rule (which makes tesseract see a picture, not text) mostly not. */
const MAX_GUTTER = 36;
/** A reading this confident (0–100) stands on its own. */
const SURE = 80;

/**
 * What re-reading may spend. `afterRead` throws once the parse is over its whole CPU budget;
 * `spent` says a page should not be started (re-reading has its share, the parse after it the rest).
 */
export interface RereadBudget {
  afterRead(): void;
  spent(): boolean;
}

/** Re-reads the scanned pages in place; returns the numbers of those left as their text layer has them (the budget's share was spent). */
export async function rereadScans(pages: ExtractedPage[], images: PageImage[], ocr: Ocr, budget: RereadBudget): Promise<number[]> {
  const skipped: number[] = [];
  for (const image of images) {
    if (skipped.length > 0 || budget.spent()) {
      skipped.push(image.page);
      continue;
    }
    const page = pages.find((p) => p.number === image.page);
    if (!page || page.lines.length === 0) continue;
    const dpi = (image.width / image.w) * 72;
    const gutter = numberGutter(page);
    if (gutter) {
      const column = await ocr.read(image.jpeg, toRect(image, gutter.left, gutter.right, gutter.top, gutter.bottom), 'numbers', dpi);
      budget.afterRead();
      for (const found of column) {
        if (!/\d/.test(found.text)) continue;
        const row = rowAt(gutter.rows, image, found);
        if (!row) continue;
        // The column read finds the row; the cell read alone reads its number right ("24" was "2.").
        const cell = await ocr.read(image.jpeg, toRect(image, gutter.left, gutter.right, row.y + row.size * 1.2, row.y - row.size * 0.4), 'number', dpi);
        budget.afterRead();
        const n = readNumber(cell[0] ?? null, found);
        if (n) mergeNumber(row, n, fromPixels(image, found).x);
      }
    }
    for (const label of unsignedLabels(page)) {
      const below = page.lines.filter((l) => l.y < label.y && l.y > label.y - 100 && Math.abs(l.x - label.x) < 40);
      const bottom = Math.max(label.y - 100, ...below.filter((l) => isClosingLabel(l.text)).map((l) => l.y + l.size));
      const lines = await ocr.read(image.jpeg, toRect(image, label.x - 6, label.x + 250, label.y - 3, bottom), 'text', dpi);
      budget.afterRead();
      for (const line of lines) addLine(page, line, image, label.size);
    }
  }
  return skipped;
}

/**
 * The room left of a page's body text where a number column stands: from the page's leftmost
 * text to the left edge most lines share, over the lines that start at that edge and have
 * nothing of their own in that room.
 */
export function numberGutter(page: ExtractedPage): { left: number; right: number; top: number; bottom: number; rows: TextLine[] } | null {
  const lines = page.lines.filter((l) => !l.furniture);
  if (lines.length < 3) return null;
  const counts = new Map<number, number>();
  for (const l of lines) counts.set(Math.round(l.x / ALIGN), (counts.get(Math.round(l.x / ALIGN)) ?? 0) + 1);
  const bin = [...counts].sort((p, q) => q[1] - p[1] || p[0] - q[0])[0]![0];
  const near = lines.filter((l) => Math.abs(l.x / ALIGN - bin) <= 1).map((l) => l.x).sort((p, q) => p - q);
  const middle = near[Math.floor(near.length / 2)]!;
  const at = lines.filter((l) => Math.abs(l.x - middle) <= ALIGN);
  const edge = Math.min(...at.map((l) => l.x));
  const left = Math.min(...lines.map((l) => l.x));
  if (edge - left < MIN_GUTTER) return null;
  const taken = (row: TextLine) => lines.some((l) => l.x < edge - 2 && Math.abs(l.y - row.y) < 0.5 * Math.max(l.size, row.size));
  const rows = at.filter((row) => !taken(row));
  if (rows.length === 0) return null;
  const top = Math.max(...rows.map((r) => r.y + r.size * 1.2));
  // Down to the page's last line: a block read cut just under a row misses that row's number.
  const bottom = Math.min(...lines.map((l) => l.y - l.size));
  return { left: Math.max(0, left - 6, edge - MAX_GUTTER), right: edge - 2, top, bottom, rows };
}

/** The row whose line box holds the middle of what was read. */
function rowAt(rows: TextLine[], image: PageImage, found: OcrLine): TextLine | null {
  const { y } = fromPixels(image, found);
  let best: TextLine | null = null;
  for (const row of rows) {
    const d = Math.abs(row.y + row.size * 0.35 - y);
    if (d <= row.size * 0.8 && (!best || d < Math.abs(best.y + best.size * 0.35 - y))) best = row;
  }
  return best;
}

/**
 * A row's number: the cell's own reading when it is a number, else the column's when the reader
 * was sure of it (a cell cut close to a table's rule can read the rule: "9.1" for "9.").
 */
export function readNumber(cell: OcrLine | null, column: OcrLine): string | null {
  return NUMBER.exec(cell?.text ?? '')?.[1] ?? (column.confidence >= SURE ? (NUMBER.exec(column.text)?.[1] ?? null) : null);
}

/** "Val av justerare" in the row of a number "1" read from the image becomes "1.<TAB>Val av justerare", as a number column reads. */
export function mergeNumber(row: TextLine, number: string, x: number): void {
  if (/^\d{1,3}[.)]?\t/.test(row.text)) return;
  row.width += row.x - x;
  row.x = x;
  row.text = `${number}.\t${row.text}`;
}

/**
 * Labels of a signature ("Ordförande", "Vid protokollet") alone on their line with no name on
 * the lines under them in their column: the scanner's OCR lost the printed name.
 */
export function unsignedLabels(page: ExtractedPage): TextLine[] {
  return page.lines.filter((label) => {
    const text = label.text.trim();
    if (!isClosingLabel(text) || closingLabelRest(text) !== '' || !closingLabelKind(text)) return false;
    const under = page.lines.filter((l) => l.y < label.y && l.y > label.y - 100 && Math.abs(l.x - label.x) < 40);
    return !under.some((l) => namesIn(l.text.split('\t')[0]!).length > 0);
  });
}

/** A line read from the image added to the page where it stands, in reading order. */
function addLine(page: ExtractedPage, found: OcrLine, image: PageImage, size: number): void {
  const { x, y } = fromPixels(image, found);
  const width = ((found.box.x1 - found.box.x0) * image.w) / image.width;
  const line: TextLine = { page: page.number, text: found.text.replace(/\s+/g, ' '), x, y, width, size, furniture: false };
  const at = page.lines.findIndex((l) => l.y < y);
  page.lines.splice(at < 0 ? page.lines.length : at, 0, line);
}

/** A rectangle given in PDF user space (left, right, top, bottom) in the image's pixels. */
export function toRect(image: PageImage, x0: number, x1: number, top: number, bottom: number): Rect {
  const sx = image.width / image.w;
  const sy = image.height / image.h;
  const left = Math.max(0, Math.round((x0 - image.x) * sx));
  const up = Math.max(0, Math.round((image.y + image.h - top) * sy));
  const width = Math.min(image.width - left, Math.round((x1 - x0) * sx));
  const height = Math.min(image.height - up, Math.round((top - bottom) * sy));
  return { left, top: up, width: Math.max(1, width), height: Math.max(1, height) };
}

/** The left edge and baseline, in PDF user space, of what was read. */
export function fromPixels(image: PageImage, found: OcrLine): { x: number; y: number } {
  return {
    x: image.x + (found.box.x0 * image.w) / image.width,
    y: image.y + image.h - (found.box.y1 * image.h) / image.height,
  };
}
