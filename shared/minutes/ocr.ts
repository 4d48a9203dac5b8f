// Reading parts of a page image: the small interface the parser re-reads scans
// through (reread.ts), and its implementation on tesseract.js (WASM, in a worker
// thread) with the Swedish model shipped in the package @tesseract.js-data/swe.
// Nothing is fetched at run time: the model is read from node_modules, or from
// the `ocr/` folder the parse function's bundle carries next to its code.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PSM, Worker } from 'tesseract.js';

/** A rectangle of the image in pixels, origin top-left. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A line read, with its box in the image's pixels and the reader's confidence (0–100). */
export interface OcrLine {
  text: string;
  confidence: number;
  box: { x0: number; y0: number; x1: number; y1: number };
}

/**
 * - `numbers`: a column of numbers ("1.", "§ 12"), line by line;
 * - `number`: one number alone in a cell;
 * - `text`: a few lines of words.
 */
export type OcrMode = 'numbers' | 'number' | 'text';

export interface Ocr {
  /** The lines in `rect` of a JPEG image scanned at `dpi`. */
  read(jpeg: Uint8Array, rect: Rect, mode: OcrMode, dpi: number): Promise<OcrLine[]>;
  /** Ends the reader (its worker thread); a later read starts it again. */
  close(): Promise<void>;
}

// Page segmentation modes of tesseract: 6 a single block of text, 8 a single word.
const SINGLE_BLOCK = '6' as PSM;
const SINGLE_WORD = '8' as PSM;
const MODES: Record<OcrMode, { tessedit_pageseg_mode: PSM; tessedit_char_whitelist: string }> = {
  numbers: { tessedit_pageseg_mode: SINGLE_BLOCK, tessedit_char_whitelist: '0123456789.§' },
  // A single word reads a lone bold or grey number that a block's layout analysis passes over.
  number: { tessedit_pageseg_mode: SINGLE_WORD, tessedit_char_whitelist: '0123456789.§' },
  text: { tessedit_pageseg_mode: SINGLE_BLOCK, tessedit_char_whitelist: '' },
};

/** The folder the parse function's bundle copies the worker, the WASM core and the model into. */
export const BUNDLED_OCR_DIR = 'ocr';
/** The model as @tesseract.js-data/swe ships it: the integer LSTM model, small and fast. */
export const MODEL_DIR = '4.0.0_best_int';

/** Where the worker script and the model are: next to a bundle, else in node_modules. */
function assets(): { langPath: string; workerPath?: string } {
  const here = import.meta.url ? path.dirname(fileURLToPath(import.meta.url)) : process.cwd();
  const bundled = path.join(here, BUNDLED_OCR_DIR);
  if (existsSync(path.join(bundled, 'swe.traineddata.gz'))) return { langPath: bundled, workerPath: path.join(bundled, 'worker.cjs') };
  const require = createRequire(import.meta.url || path.join(process.cwd(), 'index.js'));
  return { langPath: path.join(path.dirname(require.resolve('@tesseract.js-data/swe/package.json')), MODEL_DIR) };
}

/** tesseract.js, started at the first read (about a second: the WASM core and the 2.5 MB model). */
export function tesseractOcr(): Ocr {
  let worker: Promise<Worker> | null = null;
  let mode: OcrMode | null = null;
  return {
    async read(jpeg, rect, wanted, dpi) {
      // cacheMethod 'none': the model is local already, and a function's file system is read-only.
      // Loaded at the first scan only: minutes with a text layer never pay for tesseract.js's import.
      worker ??= import('tesseract.js').then(({ createWorker }) => createWorker('swe', 1, { ...assets(), cacheMethod: 'none', gzip: true }));
      const w = await worker;
      if (mode !== wanted) {
        await w.setParameters({ ...MODES[wanted] });
        mode = wanted;
      }
      // The scan's own resolution: tesseract otherwise estimates it from the crop, and says so on stderr.
      await w.setParameters({ user_defined_dpi: String(Math.round(dpi)) });
      const { data } = await w.recognize(Buffer.from(jpeg), { rectangle: rect }, { text: true, blocks: true });
      const out: OcrLine[] = [];
      for (const block of data.blocks ?? [])
        for (const paragraph of block.paragraphs)
          for (const line of paragraph.lines) out.push({ text: line.text.trim(), confidence: line.confidence, box: { ...line.bbox } });
      return out.filter((l) => l.text !== '');
    },
    async close() {
      const started = worker;
      worker = null;
      mode = null;
      if (started) await (await started).terminate();
    },
  };
}
