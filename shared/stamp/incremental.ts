// Changes to a PDF written as an incremental update: the original bytes stay
// exactly as they are and the new and changed objects follow them, with a
// cross-reference section of their own whose /Prev points at the original's.
// So the first N bytes of the record are the draft everyone approved, byte for
// byte, and anyone can check that with a hash (the audit page and `verify`
// say how many bytes, and which hash).
//
// pdf-lib reads the whole object graph and can only write it all out again;
// here a snapshot taken right after loading tells which objects were added,
// changed or dropped since, and only those are written. A dropped object gets
// a free entry, so the final revision reaches none of what was removed.
//
// Writing an update also yields a snapshot against the bytes just written, so
// the next update (the seal after the stamp) continues from the document in
// memory: parsing a long protocol again cost as much as all the stamping.
import { deflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFContentStream,
  PDFCrossRefSection,
  PDFCrossRefStream,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFTrailer,
  PDFTrailerDict,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';

/** The last cross-reference section of a file, as its trailer (or xref stream) describes it. */
export interface Tail {
  /** Offset of the last cross-reference section (the file's `startxref`). */
  startxref: number;
  /** The trailer's /Size: object numbers below it may be taken. */
  size: number;
  /** The last section is a cross-reference stream (PDF 1.5+); the update then writes one too. */
  xrefStream: boolean;
}

const latin1 = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, to - from)).toString('latin1');

/** Reads `startxref` and the /Size of the section it points at; throws when the file has no readable tail. */
export function readTail(bytes: Uint8Array): Tail {
  const end = latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length);
  const match = [...end.matchAll(/startxref\s+(\d+)/g)].at(-1);
  const startxref = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(startxref) || startxref <= 0 || startxref >= bytes.length) throw new Error('The PDF has no readable startxref.');
  // The section and its trailer (or the xref stream's dictionary) come first at that offset;
  // a startxref that points elsewhere (readers repair such files) cannot be chained to.
  const head = latin1(bytes, startxref, Math.min(bytes.length, startxref + 4096));
  const xrefStream = !head.startsWith('xref');
  if (xrefStream && !/^\d+\s+\d+\s+obj\s*<<[^]*?\/Type\s*\/XRef\b/.test(head)) throw new Error('The PDF\'s startxref does not point at a cross-reference section.');
  const dictionary = xrefStream ? head : latin1(bytes, startxref, bytes.length);
  const trailerAt = xrefStream ? 0 : dictionary.indexOf('trailer');
  const size = Number(/\/Size\s+(\d+)/.exec(dictionary.slice(Math.max(0, trailerAt)))?.[1]);
  if (!Number.isSafeInteger(size) || size <= 0) throw new Error('The PDF trailer has no /Size.');
  return { startxref, size, xrefStream };
}

interface Seen {
  object: PDFObject;
  /**
   * What the object holds, as the identities of its parts: keys and values,
   * nested direct dictionaries and arrays spelt out, a raw stream's data.
   * pdf-lib's numbers, names, strings and references are never changed in
   * place (a change puts a new one), so the same parts mean the same object;
   * comparing them costs no text, where printing each object did.
   */
  parts: unknown[];
}

/**
 * What a loaded document held, to tell later what changed. Take it before
 * changing anything. `of` throws for a file whose last cross-reference section
 * cannot be found where it says (an update could not be chained to it) or
 * that is encrypted; `tryOf` returns null for those.
 */
export class Snapshot {
  private constructor(
    readonly original: Uint8Array,
    readonly tail: Tail,
    private readonly seen: Map<PDFRef, Seen>,
  ) {}

  static of(doc: PDFDocument, original: Uint8Array): Snapshot {
    const tail = readTail(original);
    if (doc.context.trailerInfo.Encrypt) throw new Error('An encrypted PDF cannot be updated.');
    // New objects get numbers above every number the file's sections may use, listed or free.
    doc.context.largestObjectNumber = Math.max(doc.context.largestObjectNumber, tail.size - 1);
    const seen = new Map<PDFRef, Seen>();
    for (const [ref, object] of doc.context.enumerateIndirectObjects()) seen.set(ref, describe(object));
    return new Snapshot(original, tail, seen);
  }

  /** The snapshot against `written`, the bytes of an update just made from `doc` (`seen` describes `doc` as written). */
  static after(doc: PDFDocument, written: Uint8Array, tail: Tail, seen: Map<PDFRef, Seen>): Snapshot {
    doc.context.largestObjectNumber = Math.max(doc.context.largestObjectNumber, tail.size - 1);
    return new Snapshot(written, tail, seen);
  }

  static tryOf(doc: PDFDocument, original: Uint8Array): Snapshot | null {
    try {
      return Snapshot.of(doc, original);
    } catch {
      return null;
    }
  }

