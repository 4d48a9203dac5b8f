// PDF/A, the archive format: a draft exported as PDF/A (Word and LibreOffice
// write PDF/A-1b, -2b or -3b) stays PDF/A of the same part when stamped. The
// draft's bytes, output intent and fonts stay as they are (the update only
// adds); what we add keeps to the rules that apply to it: the one font is
// embedded, nothing is transparent or scripted, and the XMP metadata says what
// the Info dictionary says (title, producer, modification date), with the
// PDF/A identification (pdfaid) kept. A draft that is not PDF/A is not made
// one; the audit page says which the record is.
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { objectReader } from './objects';

export interface PdfA {
  /** 1, 2 or 3. */
  part: number;
  /** "A", "B" or "U". */
  conformance: string;
}

/** "PDF/A-2b". */
export const pdfaLabel = (p: PdfA): string => `PDF/A-${p.part}${p.conformance.toLowerCase()}`;

/** The XMP packet of the catalog's /Metadata, as text; null when there is none or it cannot be read. */
function metadataOf(doc: PDFDocument): string | null {
  const { resolve } = objectReader(doc.context);
  const stream = resolve(doc.catalog.get(PDFName.of('Metadata')));
  if (!(stream instanceof PDFRawStream)) return null;
  try {
    const bytes = stream.dict.has(PDFName.of('Filter')) ? decodePDFRawStream(stream).decode() : stream.contents;
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return null;
  }
}

const property = (xmp: string, name: string): string | undefined =>
  new RegExp(`<${name}>\\s*([^<\\s]+)\\s*</${name}>|\\b${name}\\s*=\\s*["']([^"']+)["']`).exec(xmp)?.slice(1).find(Boolean);

/** "PDF/A-2b" when the draft's bytes are PDF/A by `findPdfA`, else null (also when pdf-lib cannot read them). */
export async function pdfaOfDraft(bytes: Uint8Array): Promise<string | null> {
  try {
    const found = findPdfA(await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false, ignoreEncryption: true }));
    return found && pdfaLabel(found);
  } catch {
    return null;
  }
}

/**
 * The draft's PDF/A identification, when it claims one and carries the output
 * intent PDF/A requires; otherwise null (the record is then not PDF/A).
 */
export function findPdfA(doc: PDFDocument): PdfA | null {
  const { array, dict, name } = objectReader(doc.context);
  if (doc.context.trailerInfo.Encrypt) return null;
  const metadata = metadataOf(doc);
  if (!metadata) return null;
  const part = Number(property(metadata, 'pdfaid:part'));
  const conformance = (property(metadata, 'pdfaid:conformance') ?? '').toUpperCase();
  if (![1, 2, 3].includes(part) || !['A', 'B', 'U'].includes(conformance)) return null;
  const intents = array(doc.catalog.get(PDFName.of('OutputIntents')));
  if (!intents.some((i) => name(dict(i)?.get(PDFName.of('S'))) === 'GTS_PDFA1')) return null;
  return { part, conformance };
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * Rewrites the draft's XMP so that it agrees with the Info dictionary the
 * stamp wrote: the properties we set are taken out wherever the packet had
 * them (element or attribute form) and written again in one description of
 * their own; everything else, pdfaid included, stays. The new stream replaces
 * the old one under the same object number, unfiltered as PDF/A-1 wants it.
 */
export function updateXmp(doc: PDFDocument, values: { title: string; producer: string; modified: Date }): void {
  const ref = doc.catalog.get(PDFName.of('Metadata'));
  let xmp = metadataOf(doc);
  if (xmp === null || !(ref instanceof PDFRef)) return;
  const ours = ['dc:title', 'pdf:Producer', 'xmp:ModifyDate', 'xmp:MetadataDate'];
  for (const key of ours) {
    xmp = xmp.replace(new RegExp(`<${key}\\b[^>]*/>|<${key}\\b[^>]*>[^]*?</${key}>`, 'g'), '');
    xmp = xmp.replace(new RegExp(`\\s${key}\\s*=\\s*("[^"]*"|'[^']*')`, 'g'), '');
  }
  const when = values.modified.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const description =
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">` +
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(values.title)}</rdf:li></rdf:Alt></dc:title>` +
    `<pdf:Producer>${escapeXml(values.producer)}</pdf:Producer>` +
    `<xmp:ModifyDate>${when}</xmp:ModifyDate><xmp:MetadataDate>${when}</xmp:MetadataDate></rdf:Description>\n`;
  const end = xmp.lastIndexOf('</rdf:RDF>');
  if (end < 0) return;
  xmp = xmp.slice(0, end) + description + xmp.slice(end);
  const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  doc.context.assign(ref, stream);
}
