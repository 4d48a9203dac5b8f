// Seals a finished PDF with a PAdES baseline signature over the whole file:
// an incremental update after the given bytes adds an invisible signature
// field whose /Contents is a zero-filled hex placeholder, the /ByteRange is
// filled in around it, and the CMS over those ranges is written into the
// placeholder. The bytes before the update stay as they were (the stamped
// record, which begins with the draft); nothing may change afterwards.
import * as x509 from '@peculiar/x509';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { buildCadesSignature } from './cms';
import { appendUpdate, Snapshot } from '../stamp/incremental';
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

async function withPlaceholder(pdf: Uint8Array, signer: SealSigner, options: SealOptions, signingTime: Date, capacity: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const snapshot = Snapshot.of(doc, pdf);
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
  return appendUpdate(doc, snapshot);
}

export interface PreparedPdf {
  bytes: Uint8Array;
  /** [0, start of "<", end after ">", rest]. */
  byteRange: [number, number, number, number];
}

/** Fills in the /ByteRange around the /Contents placeholder (same length, padded with spaces). */
export function fixByteRange(bytes: Uint8Array): PreparedPdf {
  const text = Buffer.from(bytes).toString('latin1'); // one char per byte: indexes are offsets
  const stars = DEFAULT_BYTE_RANGE_PLACEHOLDER.replace(/\*/g, '\\*');
  const pattern = new RegExp(`/ByteRange\\s*\\[\\s*0\\s+/${stars}\\s+/${stars}\\s+/${stars}\\s*\\]`, 'g');
  const matches = [...text.matchAll(pattern)];
  const match = matches.at(-1);
  if (!match || match.index === undefined) throw new Error('No signature placeholder in the PDF.');
  const contents = text.indexOf('/Contents', match.index + match[0].length);
  const open = text.indexOf('<', contents);
  const close = text.indexOf('>', open);
  if (contents < 0 || open < 0 || close < 0 || !/^\/Contents\s*$/.test(text.slice(contents, open)))
    throw new Error('The signature placeholder has no /Contents.');
  const byteRange: PreparedPdf['byteRange'] = [0, open, close + 1, bytes.length - (close + 1)];
  const filled = `/ByteRange [${byteRange.join(' ')}]`.padEnd(match[0].length, ' ');
  if (filled.length !== match[0].length) throw new Error('The /ByteRange placeholder is too short.');
  const out = new Uint8Array(bytes);
  out.set(new TextEncoder().encode(filled), match.index);
  return { bytes: out, byteRange };
}

/**
 * Seals `pdf` (the stamped protocol) and returns the sealed file. The signing
 * time goes into /M; pass the same time that the audit page prints.
 */
export async function sealPdf(pdf: Uint8Array, signer: SealSigner, options: SealOptions = {}): Promise<Uint8Array> {
  const signingTime = options.signingTime ?? new Date();
  let capacity = capacityFor(signer, Boolean(options.tsaUrl));
  for (let attempt = 0; attempt < 2; attempt++) {
    const { bytes, byteRange } = fixByteRange(await withPlaceholder(pdf, signer, options, signingTime, capacity));
    const [, start, end] = byteRange;
    const documentDigest = digest('sha256', bytes.subarray(0, start), bytes.subarray(end));
    const cms = await buildCadesSignature(documentDigest, signer, { tsaUrl: options.tsaUrl, fetch: options.fetch });
    const room = end - start - 2;
    if (cms.length * 2 > room) {
      capacity = cms.length + 4096;
      continue;
    }
    const hex = Buffer.from(cms).toString('hex').padEnd(room, '0');
    bytes.set(new TextEncoder().encode(hex), start + 1);
    return bytes;
  }
  throw new Error('The signature does not fit its placeholder.');
}
