// Seals a finished PDF with a PAdES baseline signature over the whole file:
// an incremental update after the given bytes adds an invisible signature
// field whose /Contents is a zero-filled hex placeholder, the /ByteRange is
// filled in around it, and the CMS over those ranges is written into the
// placeholder. The bytes before the update stay as they were (the stamped
// record, which begins with the draft); nothing may change afterwards.
import * as x509 from '@peculiar/x509';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFArray, PDFDict, PDFDocument, PDFInvalidObject, PDFName, PDFRef } from 'pdf-lib';
import { buildCadesSignature } from './cms';
import { appendUpdate, Snapshot, type Continuation, type Revisable } from '../stamp/incremental';
import { digest, plain } from './der';
import type { SealOptions, SealSigner } from './types';

/**
 * Room for the CMS, in bytes: signature, attributes and structure take under
 * 2 KB; the certificates go in whole; a timestamp token brings the TSA's
 * certificates (often a chain), so it gets a generous share. Too small a guess
 * costs one retry with the measured size, too large only zeros in the file.
 */
function capacityFor(signer: SealSigner, withTimestamp: boolean): number {
  const certificates = [signer.certificate, ...(signer.chain ?? [])].reduce((sum, c) => sum + c.length, 0);
  return 3072 + certificates + (withTimestamp ? 12_288 : 0);
}

/** PDF literal strings in the signature dictionary: Latin-1 (PDFDocEncoding) without delimiters to escape. */
function pdfText(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?').replace(/[()\\]/g, '');
}

function commonName(certificate: Uint8Array): string {
  return new x509.X509Certificate(plain(certificate)).subjectName.getField('CN')[0] ?? 'Justera';
}

/**
 * The document to add the seal to: the stamp's, still in memory, when the
 * stamp's continuation comes with its bytes (parsing a long protocol again cost
 * as much as stamping it), else `pdf` parsed (a record sealed later, the CLI,
 * a second seal of the same bytes).
 */
async function open(pdf: Uint8Array, continuation?: Continuation | null): Promise<Revisable> {
  if (continuation && continuation.bytes !== pdf) throw new Error('The continuation is of other bytes than the ones to seal.');
  const kept = continuation?.take();
  if (kept) return kept;
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return { doc, snapshot: Snapshot.of(doc, pdf) };
}

/** Adds the signature field and its dictionary with room for `capacity` bytes of CMS; returns the dictionary's reference. */
function addPlaceholder(doc: PDFDocument, signer: SealSigner, options: SealOptions, signingTime: Date, capacity: number): PDFRef {
  const pages = doc.getPages();
  pdflibAddPlaceholder({
    pdfDoc: doc,
    // The (invisible) widget sits on the last page: the audit page that describes the seal.
    pdfPage: pages[pages.length - 1],
    reason: pdfText(options.reason ?? 'Justerat protokoll, förseglat av Justera'),
    location: pdfText(options.location ?? ''),
    name: pdfText(options.name ?? commonName(signer.certificate)),
    contactInfo: pdfText(options.contactInfo ?? ''),
    signingTime,
    signatureLength: capacity * 2, // hex digits
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Justera',
  });
  // The widget it added is the form's last field; its /V is the signature dictionary.
  const fields = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray);
  const widget = fields.lookup(fields.size() - 1, PDFDict);
  const signature = widget.get(PDFName.of('V'));
  if (!(signature instanceof PDFRef)) throw new Error('The signature field has no signature dictionary.');
  return signature;
}

/**
 * Gives the signature dictionary room for `capacity` bytes of CMS. The library
 * writes the dictionary out once (so that it is never put in an object
 * stream); its /Contents is the only run of NULs between angle brackets.
 */
function widenPlaceholder(doc: PDFDocument, signature: PDFRef, capacity: number): void {
  const written = doc.context.lookup(signature);
  if (!(written instanceof PDFInvalidObject)) throw new Error('The signature dictionary is not where the placeholder put it.');
  const bytes = new Uint8Array(written.sizeInBytes());
  written.copyBytesInto(bytes, 0);
  const text = Buffer.from(bytes).toString('latin1');
  // The library fills the placeholder with NUL characters (the signature's hex digits later replace them).
  const wider = text.replace(/(\/Contents\s*<)\0+>/, `$1${'\0'.repeat(capacity * 2)}>`);
  if (wider === text) throw new Error('The signature dictionary has no /Contents placeholder.');
  doc.context.assign(signature, PDFInvalidObject.of(Buffer.from(wider, 'latin1')));
}

