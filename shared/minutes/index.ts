// The parser's entry point for a PDF: extraction, then parsing. It never decides
// whether the minutes are good enough: minutes without a recognisable item still
// yield their header, and the caller (receive) sets them aside for a person.
import { assertWithinCpu, DEFAULT_LIMITS, extractDocument, PdfReadError, type ExtractedDocument, type ExtractOptions } from './extract';
import type { ParsedMinutes } from './model';
import { tesseractOcr, type Ocr } from './ocr';
import { parseMinutes } from './parse';
import { rereadScans } from './reread';
import { scannedPages } from './scan';

export { parseMinutes, linesFromText } from './parse';
export { formatSummary } from './summary';
export { PdfReadError };
export type { ExtractedDocument, ExtractOptions, TextLine, PdfErrorCode } from './extract';
export type { Ocr } from './ocr';
export type * from './model';

/**
 * `ocr`: what re-reads scanned pages (reread.ts); by default tesseract.js, started only for a
 * document with a scanned page and ended with its parse.
 */
export async function parsePdf(bytes: Uint8Array, limits?: ExtractOptions, ocr?: Ocr): Promise<{ minutes: ParsedMinutes; document: ExtractedDocument }> {
  const started = process.cpuUsage();
  const maxCpuMs = limits?.maxCpuMs ?? DEFAULT_LIMITS.maxCpuMs;
  const document = await extractDocument(bytes, limits);
  const unread = await reread(bytes, document, ocr, () => assertWithinCpu(started, maxCpuMs));
  const first = document.pages[0];
  const running = first ? first.lines.filter((l) => l.furniture && l.y > first.height / 2 && !/^\d+$/.test(l.text.trim())) : [];
  const minutes = parseMinutes(document.lines, running);
  if (unread) minutes.warnings.push(`Skannade sidor kunde inte läsas om ur bilden (${unread}); bara skannerns textlager har lästs.`);
  // OCR (its worker thread is part of the process) and the parse count towards the same CPU budget.
  assertWithinCpu(started, maxCpuMs);
  return { minutes, document };
}

/**
 * Re-reads the scanned pages' images where their text layer falls short. A reader that fails
 * leaves the text layer as it was and says why (returned); the CPU budget still ends the parse.
 */
async function reread(bytes: Uint8Array, document: ExtractedDocument, ocr: Ocr | undefined, afterRead: () => void): Promise<string | null> {
  const images = await scannedPages(bytes);
  afterRead();
  if (images.length === 0) return null;
  const reader = ocr ?? tesseractOcr();
  try {
    await rereadScans(document.pages, images, reader, afterRead);
    return null;
  } catch (error) {
    if (error instanceof PdfReadError) throw error;
    return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 120);
  } finally {
    if (!ocr) await reader.close().catch(() => undefined);
    document.lines = document.pages.flatMap((p) => p.lines.filter((l) => !l.furniture));
  }
}
