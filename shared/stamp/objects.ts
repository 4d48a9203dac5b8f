// Reading a PDF's object graph safely with pdf-lib: a reference that does not
// resolve, or a value of the wrong type, reads as absent instead of throwing,
// because drafts are untrusted and the readers must walk all of them.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';

export interface ObjectReader {
  resolve(o: PDFObject | undefined): PDFObject | undefined;
  dict(o: PDFObject | undefined): PDFDict | undefined;
  /** The elements of an array; anything else reads as empty. */
  array(o: PDFObject | undefined): PDFObject[];
  name(o: PDFObject | undefined): string | undefined;
  text(o: PDFObject | undefined): string | undefined;
}

export function objectReader(ctx: PDFContext): ObjectReader {
  const resolve = (o: PDFObject | undefined): PDFObject | undefined => {
    try {
      return o instanceof PDFRef ? ctx.lookup(o) : o;
    } catch {
      return undefined;
    }
  };
  return {
    resolve,
    dict: (o) => {
      const v = resolve(o);
      return v instanceof PDFDict ? v : undefined;
    },
    array: (o) => {
      const v = resolve(o);
      return v instanceof PDFArray ? v.asArray() : [];
    },
    name: (o) => {
      const v = resolve(o);
      return v instanceof PDFName ? v.decodeText() : undefined;
    },
    text: (o) => {
      const v = resolve(o);
      return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
    },
  };
}
