// Cuts a TrueType font program down to the glyphs a record draws. Glyph ids
// stay as they are (the text was encoded with them): every other glyph becomes
// empty, which costs an entry in `loca` and nothing in `glyf`. The prepared
// face (fonts.ts) has some 1,300 glyphs in 120 KB; a record draws a hundred or
// so, and carries some 15 KB instead of the whole face.

interface Table {
  tag: string;
  data: Uint8Array;
}

function tablesOf(font: Uint8Array): { version: number; tables: Table[] } {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const count = view.getUint16(4);
  const tables: Table[] = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(...font.subarray(at, at + 4));
    const offset = view.getUint32(at + 8);
    tables.push({ tag, data: font.subarray(offset, offset + view.getUint32(at + 12)) });
  }
  return { version: view.getUint32(0), tables };
}

const ARG_WORDS = 0x0001;
const HAS_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const HAS_XY_SCALE = 0x0040;
const HAS_2X2 = 0x0080;

/** The glyphs a composite glyph is built from. */
function componentsOf(glyph: Uint8Array): number[] {
  if (glyph.length < 10) return [];
  const view = new DataView(glyph.buffer, glyph.byteOffset, glyph.byteLength);
  if (view.getInt16(0) >= 0) return [];
  const out: number[] = [];
  let at = 10;
  for (;;) {
    const flags = view.getUint16(at);
    out.push(view.getUint16(at + 2));
    at += 4 + (flags & ARG_WORDS ? 4 : 2) + (flags & HAS_SCALE ? 2 : flags & HAS_XY_SCALE ? 4 : flags & HAS_2X2 ? 8 : 0);
    if (!(flags & MORE_COMPONENTS)) return out;
  }
}

function checksum(data: Uint8Array): number {
  const padded = new Uint8Array((data.length + 3) & ~3);
  padded.set(data);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

/** `font` with only `keep` (and .notdef, and the parts of composites) left in its `glyf` table. */
export function keepGlyphs(font: Uint8Array, keep: Iterable<number>): Uint8Array {
  const { version, tables } = tablesOf(font);
  const table = (tag: string) => tables.find((t) => t.tag === tag)!.data;
  const head = table('head');
  const longLoca = new DataView(head.buffer, head.byteOffset, head.byteLength).getInt16(50) === 1;
  const loca = new DataView(table('loca').buffer, table('loca').byteOffset, table('loca').byteLength);
  const glyf = table('glyf');
  const glyphCount = loca.byteLength / (longLoca ? 4 : 2) - 1;
  const offset = (id: number) => (longLoca ? loca.getUint32(4 * id) : 2 * loca.getUint16(2 * id));
  const glyph = (id: number) => glyf.subarray(offset(id), offset(id + 1));

  const kept = new Set<number>([0]);
  const pending = [...keep];
  while (pending.length) {
    const id = pending.pop()!;
    if (id >= glyphCount || kept.has(id)) continue;
    kept.add(id);
    pending.push(...componentsOf(glyph(id)));
  }

  const parts: Uint8Array[] = [];
  const newLoca = new DataView(new ArrayBuffer((glyphCount + 1) * (longLoca ? 4 : 2)));
  let size = 0;
  for (let id = 0; id <= glyphCount; id++) {
    if (longLoca) newLoca.setUint32(4 * id, size);
    else newLoca.setUint16(2 * id, size / 2);
    if (id === glyphCount || !kept.has(id)) continue;
    const data = glyph(id);
    parts.push(data);
    size += data.length;
    // Glyphs start on even offsets (a short loca counts in words); four keeps every table aligned.
    const pad = (4 - (data.length % 4)) % 4;
    if (pad) parts.push(new Uint8Array(pad));
    size += pad;
  }
  const newGlyf = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    newGlyf.set(part, at);
    at += part.length;
  }
  const replaced = tables.map((t) => ({ tag: t.tag, data: t.tag === 'glyf' ? newGlyf : t.tag === 'loca' ? new Uint8Array(newLoca.buffer) : t.data }));
  return writeFont(version, replaced);
}

function writeFont(version: number, tables: Table[]): Uint8Array {
  const headerSize = 12 + 16 * tables.length;
  const total = tables.reduce((sum, t) => sum + ((t.data.length + 3) & ~3), headerSize);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const log2 = Math.floor(Math.log2(tables.length));
  view.setUint32(0, version);
  view.setUint16(4, tables.length);
  view.setUint16(6, 16 * 2 ** log2);
  view.setUint16(8, log2);
  view.setUint16(10, 16 * tables.length - 16 * 2 ** log2);
  let at = headerSize;
  let headAt = -1;
  tables.forEach((t, i) => {
    const entry = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[entry + k] = t.tag.charCodeAt(k);
    view.setUint32(entry + 4, checksum(t.data));
    view.setUint32(entry + 8, at);
    view.setUint32(entry + 12, t.data.length);
    out.set(t.data, at);
    if (t.tag === 'head') headAt = at;
    at += (t.data.length + 3) & ~3;
  });
  // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA (it is counted as 0 in the tables' checksums).
  if (headAt >= 0) {
    view.setUint32(headAt + 8, 0);
    const head = tables.find((t) => t.tag === 'head')!;
    view.setUint32(12 + 16 * tables.indexOf(head) + 4, checksum(out.subarray(headAt, headAt + head.data.length)));
    view.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  }
  return out;
}