  /**
   * The objects to write (new or changed) and the references to free (dropped), each in object-number order,
   * and what every object now holds (the baseline of the next update).
   */
  changes(doc: PDFDocument): { write: [PDFRef, PDFObject][]; free: PDFRef[]; now: Map<PDFRef, Seen> } {
    const write: [PDFRef, PDFObject][] = [];
    const now = new Map<PDFRef, Seen>();
    for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
      const before = this.seen.get(ref);
      const current = before && before.object === object ? describe(object, before) : describe(object);
      now.set(ref, current);
      if (current !== before) write.push([ref, object]);
    }
    // References are interned by pdf-lib: the same number and generation are the same PDFRef.
    const free = [...this.seen.keys()].filter((ref) => !now.has(ref));
    const byNumber = (a: PDFRef, b: PDFRef) => a.objectNumber - b.objectNumber;
    write.sort(([a], [b]) => byNumber(a, b));
    free.sort(byNumber);
    return { write, free, now };
  }
}

/** What `object` holds now; `before` itself when that is still so (so an unchanged object is met by identity next time). */
function describe(object: PDFObject, before?: Seen): Seen {
  const parts: unknown[] = [];
  partsOf(object, parts);
  if (before && sameParts(before.parts, parts)) return before;
  return { object, parts };
}

const DICT = Symbol('dict');
const ARRAY = Symbol('array');

function partsOf(object: PDFObject, into: unknown[]): void {
  if (object instanceof PDFStream) {
    partsOf(object.dict, into);
    into.push(object instanceof PDFRawStream ? object.contents : null);
  } else if (object instanceof PDFDict) {
    const entries = object.entries();
    into.push(DICT, entries.length);
    for (const [key, value] of entries) {
      into.push(key);
      partsOf(value, into);
    }
  } else if (object instanceof PDFArray) {
    const size = object.size();
    into.push(ARRAY, size);
    for (let i = 0; i < size; i++) partsOf(object.get(i), into);
  } else into.push(object);
}

