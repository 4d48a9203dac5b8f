// What pdf.js would have to unpack and hold, read from the file before pdf.js
// opens it. pdf.js decodes a stream whole into memory and never refuses on
// size, so a 2 MB FlateDecode stream of zeros becomes 2 GB, and an object
// stream that declares millions of objects is parsed into millions of objects:
// the function dies on its memory limit and is retried until the message is
// dead-lettered. Counting first turns that into a reason the secretary can
// read, in a second and a few megabytes.
//
// What is counted: every FlateDecode stream (a chain of them layer by layer)
// except image XObjects, which text extraction never decodes; and the objects
// the file declares ("n g obj" and the /N of each object stream). Other
// filters (LZW, RunLength, image codecs) are not counted; for those the
// function's memory limit and the dead-letter queue remain the backstop. A
// filter given by reference (`/Filter 12 0 R`, or references inside the
// array) is looked up in the file; one that cannot be found there (it sits in
// an object stream) is tried as FlateDecode, since pdf.js may well read it so.
import { createInflate, inflateSync } from 'node:zlib';

export interface Budget {
  /** Bytes the counted streams may unpack to, together. */
  maxUnpackedBytes: number;
  /** Indirect objects, in the file and in object streams. */
  maxObjects: number;
}

export interface Usage {
  unpackedBytes: number;
  objects: number;
  /** The first limit found exceeded (counting stops there), or null. */
  exceeded: 'unpacked' | 'objects' | null;
}

const OBJECT = /(\d+)\s+(\d+)\s+obj\b/g;
const STREAM = /(?<!end)stream(?:\r\n|\n|\r)/g;
const FILTER = /\/Filter\s*(\[[^\]]*\]|\/[^\s/<>[\]()]+|\d+\s+\d+\s+R\b)/;
/** A filter name, or a reference to an object that holds a name or an array of them. */
const FILTER_PART = /\/[^\s/<>[\]()]+|(\d+)\s+(\d+)\s+R\b/g;
const FLATE = new Set(['FlateDecode', 'Fl']);
/** A stream dictionary is never this long; a longer "dictionary" means the keyword was found in data. */
const MAX_DICT = 64 * 1024;

export async function measure(bytes: Uint8Array, budget: Budget): Promise<Usage> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('latin1');
  const usage: Usage = { unpackedBytes: 0, objects: 0, exceeded: null };

  // Where each object's body starts; a later definition (an incremental update) wins.
  const bodies = new Map<string, number>();
  OBJECT.lastIndex = 0;
  for (let m = OBJECT.exec(text); m; m = OBJECT.exec(text)) {
    if (++usage.objects > budget.maxObjects) return { ...usage, exceeded: 'objects' };
    bodies.set(`${m[1]} ${m[2]}`, m.index + m[0].length);
  }

  STREAM.lastIndex = 0;
  for (let m = STREAM.exec(text); m; m = STREAM.exec(text)) {
    const start = m.index + m[0].length;
    const endstream = text.indexOf('endstream', start);
    const end = endstream < 0 ? text.length : endstream;
    STREAM.lastIndex = end;
    const header = text.lastIndexOf('obj', m.index);
    if (header < 0 || m.index - header > MAX_DICT) continue;
    const dict = text.slice(header, m.index);

    if (/\/Type\s*\/ObjStm\b/.test(dict)) {
      usage.objects += Number(/\/N\s+(\d+)/.exec(dict)?.[1] ?? 0);
      if (usage.objects > budget.maxObjects) return { ...usage, exceeded: 'objects' };
    }
    if (/\/Subtype\s*\/Image\b/.test(dict)) continue;
    const filters = filterNames(FILTER.exec(dict)?.[1] ?? '', text, bodies);
    let layers = 0;
    while (layers < filters.length && FLATE.has(filters[layers]!)) layers++;
    if (layers === 0) continue;

    const remaining = budget.maxUnpackedBytes - usage.unpackedBytes;
    const size = await unpackedSize(buffer.subarray(start, end), layers, remaining);
    usage.unpackedBytes += size;
    if (usage.unpackedBytes > budget.maxUnpackedBytes) return { ...usage, exceeded: 'unpacked' };
  }
  return usage;
}

/**
 * The filter names of a /Filter value, references resolved one level deep (to
 * a name object, or an array of names). `bodies`: where each object's body starts.
 */
function filterNames(value: string, text: string, bodies: Map<string, number>): string[] {
  const names: string[] = [];
  for (const part of value.matchAll(FILTER_PART)) {
    if (!part[1]) {
      names.push(part[0].slice(1));
      continue;
    }
    const at = bodies.get(`${part[1]} ${part[2]}`);
    // Not in the file's text (inside an object stream): count it as pdf.js may decode it.
    if (at === undefined) {
      names.push('FlateDecode');
      continue;
    }
    const end = text.indexOf('endobj', at);
    const body = text.slice(at, Math.min(end < 0 ? text.length : end, at + 1024));
    names.push(...(body.match(/\/[^\s/<>[\]()]+/g) ?? []).map((f) => f.slice(1)));
  }
  return names;
}

/**
 * Bytes that `layers` FlateDecode filters unpack `data` to, counted up to just
 * past `limit`. Inner layers are held (within the limit) to feed the next; the
 * last is only counted, a megabyte at a time. Damaged data counts what came out.
 */
async function unpackedSize(data: Uint8Array, layers: number, limit: number): Promise<number> {
  let input = data;
  for (let layer = 1; layer < layers; layer++) {
    try {
      input = inflateSync(input, { maxOutputLength: Math.max(1, limit + 1) });
    } catch (error) {
      return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? limit + 1 : 0;
    }
  }
  return new Promise((resolve) => {
    const inflate = createInflate({ chunkSize: 1 << 20 });
    let size = 0;
    const done = () => {
      resolve(size);
      inflate.destroy();
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) done();
    });
    inflate.on('error', done);
    inflate.on('end', done);
    inflate.end(input);
  });
}
