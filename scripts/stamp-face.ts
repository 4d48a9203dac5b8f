// Makes the stamp's face ahead of time (shared/stamp/face/): DejaVu Sans cut
// down to the scripts names and minutes are written in here (Latin with every
// European and Vietnamese letter, Greek, Cyrillic, punctuation and the signs
// the audit page prints), plus the metrics the stamp lays text out with. At
// run time the stamp then embeds this file as it is and measures text from a
// table: no font engine (fontkit, 920 KB) in its bundle, no subsetting per
// record. test/unit/stamp/face.test.ts checks that the committed files are
// what this script makes.
//   npx tsx scripts/stamp-face.ts
import fontkit from '@pdf-lib/fontkit';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Unicode ranges kept, inclusive. */
export const FACE_RANGES: [number, number][] = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x024f], // Latin-1 Supplement, Latin Extended-A and -B
  [0x0370, 0x03ff], // Greek
  [0x0400, 0x052f], // Cyrillic and its supplement
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese, Welsh …)
  [0x2010, 0x2044], // dashes, quotes, bullets, ellipsis, per mille
  [0x20ac, 0x20ac], // euro sign
  [0x2116, 0x2116], // numero sign
  [0x2122, 0x2122], // trade mark
  [0x2190, 0x2193], // arrows
  [0x2212, 0x2212], // minus
  [0x2713, 0x2717], // check and cross marks
  [0xfffd, 0xfffd], // replacement character
];

const OUT = fileURLToPath(new URL('../shared/stamp/face/', import.meta.url));
export const FACE_FILE = 'DejaVuSans-stamp.ttf';
export const METRICS_FILE = 'metrics.json';

type Font = ReturnType<typeof fontkit.create> & Record<string, unknown>;

/** The face's font program and metrics, made from the dejavu-fonts-ttf package's DejaVu Sans. */
export async function makeFace(): Promise<{ program: Uint8Array; metrics: string }> {
  const require = createRequire(import.meta.url);
  const source = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
  const font = fontkit.create(readFileSync(source)) as unknown as Font & {
    characterSet: number[];
    glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
    createSubset(): { includeGlyph(g: unknown): number; encodeStream(): NodeJS.EventEmitter };
    unitsPerEm: number; ascent: number; descent: number; capHeight: number; xHeight: number; italicAngle: number;
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
    postscriptName: string;
  };
  const wanted = new Set(font.characterSet.filter((cp) => FACE_RANGES.some(([a, b]) => cp >= a && cp <= b)));
  const subset = font.createSubset();
  const glyphs: [number, number, number][] = [];
  for (const cp of [...wanted].sort((a, b) => a - b)) {
    const glyph = font.glyphForCodePoint(cp);
    if (glyph.id === 0) continue;
    glyphs.push([cp, subset.includeGlyph(glyph), glyph.advanceWidth]);
  }
  const { unitsPerEm, ascent, descent, capHeight, xHeight, italicAngle, bbox, postscriptName } = font;
  const metrics = {
    postscriptName,
    unitsPerEm,
    ascent,
    descent,
    capHeight,
    xHeight,
    italicAngle,
    bbox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY],
    notdefAdvance: font.glyphForCodePoint(0xffff).advanceWidth,
    // [code point, glyph id in the cut-down face, advance in font units]
    glyphs,
  };
  const program = await new Promise<Uint8Array>((resolve, reject) => {
    const parts: Uint8Array[] = [];
    (subset.encodeStream() as unknown as NodeJS.EventEmitter).on('data', (bytes: Uint8Array) => parts.push(bytes)).on('end', () => resolve(Buffer.concat(parts))).on('error', reject);
  });
  // fontkit writes the Apple tag 'true'; 0x00010000 is the version every TrueType reader knows.
  program.set([0, 1, 0, 0], 0);
  return { program, metrics: `${JSON.stringify(metrics)}\n` };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { program, metrics } = await makeFace();
  writeFileSync(path.join(OUT, FACE_FILE), program);
  writeFileSync(path.join(OUT, METRICS_FILE), metrics);
  console.log(`${FACE_FILE}: ${program.length} bytes; ${METRICS_FILE}: ${metrics.length} bytes`);
}