function sameParts(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const ascii = (text: string) => new TextEncoder().encode(text);

/**
 * The original bytes followed by one incremental update with every change made
 * to `doc` since `snapshot` was taken. Call `doc.flush()` first when fonts or
 * images were embedded (pdf-lib writes them into the document only then).
 */
export function appendUpdate(doc: PDFDocument, snapshot: Snapshot): Uint8Array {
  return appendRevision(doc, snapshot).bytes;
}

/**
 * As `appendUpdate`, and `next`: the snapshot against the bytes written, for
 * a further update of `doc` that chains to this one. `doc` is left as it was
 * (the same snapshot can write the update again after a change), apart from
 * numbers for new objects then being taken above those this update used.
 */
export function appendRevision(doc: PDFDocument, snapshot: Snapshot): { bytes: Uint8Array; next: () => Snapshot } {
  const { original, tail } = snapshot;
  const { write, free, now } = snapshot.changes(doc);
  const ctx = doc.context;
  const out = new UpdateWriter(original);
  // A file may end without an end-of-line after %%EOF; the update starts on a line of its own.
  const last = original[original.length - 1];
  if (last !== 0x0a && last !== 0x0d) out.push(ascii('\n'));

  const entries: XrefEntry[] = [];
  for (const [ref, written] of write) {
    entries.push({ ref, at: out.offset });
    out.object(ref, compressed(written));
    // Writing a stream sets its /Length: described before, it would count as changed in the next update.
    if (written instanceof PDFStream) now.set(ref, describe(written));
  }
  // A freed number may be used again only with the next generation.
  for (const ref of free) entries.push({ ref: PDFRef.of(ref.objectNumber, Math.min(65535, ref.generationNumber + 1)), at: -1 });

  // The cross-reference stream is an object of the update too: numbered before Size is counted. The number is not
  // taken from the document, so writing the update again (the seal's second try) numbers it the same.
  const self = tail.xrefStream ? PDFRef.of(ctx.largestObjectNumber + 1) : null;
  const size = (self?.objectNumber ?? ctx.largestObjectNumber) + 1;
  const trailer = ctx.obj({
    ...definedOnly({ Root: ctx.trailerInfo.Root, Info: ctx.trailerInfo.Info, ID: ctx.trailerInfo.ID, Prev: PDFNumber.of(tail.startxref) }),
    Size: PDFNumber.of(size),
  });
  const xrefAt = out.offset;
  if (self) writeXrefStream(out, self, trailer, entries);
  else writeXrefTable(out, trailer, entries);
  const end = PDFTrailer.forLastCrossRefSectionOffset(xrefAt);
  const endBytes = new Uint8Array(end.sizeInBytes());
  end.copyBytesInto(endBytes, 0);
  out.push(endBytes);
  out.push(ascii('\n'));
  const bytes = out.bytes();
  return { bytes, next: () => Snapshot.after(doc, bytes, { startxref: xrefAt, size, xrefStream: tail.xrefStream }, now) };
}

/** An object of the update and where it starts; `at` -1 for a freed number. */
interface XrefEntry {
  ref: PDFRef;
  at: number;
}

/** The update's bytes after the original ones, and the offset of the next byte in the whole file. */
class UpdateWriter {
  private readonly parts: Uint8Array[] = [];
  offset: number;
  constructor(private readonly original: Uint8Array) {
    this.offset = original.length;
  }
  push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.offset += bytes.length;
  }
  object(ref: PDFRef, object: { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number }): void {
    const body = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(body, 0);
    this.push(ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`));
    this.push(body);
    this.push(ascii('\nendobj\n'));
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.offset);
    out.set(this.original, 0);
    let at = this.original.length;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

/**
 * Drafts with a cross-reference stream get one too (a table after a stream would be read by fewer readers).
 * Written without compression: it is a few bytes per object, and `justera verify` rebuilds the long-term
 * update byte for byte (verify-long-term.ts), which deflated bytes would tie to one zlib build (pako's under
 * Node, Node's own in the Lambda bundle, where pako is Node's zlib: infra/bundling/pdf-lib/pako.mjs).
 */
function writeXrefStream(out: UpdateWriter, self: PDFRef, trailer: PDFDict, entries: XrefEntry[]): void {
  const stream = PDFCrossRefStream.create(trailer, false);
  const all = [...entries, { ref: self, at: out.offset }].sort((a, b) => a.ref.objectNumber - b.ref.objectNumber);
  for (const { ref, at } of all) {
    if (at < 0) stream.addDeletedEntry(ref, 0);
    else stream.addUncompressedEntry(ref, at);
  }
  out.object(PDFRef.of(self.objectNumber, 0), stream);
}

function writeXrefTable(out: UpdateWriter, trailer: PDFDict, entries: XrefEntry[]): void {
  const section = PDFCrossRefSection.createEmpty();
  for (const { ref, at } of [...entries].sort((a, b) => a.ref.objectNumber - b.ref.objectNumber)) {
    if (at < 0) section.addDeletedEntry(ref, 0);
    else section.addEntry(ref, at);
  }
  const tail = PDFTrailerDict.of(trailer);
  const body = new Uint8Array(section.sizeInBytes() + 1 + tail.sizeInBytes() + 1);
  let at = section.copyBytesInto(body, 0);
  body[at++] = 0x0a;
  at += tail.copyBytesInto(body, at);
  body[at++] = 0x0a;
  out.push(body);
}

/**
 * A content stream pdf-lib made (the stamps, footers and audit pages: several
 * small ones a page), compressed with Node's zlib. pdf-lib would deflate each
 * with pako when writing it, and pako's set-up per stream (allocating and
 * zeroing its window) was most of the time of writing a long protocol's update.
 */
function compressed(object: PDFObject): PDFObject {
  if (!(object instanceof PDFContentStream)) return object;
  const dict = object.dict.clone();
  const contents = object.getUnencodedContents();
  dict.delete(PDFName.of('DecodeParms'));
  // A footer's stream is some 150 bytes: deflating it saves a few dozen, and setting zlib up for each of a long
  // protocol's hundreds of them cost more than anything else in writing the update.
  if (contents.length < SMALL_STREAM) {
    dict.delete(PDFName.of('Filter'));
    return PDFRawStream.of(dict, contents);
  }
  dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
  return PDFRawStream.of(dict, deflateSync(contents));
}

/** Streams shorter than this are written as they are. */
const SMALL_STREAM = 512;

function definedOnly(entries: Record<string, PDFObject | undefined>): Record<string, PDFObject> {
  return Object.fromEntries(Object.entries(entries).filter((e): e is [string, PDFObject] => e[1] !== undefined));
}

/** A document and the snapshot of the bytes it was loaded from, or last written to: what the next update is written against. */
export interface Revisable {
  doc: PDFDocument;
  snapshot: Snapshot;
}

/**
 * What the next update of `bytes` (just written from `doc` by `appendRevision`) needs to continue from `doc`
 * instead of parsing `bytes` again: the stamp hands it to the seal. It serves once, since the seal changes the
 * document; a second seal of the same bytes parses them.
 */
export class Continuation {
  #kept: { doc: PDFDocument; next: () => Snapshot } | null;
  constructor(
    readonly bytes: Uint8Array,
    doc: PDFDocument,
    next: () => Snapshot,
  ) {
    this.#kept = { doc, next };
  }

  /** The document and its snapshot against `bytes` the first time; null after. */
  take(): Revisable | null {
    const kept = this.#kept;
    this.#kept = null;
    return kept && { doc: kept.doc, snapshot: kept.next() };
  }
}
