// The one face everything the stamp writes is set in: DejaVu Sans, cut down
// ahead of time to Latin, Greek and Cyrillic (scripts/stamp-face.ts makes
// face/DejaVuSans-stamp.ttf and face/metrics.json). The 14 standard PDF fonts
// only know WinAnsi and are not embedded, which archival PDF requires; a whole
// font engine (fontkit, some 920 KB, and most of the time of stamping a short
// protocol) is not needed to put short lines in one face: text is measured from
// the metrics table, glyph by glyph without shaping (no kerning, no ligatures),
// and the prepared font program is embedded with only the glyphs drawn
// (truetype.ts), with a ToUnicode map so text extracts back. Text is put in composed form (NFC) first, so "Å" typed as
// A and a combining ring is one glyph; a letter outside the face is drawn as its
// base letter ("ǅ" → "D"), else as "�".
import { readFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import {
  CustomFontEmbedder,
  PDFFont,
  PDFHexString,
  PDFRawStream,
  PDFString,
  type PDFContext,
  type PDFDocument,
  type PDFRef,
} from 'pdf-lib';
import metrics from './face/metrics.json';
import { keepGlyphs } from './truetype';

export const FACE_FILE = 'DejaVuSans-stamp.ttf';

/** Where the face is: `JUSTERA_FONT_DIR` when set (the bundled stamp function carries it next to its code), else beside this module. */
function faceFile(): string | URL {
  const dir = process.env.JUSTERA_FONT_DIR;
  return dir ? `${dir.replace(/\/$/, '')}/${FACE_FILE}` : new URL(`./face/${FACE_FILE}`, import.meta.url);
}

/** The prepared face's font program, read once per process. */
let program: Promise<Uint8Array> | null = null;
function fontProgram(): Promise<Uint8Array> {
  program ??= readFile(faceFile());
  program.catch(() => {
    program = null; // a later call retries after a transient read error
  });
  return program;
}

interface Glyph {
  id: number;
  /** In font units. */
  advance: number;
}

const GLYPHS = new Map<number, Glyph>(metrics.glyphs.map(([cp, id, advance]) => [cp!, { id: id!, advance: advance! }]));
const REPLACEMENT = 0xfffd;
const SCALE = 1000 / metrics.unitsPerEm;

/** The face's glyph for a code point: itself, its base letter, or the replacement character. */
function glyphOf(cp: number): { glyph: Glyph; cp: number } {
  const own = GLYPHS.get(cp);
  if (own) return { glyph: own, cp };
  const base = String.fromCodePoint(cp).normalize('NFKD').codePointAt(0)!;
  const fallback = GLYPHS.get(base);
  return fallback ? { glyph: fallback, cp: base } : { glyph: GLYPHS.get(REPLACEMENT)!, cp: REPLACEMENT };
}

/** pdf-lib's embedder for a custom font, fed from the prepared face instead of fontkit. */
class StampFaceEmbedder extends CustomFontEmbedder {
  /** Glyph id → the code point it was drawn for: the ToUnicode map and the widths of the record. */
  private readonly used = new Map<number, { cp: number; advance: number }>();

  constructor() {
    // pdf-lib's constructor reads only the name and the units per em; everything else is overridden below.
    super({ postscriptName: metrics.postscriptName, unitsPerEm: metrics.unitsPerEm } as never, new Uint8Array(0));
  }

  private glyphs(text: string): Glyph[] {
    const out: Glyph[] = [];
    for (const ch of text.normalize('NFC')) {
      const { glyph, cp } = glyphOf(ch.codePointAt(0)!);
      out.push(glyph);
      if (!this.used.has(glyph.id)) this.used.set(glyph.id, { cp, advance: glyph.advance });
    }
    return out;
  }

  override encodeText(text: string): PDFHexString {
    return PDFHexString.of(this.glyphs(text).map((g) => g.id.toString(16).padStart(4, '0')).join(''));
  }

  override widthOfTextAtSize(text: string, size: number): number {
    let units = 0;
    for (const ch of text.normalize('NFC')) units += glyphOf(ch.codePointAt(0)!).glyph.advance;
    return (units * SCALE * size) / 1000;
  }

  override heightOfFontAtSize(size: number, options: { descender?: boolean } = {}): number {
    const height = (metrics.ascent - (options.descender === false ? 0 : metrics.descent)) * SCALE;
    return (height / 1000) * size;
  }

  override sizeOfFontAtHeight(height: number): number {
    return (1000 * height) / ((metrics.ascent - metrics.descent) * SCALE);
  }

  /** Type0 / CIDFontType2 with Identity-H and CIDToGIDMap Identity, as pdf-lib embeds a TrueType face. */
  override async embedIntoContext(context: PDFContext, ref?: PDFRef): Promise<PDFRef> {
    const ids = [...this.used.keys()].sort((a, b) => a - b);
    const program = keepGlyphs(await fontProgram(), ids);
    const baseFont = context.addRandomSuffix(metrics.postscriptName);
    const file = context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode', Length1: program.length }), deflateSync(program)));
    const [minX, minY, maxX, maxY] = metrics.bbox.map((v) => v * SCALE) as [number, number, number, number];
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: baseFont,
        Flags: 4, // symbolic: the glyphs are reached by id, not by a standard encoding
        FontBBox: [minX, minY, maxX, maxY],
        ItalicAngle: metrics.italicAngle,
        Ascent: metrics.ascent * SCALE,
        Descent: metrics.descent * SCALE,
        CapHeight: metrics.ascent * SCALE,
        XHeight: 0,
        StemV: 0,
        FontFile2: file,
      }),
    );
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        CIDToGIDMap: 'Identity',
        BaseFont: baseFont,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: ids.flatMap((id) => [id, [this.used.get(id)!.advance * SCALE]]),
      }),
    );
    const toUnicode = context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode' }), deflateSync(Buffer.from(this.cmap(ids), 'latin1'))));
    const font = context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: baseFont, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode });
    if (ref) {
      context.assign(ref, font);
      return ref;
    }
    return context.register(font);
  }

  private cmap(ids: number[]): string {
    const hex = (n: number) => n.toString(16).padStart(4, '0');
    const utf16 = (cp: number) => [...String.fromCodePoint(cp)].flatMap((c) => Array.from({ length: c.length }, (_, i) => hex(c.charCodeAt(i)))).join('');
    const chars = ids.map((id) => `<${hex(id)}> <${utf16(this.used.get(id)!.cp)}>`);
    // At most 100 entries per bfchar block (PDF reference, 5.9.2).
    const blocks: string[] = [];
    for (let i = 0; i < chars.length; i += 100) blocks.push(`${chars.slice(i, i + 100).length} beginbfchar\n${chars.slice(i, i + 100).join('\n')}\nendbfchar`);
    return [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange\n<0000> <ffff>\nendcodespacerange',
      ...blocks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
  }
}

/**
 * The stamp's face in `doc`. Call `embed()` on it after the last text is drawn
 * and before writing: only then are the glyphs it used known (for the widths
 * and the ToUnicode map).
 */
export function stampFace(doc: PDFDocument): PDFFont {
  return PDFFont.of(doc.context.nextRef(), doc, new StampFaceEmbedder());
}
