// The parser's entry point for a PDF: extraction, then parsing. It never decides
// whether the minutes are good enough: minutes without a recognisable item still
// yield their header, and the caller (receive) sets them aside for a person.
import { assertWithinCpu, DEFAULT_LIMITS, extractDocument, type ExtractedDocument, type ExtractOptions } from './extract';
import type { ParsedMinutes } from './model';
import { parseMinutes } from './parse';

export { parseMinutes, linesFromText } from './parse';
export { formatSummary } from './summary';
export { PdfReadError } from './extract';
export type { ExtractedDocument, ExtractOptions, TextLine, PdfErrorCode } from './extract';
export type * from './model';

export async function parsePdf(bytes: Uint8Array, limits?: ExtractOptions): Promise<{ minutes: ParsedMinutes; document: ExtractedDocument }> {
  const started = process.cpuUsage();
  const document = await extractDocument(bytes, limits);
  const first = document.pages[0];
  const running = first ? first.lines.filter((l) => l.furniture && l.y > first.height / 2 && !/^\d+$/.test(l.text.trim())) : [];
  const minutes = parseMinutes(document.lines, running);
  // The parse after the extraction counts towards the same CPU budget.
  assertWithinCpu(started, limits?.maxCpuMs ?? DEFAULT_LIMITS.maxCpuMs);
  return { minutes, document };
}
