// Fonts for everything the stamp writes. The 14 standard PDF fonts only know
// WinAnsi and are not embedded, so names like "Åsa Öhrn" or "Müller" would
// depend on the reader's viewer; DejaVu Sans covers Swedish (and far beyond),
// and pdf-lib embeds it as a subset with a ToUnicode map, so text extracts back.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { StampFonts } from './types';

const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf' } as const;

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

/** Loads the default fonts once per process (about 2 MB; subsetting keeps the PDFs small). */
export function defaultFonts(): Promise<StampFonts> {
  cached ??= (async () => {
    const dir = fontDir();
    const [regular, bold, mono] = await Promise.all(
      [FILES.regular, FILES.bold, FILES.mono].map((file) => readFile(path.join(dir, file))),
    );
    return { regular: regular!, bold: bold!, mono: mono! };
  })();
  cached.catch(() => {
    cached = null; // let a later call retry after a transient read error
  });
  return cached;
}
