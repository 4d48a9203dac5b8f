// The parser's yardstick in the suite: every real minutes of ../shared/corpus/ parsed and
// scored by the corpus's own score.mjs against its hand label, as score-all.sh does. The
// floors are the figures this parser reaches; a change that lowers one fails here.
// Three are scans whose text layer lost item numbers and a chair's printed name: those are
// re-read from the page image (docs/parsing.md, "Scanned pages"), so they are held to the same bar.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePdf } from '../../shared/minutes/index';

const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const pdfs = readdirSync(corpus).filter((f) => f.endsWith('.pdf')).sort();

interface Scored {
  name: string;
  score: number;
  off: string[];
}

let dir: string;
const scored: Scored[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'justera-corpus-'));
  for (const pdf of pdfs) {
    const name = pdf.replace(/\.pdf$/, '');
    const { minutes } = await parsePdf(new Uint8Array(readFileSync(join(corpus, pdf))));
    const actual = join(dir, `${name}.json`);
    writeFileSync(actual, JSON.stringify(minutes));
    const line = execFileSync(process.execPath, [join(corpus, 'score.mjs'), join(corpus, `${name}.expected.json`), actual, '--verbose']).toString();
    scored.push({ name, score: parseFloat(line), off: line.split('\n').slice(1).filter(Boolean) });
  }
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the corpus of real minutes', () => {
  it('has its documents', () => {
    expect(pdfs.length).toBeGreaterThanOrEqual(28);
  });

  it('parses every document (no NO_ITEMS, no crash) and scores at least the floor', () => {
    const mean = scored.reduce((sum, s) => sum + s.score, 0) / scored.length;
    const table = scored.map((s) => `${s.score.toFixed(1).padStart(5)}% ${s.name}`).join('\n');
    console.log(`corpus mean ${mean.toFixed(1)} %\n${table}`);
    expect(scored).toHaveLength(pdfs.length);
    expect(mean, table).toBeGreaterThanOrEqual(97);
    expect(Math.min(...scored.map((s) => s.score)), table).toBeGreaterThanOrEqual(85);
  });

  it('reads the scans whose text layer lost the item numbers and the chair as well as the rest', () => {
    for (const name of ['28_stenaldern-styrelse-2025-05-22', '38_stenaldern-styrelse-2025-12-16']) {
      const s = scored.find((x) => x.name === name)!;
      expect(s.score, `${name}\n${s.off.join('\n')}`).toBeGreaterThanOrEqual(90);
    }
  });

  it('finds chair and adjusters right on every document', () => {
    const wrong = scored.filter((s) => s.off.some((o) => /^\s*- (chair|adjusters):/.test(o)));
    expect(wrong.map((s) => `${s.name}: ${s.off.filter((o) => /chair|adjusters/.test(o)).join('; ')}`)).toEqual([]);
  });

  it('never invents an item', () => {
    const invented = scored.filter((s) => s.off.some((o) => /no invented items/.test(o)));
    expect(invented.map((s) => `${s.name}: ${s.off.find((o) => /invented/.test(o))}`)).toEqual([]);
  });
});
