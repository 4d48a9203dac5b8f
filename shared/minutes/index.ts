// The parser's entry point for a PDF: extraction, then parsing. Minutes without
// a single recognisable item are refused, because nothing downstream (signing,
// decisions, notices) can work with them.
import { extractDocument, PdfReadError, type ExtractedDocument, type ExtractOptions } from './extract';
import type { ParsedMinutes } from './model';
import { parseMinutes } from './parse';

export { parseMinutes, linesFromText } from './parse';
export { formatSummary } from './summary';
export { PdfReadError } from './extract';
export type { ExtractedDocument, ExtractOptions, TextLine, PdfErrorCode } from './extract';
export type * from './model';

export async function parsePdf(bytes: Uint8Array, limits?: ExtractOptions): Promise<{ minutes: ParsedMinutes; document: ExtractedDocument }> {
  const document = await extractDocument(bytes, limits);
  const minutes = parseMinutes(document.lines);
  if (minutes.items.length === 0)
    throw new PdfReadError(
      'NO_ITEMS',
      'Inga numrerade paragrafer (§ 1, § 2 …) eller punkter (1., 2. …) hittades i PDF:en. Kontrollera att det är ett protokoll eller minnesanteckningar.',
      'No numbered paragraphs (§ 1, § 2 …) or points (1., 2. …) were found in the PDF. Check that it is minutes.',
    );
  return { minutes, document };
}
