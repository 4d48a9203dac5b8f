// Text extraction with positions, built on pdf.js (through unpdf's serverless
// build, which needs no worker and no canvas). Lines keep reading order, their
// page and their position in PDF user space (origin bottom-left), so the parser
// reads structure and the stamp finds where a name is printed.
import { getDocumentProxy } from 'unpdf';
import { measure } from './budget';

export interface TextLine {
  /** 1-based page number. */
  page: number;
  /** Text of the line. Columns separated by a wide gap are joined with a tab. */
  text: string;
  /** Left edge and baseline in PDF user space. */
  x: number;
  y: number;
  width: number;
  /** Largest font size on the line. */
  size: number;
  /** A header or footer repeated on the pages (or a bare page number). */
  furniture: boolean;
}

export interface ExtractedPage {
  number: number;
  width: number;
  height: number;
  lines: TextLine[];
}

export interface ExtractedDocument {
  pages: ExtractedPage[];
  /** All non-furniture lines in reading order. */
  lines: TextLine[];
}

export type PdfErrorCode = 'EMPTY' | 'NOT_PDF' | 'ENCRYPTED' | 'CORRUPT' | 'TOO_LARGE' | 'TOO_MANY_PAGES' | 'TOO_COMPLEX' | 'NO_TEXT' | 'NO_ITEMS';

