// Which pages are scans: a page is a scan when one JPEG image covers (nearly) all
// of it. A scanner's invisible text layer loses what its OCR could not read (a
// bold row's number, a name under a signature), and re-reading those parts of the
// page image (reread.ts) needs the image and where it sits on the page. The JPEG's
// bytes are the stream's bytes as stored (DCTDecode): nothing is rendered.
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFPage } from 'pdf-lib';

export interface PageImage {
  /** 1-based page number. */
  page: number;
  /** The JPEG file, as stored in the PDF. */
  jpeg: Uint8Array;
  /** Pixel size of the image. */
  width: number;
  height: number;
  /** Where the image sits in PDF user space: left, bottom, width and height. */
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Share of the page an image must cover to make the page a scan (scanners leave no margin, or a thin one). */
export const SCAN_COVER = 0.9;
/**
 * Pixels a page image may have to be re-read: A3 at 600 dpi is 70 million. Every read decodes the
 * whole JPEG in tesseract's WASM memory, and a declared size beyond this is no scanner's page.
 */
export const MAX_PIXELS = 80_000_000;

/**
 * The page images of scanned pages. Reads the PDF's structure only when it holds a JPEG at all;
 * a file pdf-lib cannot read has no scans as far as this is concerned (pdf.js already read its text).
 */
export async function scannedPages(bytes: Uint8Array): Promise<PageImage[]> {
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('/DCTDecode')) return [];
  let pages: PDFPage[];
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    pages = doc.getPages();
  } catch {
    return [];
  }
  const out: PageImage[] = [];
  pages.forEach((page, i) => {
    try {
      const image = pageImage(page, i + 1);
      if (image) out.push(image);
    } catch {
      // A damaged page is read from its text layer alone.
    }
  });
  return out;
}

function pageImage(page: PDFPage, number: number): PageImage | null {
  const { x: px, y: py, width: pw, height: ph } = page.getMediaBox();
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xobjects) return null;
  for (const placed of placements(contentOf(page))) {
    const stream = xobjects.lookup(PDFName.of(placed.name));
    if (!(stream instanceof PDFRawStream) || !isJpeg(stream.dict)) continue;
    const covered = overlap(placed.x, placed.w, px, pw) * overlap(placed.y, placed.h, py, ph);
    if (covered < SCAN_COVER * pw * ph) continue;
    const width = stream.dict.lookupMaybe(PDFName.of('Width'), PDFNumber)?.asNumber() ?? 0;
    const height = stream.dict.lookupMaybe(PDFName.of('Height'), PDFNumber)?.asNumber() ?? 0;
    if (width > 0 && height > 0 && width * height <= MAX_PIXELS) return { page: number, jpeg: stream.contents, width, height, x: placed.x, y: placed.y, w: placed.w, h: placed.h };
  }
  return null;
}

function isJpeg(dict: PDFDict): boolean {
  if (dict.lookupMaybe(PDFName.of('Subtype'), PDFName) !== PDFName.of('Image')) return false;
  const filter = dict.lookup(PDFName.of('Filter'));
  if (filter instanceof PDFName) return filter === PDFName.of('DCTDecode');
  return filter instanceof PDFArray && filter.size() === 1 && filter.lookup(0) === PDFName.of('DCTDecode');
}

function contentOf(page: PDFPage): string {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => page.doc.context.lookup(r)) : [contents];
  return streams
    .map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : ''))
    .join('\n');
}

/**
 * Where each image is drawn: the `cm` matrices in force at its `Do`, nested by `q`/`Q`. Only
 * unrotated placements count (a scanner draws the page upright); strings are skipped whole so
 * text never reads as operators.
 */
export function placements(content: string): { name: string; x: number; y: number; w: number; h: number }[] {
  const out: { name: string; x: number; y: number; w: number; h: number }[] = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  const operands: string[] = [];
  const tokens = content.replace(/\((?:\\.|[^\\)])*\)/gs, ' ').matchAll(/\/[^\s/<>[\]()]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+/g);
  for (const [token] of tokens) {
    if (token === 'q') stack.push(ctm);
    else if (token === 'Q') ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (token === 'cm' && operands.length >= 6) ctm = multiply(operands.slice(-6).map(Number), ctm);
    else if (token === 'Do' && operands.at(-1)?.startsWith('/')) {
      const [a, b, c, d, e, f] = ctm as [number, number, number, number, number, number];
      if (Math.abs(b) < 1e-6 && Math.abs(c) < 1e-6 && a > 0 && d > 0) out.push({ name: operands.at(-1)!.slice(1), x: e, y: f, w: a, h: d });
    }
    if (/^[A-Za-z'"*]+$/.test(token)) operands.length = 0;
    else operands.push(token);
  }
  return out;
}

/** m × n for PDF matrices [a b c d e f]: m applied first. */
function multiply(m: number[], n: number[]): number[] {
  const [a, b, c, d, e, f] = m as [number, number, number, number, number, number];
  const [A, B, C, D, E, F] = n as [number, number, number, number, number, number];
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

function overlap(start: number, length: number, from: number, size: number): number {
  return Math.max(0, Math.min(start + length, from + size) - Math.max(start, from));
}
