// PAdES B-LT (ETSI EN 319 142-1, 5.4): after the seal, one more incremental
// update carries a Document Security Store (/DSS: the certificates and CRLs a
// validator needs once the CA's servers are gone) and a document time stamp
// (/DocTimeStamp, SubFilter ETSI.RFC3161) over the whole file, the DSS
// included. The update is written by one deterministic function of the sealed
// bytes, the DSS content and the placeholder size, so a verifier can rebuild
// it and require the file's update to be exactly that: nothing else may come
// after the seal (an RFC 3161 token is easy to get for any bytes, so the doc
// time stamp alone would not keep changes out).
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { DEFAULT_BYTE_RANGE_PLACEHOLDER } from '@signpdf/utils';
import { appendUpdate, Snapshot } from '../stamp/incremental';
import { fixByteRange } from './seal';
import { requestTimestamp } from './tsa';

export const DOC_TIMESTAMP_FIELD = 'Dokumenttidsstampel';

export interface DssContent {
  certificates: Uint8Array[];
  crls: Uint8Array[];
}

/** Room for the time stamp token, in bytes: a TSA's token with its certificate chain fits well under this. */
const TOKEN_CAPACITY = 12_288;

function rawStream(doc: PDFDocument, bytes: Uint8Array): PDFRef {
  return doc.context.register(PDFRawStream.of(doc.context.obj({ Length: bytes.length }), bytes));
}

/** The sealed file followed by the DSS and an empty document time stamp of `capacity` bytes. */
export async function writeLtvUpdate(sealed: Uint8Array, dss: DssContent, capacity: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(sealed, { updateMetadata: false });
  const snapshot = Snapshot.of(doc, sealed);
  const ctx = doc.context;

  const store = ctx.obj({
    Certs: ctx.obj(dss.certificates.map((c) => rawStream(doc, c))),
    ...(dss.crls.length ? { CRLs: ctx.obj(dss.crls.map((c) => rawStream(doc, c))) } : {}),
  });
  doc.catalog.set(PDFName.of('DSS'), ctx.register(store));

  const byteRange = ctx.obj([PDFNumber.of(0), PDFName.of(DEFAULT_BYTE_RANGE_PLACEHOLDER), PDFName.of(DEFAULT_BYTE_RANGE_PLACEHOLDER), PDFName.of(DEFAULT_BYTE_RANGE_PLACEHOLDER)]);
  const timestamp = ctx.register(
    ctx.obj({
      Type: 'DocTimeStamp',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.RFC3161',
      ByteRange: byteRange,
      Contents: PDFHexString.of('0'.repeat(capacity * 2)),
    }),
  );
  // An invisible widget on the last page, with the empty appearance PDF/A asks every annotation to have.
  const pages = doc.getPages();
  const page = pages[pages.length - 1]!;
  const appearance = ctx.register(PDFRawStream.of(ctx.obj({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 0, 0], Resources: {}, Length: 0 }), new Uint8Array()));
  const widget = ctx.register(
    ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], V: timestamp, T: PDFString.of(DOC_TIMESTAMP_FIELD), F: 4, P: page.ref, AP: { N: appearance } }),
  );
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? ctx.obj([]);
  annots.push(widget);
  page.node.set(PDFName.of('Annots'), annots);
  const form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (!form) throw new Error('The sealed file has no signature form.');
  const fields = form.lookupMaybe(PDFName.of('Fields'), PDFArray) ?? ctx.obj([]);
  fields.push(widget);
  form.set(PDFName.of('Fields'), fields);
  return appendUpdate(doc, snapshot);
}

/** Fills the placeholder's /ByteRange; returns the bytes, the covered data and where the token goes. */
export function prepareDocTimestamp(withPlaceholder: Uint8Array): { bytes: Uint8Array; covered: Uint8Array; start: number; end: number } {
  const { bytes, byteRange } = fixByteRange(withPlaceholder);
  const [, start, end] = byteRange;
  const covered = new Uint8Array(bytes.length - (end - start));
  covered.set(bytes.subarray(0, start), 0);
  covered.set(bytes.subarray(end), start);
  return { bytes, covered, start, end };
}

/** Adds the DSS and a document time stamp from `tsaUrl` to a sealed file. */
export async function addLongTermValidation(sealed: Uint8Array, dss: DssContent, options: { tsaUrl: string; fetch?: typeof fetch }): Promise<Uint8Array> {
  let capacity = TOKEN_CAPACITY;
  for (let attempt = 0; attempt < 2; attempt++) {
    const { bytes, covered, start, end } = prepareDocTimestamp(await writeLtvUpdate(sealed, dss, capacity));
    // The token's imprint is the SHA-256 of the covered bytes (requestTimestamp hashes what it is given).
    const token = await requestTimestamp(options.tsaUrl, covered, options.fetch);
    const room = end - start - 2;
    if (token.length * 2 > room) {
      capacity = token.length + 2048;
      continue;
    }
    bytes.set(new TextEncoder().encode(Buffer.from(token).toString('hex').padEnd(room, '0')), start + 1);
    return bytes;
  }
  throw new Error('The document time stamp does not fit its placeholder.');
}

/** The DSS a file carries (streams as stored), or null; throws on a DSS Justera would not write. */
export async function readDss(bytes: Uint8Array): Promise<(DssContent & { ocsps: number }) | null> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const dss = doc.catalog.lookupMaybe(PDFName.of('DSS'), PDFDict);
  if (!dss) return null;
  const streams = (key: string) =>
    (dss.lookupMaybe(PDFName.of(key), PDFArray)?.asArray() ?? []).map((ref) => {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream) || stream.dict.has(PDFName.of('Filter'))) throw new Error(`the DSS holds an unexpected ${key} entry`);
      return stream.contents;
    });
  return { certificates: streams('Certs'), crls: streams('CRLs'), ocsps: streams('OCSPs').length };
}
