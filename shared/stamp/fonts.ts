// Fonts for everything the stamp writes. The 14 standard PDF fonts only know
// WinAnsi and are not embedded, so names like "Åsa Öhrn" or "Müller" would
// depend on the reader's viewer; DejaVu Sans covers Swedish (and far beyond),
// and pdf-lib embeds it as a subset with a ToUnicode map, so text extracts back.
import fontkit from '@pdf-lib/fontkit';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocument } from 'pdf-lib';
import type { StampFonts } from './types';

const REGULAR = 'DejaVuSans.ttf';

let cached: Promise<StampFonts> | null = null;

/**
 * Where the TTFs are: `JUSTERA_FONT_DIR` when set (a bundled Lambda copies the
 * files next to its code), else the dejavu-fonts-ttf package.
 */
function fontDir(): string {
  const fromEnv = process.env.JUSTERA_FONT_DIR;
  if (fromEnv) return fromEnv;
  // import.meta.url is empty in a CommonJS bundle; resolve from the working directory then.
  const require = createRequire(import.meta.url || path.join(process.cwd(), 'index.js'));
  return path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

/** Loads the default font once per process (about 750 KB; subsetting keeps the PDFs small). */
export function defaultFonts(): Promise<StampFonts> {
  cached ??= (async () => ({ regular: await readFile(path.join(fontDir(), REGULAR)) }))();
  cached.catch(() => {
    cached = null; // let a later call retry after a transient read error
  });
  return cached;
}

/**
 * fontkit for pdf-lib, with text laid out glyph by glyph from the font's
 * character map instead of by the OpenType shaping engine. Everything the
 * stamp writes is short lines in one face, and shaping (DejaVu's GSUB and GPOS
 * lookups) made measuring and encoding them ten times slower than the lookup
 * itself, the largest part of stamping a long protocol. What it costs: no
 * kerning or ligatures, and no contextual forms for scripts that need them
 * (Arabic, Indic), whose letters print in their isolated forms. Text is put in
 * composed form (NFC) first, so "Å" typed as A and a combining ring is one glyph.
 */
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type GlyphRun = ReturnType<ReturnType<Fontkit['create']>['layout']>;

export const unshapedFontkit: Fontkit = {
  create(buffer: Uint8Array, postscriptName?: string) {
    const font = (fontkit as Fontkit).create(buffer, postscriptName);
    // pdf-lib reads only the glyphs of a run (their ids and advance widths).
    font.layout = (text: string) => ({ glyphs: font.glyphsForString(text.normalize('NFC')) }) as unknown as GlyphRun;
    return font;
  },
};