/** A file that cannot be read as minutes. `message` is Swedish for the secretary, `english` the same in English. */
export class PdfReadError extends Error {
  constructor(
    readonly code: PdfErrorCode,
    message: string,
    readonly english: string,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

export interface ExtractOptions {
  maxPages?: number;
  maxBytes?: number;
  /** Bytes the streams read for text may unpack to, together (see budget.ts). */
  maxUnpackedBytes?: number;
  /** Indirect objects the file may declare. */
  maxObjects?: number;
  /** CPU time (user + system, ms) the extraction may spend; checked between pages. */
  maxCpuMs?: number;
}

// pdf.js holds about 2.5 times what it unpacks (a buffer doubles as it grows): 128 MB
// stays well inside the parse function's 1024 MB. A 500-page document has some
// ten thousand objects; pdf.js takes time quadratic in the content streams of a page.
// The parse function runs 60 s with about 0.6 of a vCPU (1024 MB): 30 s of CPU is
// about 50 s of wall time, so a file over it is refused before the function times out.
export const DEFAULT_LIMITS = { maxBytes: 50 * 1024 * 1024, maxPages: 500, maxUnpackedBytes: 128 * 1024 * 1024, maxObjects: 100_000, maxCpuMs: 30_000 } as const;

const MARGIN = 0.12; // share of the page height where headers and footers live

/** Checks the bytes, not the name: a PDF starts with %PDF- within its first kilobyte. */
export function assertLooksLikePdf(bytes: Uint8Array, maxBytes: number = DEFAULT_LIMITS.maxBytes): void {
  if (bytes.length === 0) throw new PdfReadError('EMPTY', 'Filen är tom (0 byte).', 'The file is empty (0 bytes).');
  if (bytes.length > maxBytes)
    throw new PdfReadError(
      'TOO_LARGE',
      `Filen är ${mb(bytes.length)} MB; största tillåtna storlek är ${mb(maxBytes)} MB.`,
      `The file is ${mb(bytes.length)} MB; the limit is ${mb(maxBytes)} MB.`,
    );
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) {
    const what = sniff(head);
    throw new PdfReadError(
      'NOT_PDF',
      `Filen är inte en PDF${what ? ` (den ser ut som ${what[0]})` : ''}: den börjar inte med %PDF-.`,
      `The file is not a PDF${what ? ` (it looks like ${what[1]})` : ''}: it does not start with %PDF-.`,
    );
  }
}

/** Refuses, before pdf.js unpacks anything, a file that would unpack or declare more than the function can hold. */
export async function assertWithinBudget(bytes: Uint8Array, options: ExtractOptions = {}): Promise<void> {
  const maxUnpackedBytes = options.maxUnpackedBytes ?? DEFAULT_LIMITS.maxUnpackedBytes;
  const maxObjects = options.maxObjects ?? DEFAULT_LIMITS.maxObjects;
  const usage = await measure(bytes, { maxUnpackedBytes, maxObjects });
  if (usage.exceeded === 'unpacked')
    throw new PdfReadError(
      'TOO_LARGE',
      `PDF:en packas upp till mer än ${mb(maxUnpackedBytes)} MB när den läses och kan därför inte tas emot.`,
      `The PDF unpacks to more than ${mb(maxUnpackedBytes)} MB when read and cannot be accepted.`,
    );
  if (usage.exceeded === 'objects')
    throw new PdfReadError(
      'TOO_LARGE',
      `PDF:en består av fler än ${maxObjects.toLocaleString('sv-SE')} objekt och kan därför inte tas emot.`,
      `The PDF consists of more than ${maxObjects.toLocaleString('en-GB')} objects and cannot be accepted.`,
    );
}

/**
 * Refuses a file once reading it has cost more than `maxCpuMs` of CPU since `since` (a
 * `process.cpuUsage()`): retried, it would only time out again, five times over.
 */
export function assertWithinCpu(since: NodeJS.CpuUsage, maxCpuMs: number = DEFAULT_LIMITS.maxCpuMs): void {
  const spent = process.cpuUsage(since);
  if ((spent.user + spent.system) / 1000 <= maxCpuMs) return;
  const seconds = (maxCpuMs / 1000).toLocaleString('sv-SE', { maximumFractionDigits: 3 });
  throw new PdfReadError(
    'TOO_COMPLEX',
    `PDF:en tar för lång tid att läsa (mer än ${seconds} s processortid). Exportera protokollet som PDF på nytt från ordbehandlaren, eller dela upp det, och ladda upp igen.`,
    `The PDF takes too long to read (more than ${(maxCpuMs / 1000).toLocaleString('en-GB', { maximumFractionDigits: 3 })} s of CPU time). Export the minutes as PDF again from the word processor, or split them, and upload again.`,
  );
}

export async function extractDocument(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const maxPages = options.maxPages ?? DEFAULT_LIMITS.maxPages;
  const started = process.cpuUsage();
  const maxCpuMs = options.maxCpuMs ?? DEFAULT_LIMITS.maxCpuMs;
  assertLooksLikePdf(bytes, options.maxBytes);
  await assertWithinBudget(bytes, options);
  const pdf = await openPdf(bytes);
  try {
    // An owner-password-only PDF opens, but it cannot be stamped and sealed faithfully.
    if ((await pdf.getPermissions()) !== null)
      throw new PdfReadError('ENCRYPTED', 'PDF:en är krypterad (har behörighetsbegränsningar).', 'The PDF is encrypted (has permission restrictions).');
    if (pdf.numPages > maxPages)
      throw new PdfReadError(
        'TOO_MANY_PAGES',
        `PDF:en har ${pdf.numPages} sidor; högsta tillåtna antal är ${maxPages}.`,
        `The PDF has ${pdf.numPages} pages; the limit is ${maxPages}.`,
      );
    const pages: ExtractedPage[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      pages.push({ number: n, width: x1 - x0, height: y1 - y0, lines: toLines(n, content.items as RawItem[]) });
      page.cleanup();
      assertWithinCpu(started, maxCpuMs);
    }
    markFurniture(pages);
    const lines = pages.flatMap((p) => p.lines.filter((l) => !l.furniture));
    assertHasText(lines);
    return { pages, lines };
  } catch (error) {
    if (error instanceof PdfReadError) throw error;
    throw new PdfReadError('CORRUPT', `PDF:en kunde inte läsas (${short(error)}).`, `The PDF could not be read (${short(error)}).`);
  } finally {
    await pdf.destroy();
  }
}

/** pdf.js's document, or the reason it will not open (encrypted, damaged). */
async function openPdf(bytes: Uint8Array): Promise<Awaited<ReturnType<typeof getDocumentProxy>>> {
  try {
    // pdf.js takes ownership of (and may detach) the buffer it is given.
    return await getDocumentProxy(new Uint8Array(bytes), {
      isEvalSupported: false,
      disableFontFace: true,
      stopAtErrors: false,
    });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new PdfReadError('ENCRYPTED', 'PDF:en är lösenordsskyddad.', 'The PDF is password protected.');
    throw new PdfReadError(
      'CORRUPT',
      `PDF:en är trasig eller ofullständig och kan inte läsas (${short(error)}).`,
      `The PDF is damaged or truncated and cannot be read (${short(error)}).`,
    );
  }
}

function assertHasText(lines: TextLine[]): void {
  const letters = lines.reduce((sum, l) => sum + (l.text.match(/\p{L}/gu)?.length ?? 0), 0);
  if (letters < 40)
    throw new PdfReadError(
      'NO_TEXT',
      'PDF:en saknar textlager (den verkar vara inskannad). Spara protokollet som PDF direkt från ordbehandlaren.',
      'The PDF has no text layer (it looks scanned). Save the minutes as PDF directly from the word processor.',
    );
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

interface Glyphs {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** Groups pdf.js text runs into lines: same baseline (within a tolerance), ordered left to right. */
export function toLines(page: number, items: RawItem[]): TextLine[] {
  const runs: Glyphs[] = [];
  for (const item of items) {
    if (!item.str || !item.transform) continue;
    const [a = 0, b = 0, , , e = 0, f = 0] = item.transform;
    const size = Math.hypot(a, b) || item.height || 1;
    runs.push({ str: item.str, x: e, y: f, width: item.width, size });
  }
  runs.sort((p, q) => q.y - p.y || p.x - q.x);

  const rows: Glyphs[][] = [];
  for (const run of runs) {
    const row = rows.at(-1);
    const ref = row?.[0];
    if (row && ref && Math.abs(ref.y - run.y) <= Math.max(1.5, 0.4 * Math.min(ref.size, run.size))) row.push(run);
    else rows.push([run]);
  }

  const lines: TextLine[] = [];
  for (const row of rows) {
    row.sort((p, q) => p.x - q.x);
    let text = '';
    let end = -Infinity;
    const size = Math.max(...row.map((r) => r.size));
    const column = columnGap(row, size);
    let wide = false; // a tab is often drawn as one wide space glyph
    for (const run of row) {
      const gap = run.x - end;
      if (/^\s+$/.test(run.str) && column.scanned) {
        // A scan's spaces are as wide as its word gaps happen to be: only the gap between words counts.
        if (text && !/\s$/.test(text)) text += ' ';
        continue;
      }
      if (/^\s+$/.test(run.str)) {
        if (run.width > 0.8 * size) wide = true;
        else if (text && !/\s$/.test(text)) text += ' ';
        end = Math.max(end, run.x + run.width);
        continue;
      }
      if (text) {
        if (wide || gap > column.width) text = text.trimEnd() + '\t';
        else if (gap > 0.15 * size && !/\s$/.test(text) && !/^\s/.test(run.str)) text += ' ';
      }
      wide = false;
      text += run.str;
      end = Math.max(end, run.x + run.width);
    }
    // Private-use glyphs are icons of the page (an e-sign service's marks), not text; the Symbol font's bullets stay.
    text = text.replace(/[\uE000-\uF075\uF077-\uF0A6\uF0A8-\uF0B6\uF0B8-\uF8FF]/gu, '').replace(/[ \u00a0]+/g, ' ').replace(/ ?\t ?/g, '\t').trim();
    if (!text) continue;
    const first = row[0]!;
    lines.push({ page, text, x: first.x, y: first.y, width: end - first.x, size, furniture: false });
  }
  return lines;
}

/**
 * How wide a gap between runs must be to separate columns. A scanned page's text layer places
 * every word on its own, with word gaps that vary with the scan: there a column gap is one much
 * wider than the row's usual gap, not merely wider than two characters.
 */
function columnGap(row: Glyphs[], size: number): { width: number; scanned: boolean } {
  const words = row.filter((r) => !/^\s+$/.test(r.str));
  const gaps: number[] = [];
  for (let k = 1; k < words.length; k++) gaps.push(words[k]!.x - (words[k - 1]!.x + words[k - 1]!.width));
  // Word processors set a line in a few runs; a scan's text layer sets one run a word.
  const scanned = words.length >= 3 && words.every((w) => !/\s\S/.test(w.str.trim()));
  if (!scanned) return { width: 2 * size, scanned };
  gaps.sort((p, q) => p - q);
  return { width: Math.max(2 * size, 4 * Math.max(gaps[Math.floor((gaps.length - 1) / 2)]!, 0.2 * size)), scanned };
}

const PAGE_NUMBER = /^(sida|page|s\.)?\s*#+\s*((av|of|\/|\()\s*#+\s*\)?)?$|^[-–]\s*#+\s*[-–]$/i;

/** Marks lines in the top or bottom margin that repeat on many pages, and bare page numbers. */
export function markFurniture(pages: ExtractedPage[]): void {
  const key = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
  const inMargin = (line: TextLine, page: ExtractedPage) =>
    line.y > page.height * (1 - MARGIN) || line.y < page.height * MARGIN;

  const seenOn = new Map<string, Set<number>>();
  for (const page of pages)
    for (const line of page.lines)
      if (inMargin(line, page)) {
        const k = key(line.text);
        if (!seenOn.has(k)) seenOn.set(k, new Set());
        seenOn.get(k)!.add(page.number);
      }

  const threshold = Math.max(2, Math.ceil(pages.length / 2));
  for (const page of pages)
    for (const line of page.lines) {
      if (!inMargin(line, page)) continue;
      const k = key(line.text);
      // A bare four-digit number is a year (a wrapped "... den 14 februari" / "2025"), never a page number.
      const pageNumber = PAGE_NUMBER.test(k) && !/\d{4}/.test(line.text);
      if (pageNumber || (pages.length > 1 && (seenOn.get(k)?.size ?? 0) >= threshold)) line.furniture = true;
    }
  markFormFurniture(pages, key);
  stripFurniturePrefixes(pages);
}

/**
 * A margin text that e-sign services print on every page ("CGB, MM, HOR, OG — Powered by …") can share
 * a baseline with a line of the minutes and be read into it: where a line starts with the text of a
 * furniture line of the same document, that text is not part of the line.
 */
function stripFurniturePrefixes(pages: ExtractedPage[]): void {
  const texts = [...new Set(pages.flatMap((p) => p.lines.filter((l) => l.furniture && l.text.length >= 15).map((l) => l.text)))];
  if (texts.length === 0) return;
  for (const page of pages)
    for (const line of page.lines) {
      if (line.furniture) continue;
      const prefix = texts.find((t) => line.text.startsWith(t) && line.text.length > t.length);
      if (prefix) line.text = line.text.slice(prefix.length).replace(/^[\s\t]+/, '');
    }
}

/** What a form prints on every page, whether or not a conversion left it in the margin: "Justerandes sign", "Utdragsbestyrkande", the running head. */
const FORM_FURNITURE = /^(?:justerandes\s+sign(?:atur)?|utdragsbestyrkande)\b|protokoll|^\p{Lu}{2,}(?:\s+\p{Lu}{2,})+\b/iu;

/**
 * Municipal templates repeat a signature box and a running head on every page; text conversions
 * put them mid-page. A line of that kind repeated on a third of the pages (three at least) is
 * furniture wherever it stands, and so is a bare page number next to it.
 */
function markFormFurniture(pages: ExtractedPage[], key: (text: string) => string): void {
  if (pages.length < 3) return;
  const seenOn = new Map<string, Set<number>>();
  for (const page of pages)
    for (const line of page.lines) {
      const k = key(line.text);
      if (!seenOn.has(k)) seenOn.set(k, new Set());
      seenOn.get(k)!.add(page.number);
    }
  const threshold = Math.max(3, Math.ceil(pages.length / 3));
  for (const page of pages) {
    for (const line of page.lines) {
      const repeated = (seenOn.get(key(line.text))?.size ?? 0) >= threshold;
      const upper = /^\p{Lu}{2,}(?:\s+\p{Lu}{2,})+/u.test(line.text) || /^(?:justerandes|utdrag)/iu.test(line.text) || /protokoll/iu.test(line.text);
      if (repeated && upper && FORM_FURNITURE.test(line.text) && line.text.length <= 90) line.furniture = true;
    }
    page.lines.forEach((line, i) => {
      if (/^\d{1,3}$/.test(line.text.trim()) && (page.lines[i - 1]?.furniture || page.lines[i + 1]?.furniture)) line.furniture = true;
    });
  }
}

/** What a non-PDF file looks like, in Swedish and English. */
function sniff(head: string): [string, string] | null {
  if (head.startsWith('PK\u0003\u0004')) return ['ett ZIP-arkiv eller Word-dokument', 'a ZIP archive or Word document'];
  if (/^\s*<(!doctype html|html)/i.test(head)) return ['en HTML-sida', 'an HTML page'];
  if (head.startsWith('\u00d0\u00cf\u0011\u00e0')) return ['ett äldre Office-dokument', 'an older Office document'];
  if (head.startsWith('\u0089PNG') || head.startsWith('\u00ff\u00d8\u00ff')) return ['en bild', 'an image'];
  if (/^[\t\n\r\x20-\x7e\u00a0-\u00ff]*$/.test(head.slice(0, 256))) return ['en textfil', 'a text file'];
  return null;
}

function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1).replace('.', ',');
}

function short(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 120);
}