export interface PreparedPdf {
  bytes: Uint8Array;
  /** [0, start of "<", end after ">", rest]. */
  byteRange: [number, number, number, number];
}

const PLACEHOLDER_PATTERN = (() => {
  const stars = DEFAULT_BYTE_RANGE_PLACEHOLDER.replace(/\*/g, '\\*');
  return new RegExp(`^/ByteRange\\s*\\[\\s*0\\s+/${stars}\\s+/${stars}\\s+/${stars}\\s*\\]`);
})();

/**
 * Fills in the /ByteRange around the /Contents placeholder (same length,
 * padded with spaces), in `bytes` itself. The placeholder is the last one at
 * or after `from`: pass where the update that added it begins, so that only
 * the update is searched, not the whole record.
 */
export function fixByteRange(bytes: Uint8Array, from = 0): PreparedPdf {
  // A view, not a copy: a Buffer's indexOf finds byte strings without decoding the file.
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let at = file.lastIndexOf('/ByteRange', undefined, 'latin1');
  let match: RegExpExecArray | null = null;
  for (; at >= from; at = at > 0 ? file.lastIndexOf('/ByteRange', at - 1, 'latin1') : -1) {
    match = PLACEHOLDER_PATTERN.exec(file.toString('latin1', at, Math.min(file.length, at + 200)));
    if (match) break;
  }
  if (!match || at < from) throw new Error('No signature placeholder in the PDF.');
  const contents = file.indexOf('/Contents', at + match[0].length, 'latin1');
  const open = contents < 0 ? -1 : file.indexOf('<', contents, 'latin1');
  const close = open < 0 ? -1 : file.indexOf('>', open, 'latin1');
  if (contents < 0 || open < 0 || close < 0 || !/^\/Contents\s*$/.test(file.toString('latin1', contents, open)))
    throw new Error('The signature placeholder has no /Contents.');
  const byteRange: PreparedPdf['byteRange'] = [0, open, close + 1, bytes.length - (close + 1)];
  const filled = `/ByteRange [${byteRange.join(' ')}]`.padEnd(match[0].length, ' ');
  if (filled.length !== match[0].length) throw new Error('The /ByteRange placeholder is too short.');
  file.write(filled, at, 'latin1');
  return { bytes, byteRange };
}

/**
 * Seals `pdf` (the stamped protocol) and returns the sealed file. The signing
 * time goes into /M; pass the same time that the audit page prints. With
 * `options.continuation` (from `stampForSeal`), the seal is added to the
 * stamp's document instead of parsing `pdf`; the record is the same.
 */
export async function sealPdf(pdf: Uint8Array, signer: SealSigner, options: SealOptions = {}): Promise<Uint8Array> {
  const signingTime = options.signingTime ?? new Date();
  const { doc, snapshot } = await open(pdf, options.continuation);
  let capacity = capacityFor(signer, Boolean(options.tsaUrl));
  const signature = addPlaceholder(doc, signer, options, signingTime, capacity);
  for (let attempt = 0; attempt < 2; attempt++) {
    // Fresh bytes each time (the update written after `pdf`), so they are filled in place.
    const { bytes, byteRange } = fixByteRange(appendUpdate(doc, snapshot), pdf.length);
    const [, start, end] = byteRange;
    const documentDigest = digest('sha256', bytes.subarray(0, start), bytes.subarray(end));
    const cms = await buildCadesSignature(documentDigest, signer, { tsaUrl: options.tsaUrl, fetch: options.fetch });
    const room = end - start - 2;
    if (cms.length * 2 > room) {
      capacity = cms.length + 4096;
      widenPlaceholder(doc, signature, capacity);
      continue;
    }
    Buffer.from(bytes.buffer, bytes.byteOffset + start + 1, room).write(Buffer.from(cms).toString('hex').padEnd(room, '0'), 'latin1');
    return bytes;
  }
  throw new Error('The signature does not fit its placeholder.');
}
