// Fonts for everything the stamp writes. The 14 standard PDF fonts only know
// WinAnsi and are not embedded, so names like "Åsa Öhrn" or "Müller" would
// depend on the reader's viewer; DejaVu Sans covers Swedish (and far beyond),
// and pdf-lib embeds it as a subset with a ToUnicode map, so text extracts back.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
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
