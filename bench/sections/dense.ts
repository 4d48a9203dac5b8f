// Parse time per page on line-dense minutes of 10, 100 and 500 pages: the
// extraction (pdf.js) and the structure (parseMinutes) timed apart, beside
// pdftotext on the same file, alternating. Linear parsing costs the same per
// page at 500 pages as at 10: the 500/10 per-page ratio is about 1 (below 1
// while fixed costs still weigh on the small document).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractDocument } from '../../shared/minutes/extract';
import { parseMinutes } from '../../shared/minutes/parse';
import { denseMinutes } from '../lib/dense';
import { round, run, summarize, type Summary } from '../lib/stats';

export const DENSE_PAGES = [10, 100, 500] as const;

export interface DenseFigures {
  pages: number;
  lines: number;
  bytes: number;
  extractMs: Summary;
  parseMs: Summary;
  toolMs: Summary | null;
  extractPerPageMs: number;
  parsePerPageMs: number;
  toolPerPageMs: number | null;
}

export interface DenseLinearity {
  /** Per-page time at 500 pages over per-page time at 10 pages. */
  extract: number;
  parse: number;
  tool: number | null;
}

export async function benchDense(scratch: string, runs: number, withTool: boolean, progress: (line: string) => void): Promise<DenseFigures[]> {
  const out: DenseFigures[] = [];
  for (const pages of DENSE_PAGES) {
    progress(`line-dense ${pages} pages`);
    const bytes = await denseMinutes(pages);
    const file = path.join(scratch, `dense-${pages}p.pdf`);
    writeFileSync(file, bytes);
    const extract: number[] = [];
    const parse: number[] = [];
    const tool: number[] = [];
    let lines = 0;
    // One warm-up round (not counted), then `runs` rounds, ours and the tool alternating.
    for (let i = 0; i <= runs; i++) {
      let t = performance.now();
      const document = await extractDocument(bytes, { maxCpuMs: Number.MAX_SAFE_INTEGER });
      const e = performance.now() - t;
      t = performance.now();
      parseMinutes(document.lines);
      const p = performance.now() - t;
      const native = withTool ? (await run('pdftotext', [file, path.join(scratch, `dense-${pages}p.txt`)])).ms : null;
      lines = document.lines.length;
      if (i === 0) continue;
      extract.push(e);
      parse.push(p);
      if (native !== null) tool.push(native);
    }
    const extractMs = summarize(extract);
    const parseMs = summarize(parse);
    const toolMs = tool.length ? summarize(tool) : null;
    out.push({
      pages,
      lines,
      bytes: bytes.length,
      extractMs,
      parseMs,
      toolMs,
      extractPerPageMs: round(extractMs.median / pages, 2),
      parsePerPageMs: round(parseMs.median / pages, 2),
      toolPerPageMs: toolMs ? round(toolMs.median / pages, 2) : null,
    });
  }
  return out;
}

export function denseLinearity(figures: DenseFigures[]): DenseLinearity | null {
  const small = figures.find((f) => f.pages === DENSE_PAGES[0]);
  const big = figures.find((f) => f.pages === DENSE_PAGES.at(-1));
  if (!small || !big) return null;
  return {
    extract: round(big.extractPerPageMs / small.extractPerPageMs, 2),
    parse: round(big.parsePerPageMs / small.parsePerPageMs, 2),
    tool: big.toolPerPageMs !== null && small.toolPerPageMs ? round(big.toolPerPageMs / small.toolPerPageMs, 2) : null,
  };
}
