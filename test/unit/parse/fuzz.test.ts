// The parser never crashes: whatever lines it is given, parseMinutes returns a
// result, and parsePdf returns one or throws a typed PdfReadError. Inputs are
// random text of every awkward kind, the real corpus's lines shuffled,
// truncated and duplicated, and lines with impossible positions and sizes.
// Deterministic: each case has its own seed, printed when it fails, and
// `caseSeed(n)` regenerates exactly that input.
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocument, type TextLine } from '../../../shared/minutes/extract';
import { linesFromText, parseMinutes, parsePdf, PdfReadError } from '../../../shared/minutes/index';
import { caseSeed, mangle, oddPosition, randomText, rng } from './fuzz-inputs';

const CORPUS = new URL('../../../../shared/corpus/', import.meta.url);
const FIXTURES = new URL('../../../../shared/fixtures/', import.meta.url);
// The full suite runs 300 cases of each kind; the quick lane (npm run test:quick) fewer, for a fast loop.
const RUNS = Number(process.env.JUSTERA_FUZZ_RUNS ?? 300);

/** Runs the parser; any throw other than a PdfReadError fails the case, naming its seed. */
function mustParse(what: string, seed: number, lines: TextLine[], running: TextLine[] = []): void {
  try {
    const minutes = parseMinutes(lines, running);
    expect(Array.isArray(minutes.items), `${what}, seed ${seed}`).toBe(true);
  } catch (error) {
    if (error instanceof PdfReadError) return;
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    expect.fail(`${what}, seed ${seed} (0x${seed.toString(16)}): parseMinutes threw ${message}`);
  }
}

const pdfs = (dir: URL) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort();

describe('every real document', () => {
  const corpus: { name: string; lines: TextLine[]; running: TextLine[] }[] = [];
  const failures: string[] = [];

  // Each document is read once; its lines feed the mangling cases below. The text layer is
  // enough for that: test/corpus parses (and re-reads the scans of) every document in full.
  beforeAll(async () => {
    for (const name of pdfs(CORPUS)) {
      try {
        const document = await extractDocument(readFileSync(new URL(name, CORPUS)));
        const first = document.pages[0];
        corpus.push({ name, lines: document.lines, running: first ? first.lines.filter((l) => l.furniture) : [] });
      } catch (error) {
        failures.push(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }, 120_000);

  it('reads the lines of every corpus PDF', () => {
    expect(failures).toEqual([]);
    expect(corpus.length).toBeGreaterThanOrEqual(28);
    for (const doc of corpus) expect(doc.lines.length, doc.name).toBeGreaterThan(0);
  });

  it('returns a result for every fixture', async () => {
    const names = pdfs(FIXTURES);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const result = await parsePdf(readFileSync(new URL(name, FIXTURES))).catch((error: unknown) => expect.fail(`${name}: ${String(error)}`));
      expect(result.minutes.items, name).toBeDefined();
    }
  });

  it(`parseMinutes survives ${RUNS} shuffled, truncated, duplicated and spliced corpus documents`, () => {
    for (let run = 0; run < RUNS; run++) {
      const seed = caseSeed(1, run);
      const r = rng(seed);
      const doc = r.pick(corpus);
      mustParse(`mangled ${doc.name}`, seed, mangle(r, doc.lines, r.pick(corpus).lines), r.int(2) ? doc.running : []);
    }
  });

  it(`parseMinutes survives ${RUNS} corpus documents with odd positions and sizes (NaN, negative, zero, huge)`, () => {
    for (let run = 0; run < RUNS; run++) {
      const seed = caseSeed(2, run);
      const r = rng(seed);
      const doc = r.pick(corpus);
      mustParse(`odd positions in ${doc.name}`, seed, doc.lines.map((l) => (r.int(4) === 0 ? oddPosition(r, l) : l)));
    }
  });
});

describe('parseMinutes on random text', () => {
  it(`survives ${RUNS} random texts (odd Unicode, bidi, zero-width, surrogates, controls, very long lines)`, () => {
    for (let run = 0; run < RUNS; run++) {
      const seed = caseSeed(3, run);
      mustParse('random text', seed, linesFromText(randomText(rng(seed))));
    }
  });

  it(`survives ${RUNS} random lines with odd positions and sizes`, () => {
    for (let run = 0; run < RUNS; run++) {
      const seed = caseSeed(4, run);
      const r = rng(seed);
      const lines = linesFromText(randomText(r)).map((l) => oddPosition(r, l));
      mustParse('random lines, odd positions', seed, lines, r.int(2) ? lines.slice(0, 2) : []);
    }
  });

  it('survives the degenerate inputs', () => {
    const line = (text: string, over: Partial<TextLine> = {}): TextLine => ({ page: 1, text, x: 56, y: 700, width: 0, size: 11, furniture: false, ...over });
    const cases: [string, TextLine[]][] = [
      ['no lines', []],
      ['one empty line', [line('')]],
      ['empty lines', Array.from({ length: 50 }, () => line(''))],
      ['only tabs', Array.from({ length: 20 }, (_, i) => line('\t'.repeat(i + 1)))],
      ['only §', Array.from({ length: 20 }, (_, i) => line('§'.repeat(i + 1)))],
      ['only digits', Array.from({ length: 20 }, (_, i) => line(String(i).repeat(i + 1)))],
      ['§ without numbers', Array.from({ length: 20 }, () => line('§ '))],
      ['one enormous line', [line('Ordförande '.repeat(20_000))]],
      ['NaN everywhere', [line('§ 1 Mötets öppnande', { x: Number.NaN, y: Number.NaN, size: Number.NaN, width: Number.NaN, page: Number.NaN })]],
      ['zero size', Array.from({ length: 10 }, (_, i) => line(`§ ${i} Ärende`, { size: 0, y: 0 }))],
      ['negative and huge', Array.from({ length: 10 }, (_, i) => line(`§ ${i} Ärende`, { size: -5, y: 1e308 * (i % 2 ? -1 : 1), x: -1e308 }))],
      ['furniture only', Array.from({ length: 10 }, () => line('PROTOKOLL', { furniture: true }))],
    ];
    for (const [what, lines] of cases) mustParse(what, 0, lines, lines.slice(0, 1));
  });
});
