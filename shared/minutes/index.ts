// The parser's entry point for a PDF: extraction, then parsing. It never decides
// whether the minutes are good enough: minutes without a recognisable item still
// yield their header, and the caller (receive) sets them aside for a person.
import { assertWithinCpu, DEFAULT_LIMITS, extractDocument, PdfReadError, type ExtractedDocument, type ExtractOptions } from './extract';
import type { ParsedMinutes } from './model';
import { tesseractOcr, type Ocr } from './ocr';
import { parseMinutes } from './parse';
import { rereadScans, type RereadBudget } from './reread';
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
  const spentMs = () => {
    const spent = process.cpuUsage(started);
    return (spent.user + spent.system) / 1000;
  };
  const budget = { afterRead: () => assertWithinCpu(started, maxCpuMs), spent: () => spentMs() > maxCpuMs * OCR_SHARE };
  const reread = await rereadPages(bytes, document, ocr, budget);
  const first = document.pages[0];
  const running = first ? first.lines.filter((l) => l.furniture && l.y > first.height / 2 && !/^\d+$/.test(l.text.trim())) : [];
  const minutes = parseMinutes(document.lines, running);
  if (reread.failed) minutes.warnings.push(`Skannade sidor kunde inte läsas om ur bilden (${reread.failed}); bara skannerns textlager har lästs.`);
  if (reread.skipped.length)
    minutes.warnings.push(`Skannade sidor ${pageList(reread.skipped)} har bara lästs ur skannerns textlager: att läsa om bilden hade tagit för lång tid.`);
  // OCR (its worker thread is part of the process) and the parse count towards the same CPU budget.
  assertWithinCpu(started, maxCpuMs);
  return { minutes, document };
}

/** Re-reading scans stops starting pages once the parse has spent this share of its CPU budget: the rest is the parse's. */
export const OCR_SHARE = 0.5;

/**
 * Re-reads the scanned pages' images where their text layer falls short. A reader that fails
 * leaves the text layer as it was and says why; the CPU budget still ends the parse.
 */
async function rereadPages(
  bytes: Uint8Array,
  document: ExtractedDocument,
  ocr: Ocr | undefined,
  budget: RereadBudget,
): Promise<{ failed: string | null; skipped: number[] }> {
  const images = await scannedPages(bytes);
  budget.afterRead();
  if (images.length === 0) return { failed: null, skipped: [] };
  const reader = ocr ?? tesseractOcr();
  try {
    return { failed: null, skipped: await rereadScans(document.pages, images, reader, budget) };
  } catch (error) {
    if (error instanceof PdfReadError) throw error;
    return { failed: (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 120), skipped: [] };
  } finally {
    if (!ocr) await reader.close().catch(() => undefined);
    document.lines = document.pages.flatMap((p) => p.lines.filter((l) => !l.furniture));
  }
}

/** 3, 4, 5, 9 -> "3–5, 9". */
function pageList(pages: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    runs.push(j > i ? `${pages[i]}–${pages[j]}` : `${pages[i]}`);
    i = j + 1;
  }
  return runs.join(', ');
}
