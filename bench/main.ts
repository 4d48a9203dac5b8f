// npm run bench [-- --json] [-- --quick] [-- --protocols N] [-- --runs N] [-- --only parse,dense,seal,bundles,pipeline,search]
//
// Parse beside pdftotext and stamp + seal beside qpdf (same files, same run),
// bundle sizes and import times of every function, pipeline latency on the
// local stack, peak memory of the 200-page document, parse time per page of
// line-dense minutes of 10, 100 and 500 pages, word search over 100,000
// decisions; each target printed as met or not. See docs/performance.md for what the figures mean.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../infra/functions';
import { ensureLocalSealKey } from '../shared/seal/local-key';
import { flagsOrExit } from './lib/args';
import { bundle, fontDir, stackBundling } from './lib/bundle';
import { loadDocuments } from './lib/documents';
import { machine } from './lib/machine';
import { kb, ms, table, verdict } from './lib/report';
import { available, round } from './lib/stats';
import { BUNDLE_LIMIT, benchBundles, IMPORT_LIMIT_MS, PDF_ENGINE_BUDGET, type BundleFigures } from './sections/bundles';
import { benchParse, benchSeal, type Comparison, type WorkChild } from './sections/pdf';
import { benchDense, denseLinearity, type DenseFigures, type DenseLinearity } from './sections/dense';
import { benchPipeline, LATENCY_LIMIT_MS, type PipelineFigures } from './sections/pipeline';
import { benchSearch, RARE_LIMIT_MS, SEARCH_DECISIONS, type QueryFigures, type SearchFigures } from './sections/search';

const USAGE = `npm run bench -- [--json] [--quick] [--protocols N] [--runs N] [--only parse,dense,seal,bundles,pipeline,search] [--keep]
  --json         one JSON document with every figure, ratio and verdict on stdout (progress on stderr)
  --quick        fewer runs and 10 protocols: a check that everything works, not figures to keep
  --protocols N  protocols for the pipeline latency (default 50)
  --runs N       timed runs per document after the warm-up (default 7)
  --only …       some sections only (dense: line-dense minutes of 10, 100 and 500 pages, per page;
                 search: 100,000 decisions (10,000 with --quick) and word queries through the API)
  --keep         keep the scratch folder (bundles, generated PDFs)`;

const RATIO_LIMIT = 2;
const LINEAR_LIMIT = 25;
/** Per-page parse time at 500 line-dense pages over that at 10: about 1 when linear, 50 when quadratic. */
const DENSE_LINEAR_LIMIT = 2;

interface Target {
  id: string;
  target: string;
  value: number | string | null;
  limit: number | string;
  unit: 'x' | 'ms' | 'bytes';
  met: boolean | null;
  detail?: string;
}

const flags = flagsOrExit(USAGE);

const settings = {
  quick: flags.quick,
  runs: flags.runs ?? (flags.quick ? 3 : 7),
  warmup: flags.quick ? 1 : 2,
  processRuns: flags.quick ? 1 : 3,
  importRuns: flags.quick ? 3 : 7,
  protocols: flags.protocols ?? (flags.quick ? 10 : 50),
  bigPages: 100,
};
const sections = new Set(flags.only ?? ['parse', 'dense', 'seal', 'bundles', 'pipeline', 'search']);
const started = Date.now();
const progress = (line: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

const scratch = mkdtempSync(path.join(tmpdir(), 'justera-bench-'));
try {
  await main();
} finally {
  if (!flags.keep) rmSync(scratch, { recursive: true, force: true });
  else progress(`scratch kept in ${scratch}`);
}

async function main(): Promise<void> {
  const host = await machine();
  const tools = { pdftotext: await available('pdftotext'), qpdf: await available('qpdf', ['--version']) };
  const mode = stackBundling();
  if (host.loadAverage > host.cores) progress(`warning: load average ${host.loadAverage} on ${host.cores} cores; other work competes with the figures`);

  let parse: Comparison[] = [];
  let seal: Comparison[] = [];
  let bundles: BundleFigures[] = [];
  let pipeline: PipelineFigures | null = null;
  let dense: DenseFigures[] = [];
  let search: SearchFigures | null = null;

  if (sections.has('parse') || sections.has('seal')) {
    progress('generating minutes of 10, 50 and 200 pages');
    const docs = await loadDocuments(scratch);
    progress('bundling the work child (parse / stamp + seal in a fresh process)');
    const sealDir = path.join(scratch, 'seal');
    const signer = await ensureLocalSealKey(sealDir);
    mkdirSync(path.join(scratch, 'child'), { recursive: true });
    const work = await bundle('bench/entries/work.ts', path.join(scratch, 'child', 'work.mjs'), mode);
    const child: WorkChild = { script: work.file, env: { PATH: process.env.PATH, JUSTERA_FONT_DIR: fontDir() }, sealDir };
    const o = { runs: settings.runs, warmup: settings.warmup, processRuns: settings.processRuns, bigPages: settings.bigPages };
    if (sections.has('parse')) {
      if (tools.pdftotext) parse = await benchParse(docs, scratch, child, o, progress);
      else progress('pdftotext not found (apt-get install poppler-utils): parse comparison skipped');
    }
    if (sections.has('seal')) {
      if (tools.qpdf) seal = await benchSeal(docs, scratch, signer, child, o, progress);
      else progress('qpdf not found (apt-get install qpdf): stamp + seal comparison skipped');
    }
  }
  if (sections.has('dense')) {
    if (!tools.pdftotext) progress('pdftotext not found: line-dense minutes timed without it');
    dense = await benchDense(scratch, flags.quick ? 1 : Math.max(2, Math.ceil(settings.runs / 2)), tools.pdftotext, progress);
  }
  if (sections.has('bundles')) bundles = await benchBundles(scratch, mode, settings.importRuns, progress);
  if (sections.has('pipeline')) pipeline = await benchPipeline(settings.protocols, progress);
  if (sections.has('search')) search = await benchSearch(flags.quick ? SEARCH_DECISIONS / 10 : SEARCH_DECISIONS, flags.quick ? 5 : 30, progress);

  const memory = memoryFigures(parse, seal);
  const linear = linearity(parse, seal);
  const denseLinear = denseLinearity(dense);
  const targets = verdicts(parse, seal, bundles, pipeline, linear);
  targets.push({
    id: 'linear-parse-dense',
    target: `parseMinutes per page: 500 line-dense pages ≤ ${DENSE_LINEAR_LIMIT}× 10 pages`,
    value: denseLinear ? denseLinear.parse : null,
    limit: DENSE_LINEAR_LIMIT,
    unit: 'x',
    met: denseLinear ? denseLinear.parse <= DENSE_LINEAR_LIMIT : null,
  });
  targets.push({
    id: 'search-rare-word',
    target: `GET /decisions, a rare word among ${search?.decisions ?? SEARCH_DECISIONS} decisions: p50 ≤ ${RARE_LIMIT_MS} ms`,
    value: search ? search.rare.ms.p50 : null,
    limit: RARE_LIMIT_MS,
    unit: 'ms',
    met: search ? search.rareMet : null,
    detail: search ? `p95 ${search.rare.ms.p95} ms, ${search.rare.itemsRead.p50} items read` : undefined,
  });
  const report = {
    generatedAt: new Date().toISOString(),
    durationSec: round((Date.now() - started) / 1000),
    machine: host,
    settings: { ...settings, sections: [...sections], bundling: mode },
    parse,
    stampSeal: seal,
    bundles,
    pipeline,
    memory,
    linearity: linear,
    dense: { documents: dense, perPageRatio500to10: denseLinear },
    search,
    targets,
    allMet: targets.every((t) => t.met !== false),
  };
  if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report);
}

function largest(list: Comparison[]): Comparison | undefined {
  return [...list].sort((a, b) => b.pages - a.pages)[0];
}

function memoryFigures(parse: Comparison[], seal: Comparison[]) {
  const figure = (c: Comparison | undefined, fn: 'parse' | 'stamp') =>
    c?.process
      ? {
          document: c.document,
          pages: c.pages,
          peakRssMb: c.process.maxRssMb,
          rssAfterImportMb: c.process.rssReadyMb,
          functionMemoryMb: FUNCTIONS[fn].memoryMb,
          headroom: round(FUNCTIONS[fn].memoryMb / c.process.maxRssMb, 2),
        }
      : null;
  return { parse: figure(largest(parse), 'parse'), stampSeal: figure(largest(seal), 'stamp') };
}

function linearity(parse: Comparison[], seal: Comparison[]) {
  const of = (list: Comparison[]) => {
    const small = list.find((c) => c.source === 'generated' && c.pages === 10);
    const big = list.find((c) => c.source === 'generated' && c.pages === 200);
    if (!small || !big) return null;
    const pages = big.pages - small.pages;
    return {
      ratio: round(big.oursMs.median / small.oursMs.median, 2),
      /** Cost of one more page, fixed costs cancelled out: ours and the tool's. */
      marginalPerPageMs: round((big.oursMs.median - small.oursMs.median) / pages, 2),
      toolMarginalPerPageMs: round((big.toolMs.median - small.toolMs.median) / pages, 2),
      marginalRatio: round((big.oursMs.median - small.oursMs.median) / Math.max(0.001, big.toolMs.median - small.toolMs.median), 2),
    };
  };
  return { parse: of(parse), stampSeal: of(seal) };
}

function verdicts(parse: Comparison[], seal: Comparison[], bundles: BundleFigures[], pipeline: PipelineFigures | null, linear: ReturnType<typeof linearity>): Target[] {
  const out: Target[] = [];
  const ratioTarget = (id: string, what: string, list: Comparison[], tool: string) => {
    if (!list.length) return out.push({ id, target: `${what} ≤ ${RATIO_LIMIT}× ${tool}`, value: null, limit: RATIO_LIMIT, unit: 'x', met: null });
    const worst = [...list].sort((a, b) => b.ratio - a.ratio)[0]!;
    const failing = list.filter((c) => c.ratio > RATIO_LIMIT);
    out.push({
      id,
      target: `${what} ≤ ${RATIO_LIMIT}× ${tool} (warm, every document)`,
      value: worst.ratio,
      limit: RATIO_LIMIT,
      unit: 'x',
      met: failing.length === 0,
      detail: `worst ${worst.document} ${worst.ratio}×; ${list.length - failing.length}/${list.length} documents within; ratios ${list.map((c) => `${c.document} ${c.ratio}×`).join(', ')}`,
    });
  };
  ratioTarget('parse-vs-pdftotext', 'parse', parse, 'pdftotext');
  ratioTarget('seal-vs-qpdf', 'stamp + seal', seal, 'qpdf rewrite');

  if (bundles.length) {
    const big = bundles.filter((b) => !b.sizeMet);
    const worst = [...bundles].sort((a, b) => b.restBytes - a.restBytes)[0]!;
    out.push({
      id: 'bundle-size',
      target: `each bundle ≤ ${kb(BUNDLE_LIMIT)} minified (pdf.js on top, within ${kb(PDF_ENGINE_BUDGET)}, in parse only)`,
      value: worst.restBytes,
      limit: BUNDLE_LIMIT,
      unit: 'bytes',
      met: big.length === 0,
      detail: `over: ${big.map((b) => `${b.function} ${kb(b.restBytes)}`).join(', ') || 'none'}`,
    });
    const slow = bundles.filter((b) => !b.importMet);
    const slowest = [...bundles].sort((a, b) => b.importMs.median - a.importMs.median)[0]!;
    out.push({
      id: 'import-time',
      target: `each bundle imports in ≤ ${IMPORT_LIMIT_MS} ms (fresh node, median)`,
      value: slowest.importMs.median,
      limit: IMPORT_LIMIT_MS,
      unit: 'ms',
      met: slow.length === 0,
      detail: `over: ${slow.map((b) => `${b.function} ${ms(b.importMs.median)} ms`).join(', ') || 'none'}`,
    });
  } else {
    out.push({ id: 'bundle-size', target: 'each bundle ≤ 1 MB minified', value: null, limit: BUNDLE_LIMIT, unit: 'bytes', met: null });
    out.push({ id: 'import-time', target: `each bundle imports in ≤ ${IMPORT_LIMIT_MS} ms`, value: null, limit: IMPORT_LIMIT_MS, unit: 'ms', met: null });
  }

  out.push({
    id: 'upload-to-mails',
    target: `upload → all mails p50 ≤ ${LATENCY_LIMIT_MS} ms (local)`,
    value: pipeline ? pipeline.uploadToMailsMs.p50 : null,
    limit: LATENCY_LIMIT_MS,
    unit: 'ms',
    met: pipeline ? pipeline.mailsMet : null,
    detail: pipeline ? `p95 ${pipeline.uploadToMailsMs.p95} ms over ${pipeline.protocols} protocols${pipeline.failures.length ? `; ${pipeline.failures.length} failed` : ''}` : undefined,
  });
  out.push({
    id: 'signature-to-sealed',
    target: `last signature → sealed p50 ≤ ${LATENCY_LIMIT_MS} ms (local)`,
    value: pipeline ? pipeline.lastSignatureToSealedMs.p50 : null,
    limit: LATENCY_LIMIT_MS,
    unit: 'ms',
    met: pipeline ? pipeline.sealMet : null,
    detail: pipeline ? `p95 ${pipeline.lastSignatureToSealedMs.p95} ms over ${pipeline.protocols} protocols` : undefined,
  });
  for (const [id, what, l] of [
    ['linear-parse', 'parse', linear.parse],
    ['linear-seal', 'stamp + seal', linear.stampSeal],
  ] as const)
    out.push({
      id,
      target: `${what}: 200 pages ≤ ${LINEAR_LIMIT}× 10 pages`,
      value: l ? l.ratio : null,
      limit: LINEAR_LIMIT,
      unit: 'x',
      met: l ? l.ratio <= LINEAR_LIMIT : null,
    });
  return out;
}

function withUnit(value: number | string | null, unit: Target['unit']): string | null {
  if (value === null || typeof value === 'string') return value;
  return unit === 'bytes' ? kb(value) : unit === 'ms' ? `${ms(value)} ms` : `${value}×`;
}

type Report = {
  durationSec: number;
  machine: Awaited<ReturnType<typeof machine>>;
  settings: typeof settings & { bundling: ReturnType<typeof stackBundling> };
  parse: Comparison[];
  stampSeal: Comparison[];
  bundles: BundleFigures[];
  pipeline: PipelineFigures | null;
  memory: ReturnType<typeof memoryFigures>;
  linearity: ReturnType<typeof linearity>;
  dense: { documents: DenseFigures[]; perPageRatio500to10: DenseLinearity | null };
  search: SearchFigures | null;
  targets: Target[];
  allMet: boolean;
};

function printReport(r: Report): void {
  const m = r.machine;
  const say = (s = '') => console.log(s);
  say(`Justera benchmark — ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB, Node ${m.node}, ${m.os}`);
  say(`${m.pdftotext ?? 'pdftotext missing'} · ${m.qpdf ?? 'qpdf missing'} · load average at start ${m.loadAverage}${r.settings.quick ? ' · QUICK run' : ''}`);
  say();
  const comparisons = (title: string, list: Comparison[]) => {
    if (!list.length) return;
    say(title);
    say(
      table(
        ['document', 'pages', 'ours ms (min–max)', 'ours ms/page', `${list[0]!.tool} ms (min–max)`, 'ratio', 'fresh process ms', 'process ratio'],
        list.map((c) => [
          c.document,
          c.pages,
          `${ms(c.oursMs.median)} (${ms(c.oursMs.min)}–${ms(c.oursMs.max)})`,
          ms(c.oursPerPageMs, 2),
          `${ms(c.toolMs.median, 1)} (${ms(c.toolMs.min, 1)}–${ms(c.toolMs.max, 1)})`,
          `${c.ratio}×`,
          c.process ? `${ms(c.process.wall.median)} (ready ${ms(c.process.ready.median)} + work ${ms(c.process.work.median)})` : null,
          c.processRatio === null ? null : `${c.processRatio}×`,
        ]),
      ),
    );
    say(`  median of ${list[0]!.oursMs.runs} runs (${list.find((c) => c.pages > r.settings.bigPages)?.oursMs.runs ?? '-'} above ${r.settings.bigPages} pages) after a warm-up, alternating with the tool; ratio = ours warm / tool spawned`);
    say();
  };
  comparisons('Parse (extraction + structure) beside pdftotext', r.parse);
  comparisons('Stamp + seal (extract → anchors → stamp → seal, local RSA 3072) beside qpdf rewrite', r.stampSeal);

  if (r.bundles.length) {
    say(`Cold start: bundles as the stack builds them (${r.settings.bundling.bundleAwsSdk ? 'AWS SDK bundled' : 'AWS SDK external'}, per ${r.settings.bundling.source}), import in a fresh node`);
    say(
      table(
        ['function', 'bundle', 'pdf.js', 'rest', r.settings.bundling.bundleAwsSdk ? 'rest, SDK external' : 'rest, SDK bundled', 'import ms (min–max)', 'process ms', 'size', 'import', 'largest contributors'],
        r.bundles.map((b) => [
          b.function,
          kb(b.bytes),
          b.pdfEngineBytes ? kb(b.pdfEngineBytes) : '–',
          kb(b.restBytes),
          kb(b.otherSdkMode.restBytes),
          `${ms(b.importMs.median)} (${ms(b.importMs.min)}–${ms(b.importMs.max)})`,
          ms(b.processMs.median),
          verdict(b.sizeMet),
          verdict(b.importMet),
          b.top
            .slice(0, 4)
            .map((c) => `${c.name} ${Math.round(c.bytes / 1024)}K`)
            .join(', '),
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l', 'l'],
      ),
    );
    say();
  }
  if (r.pipeline) {
    const p = r.pipeline;
    say(`Pipeline on the local stack, one protocol at a time (${p.protocols} protocols after one warm-up)`);
    say(
      table(
        ['latency', 'p50 ms', 'p95 ms', 'min', 'max'],
        [
          ['upload → all mails in the outbox', p.uploadToMailsMs.p50, p.uploadToMailsMs.p95, p.uploadToMailsMs.min, p.uploadToMailsMs.max],
          ['last signature → signed PDF stored (SEALED)', p.lastSignatureToSealedMs.p50, p.lastSignatureToSealedMs.p95, p.lastSignatureToSealedMs.min, p.lastSignatureToSealedMs.max],
          ['SEALED → PUBLISHED', p.sealedToPublishedMs.p50, p.sealedToPublishedMs.p95, p.sealedToPublishedMs.min, p.sealedToPublishedMs.max],
        ],
      ),
    );
    if (p.failures.length) say(`  failures: ${p.failures.join('; ')}`);
    say(`  sandbox peak RSS: parse ${p.sandboxPeakRssMb.parse ?? '–'} MB, stamp ${p.sandboxPeakRssMb.stamp ?? '–'} MB`);
    say();
  }
  if (r.search) {
    const s = r.search;
    say(`Word search through GET /decisions: ${s.decisions} adjusted decisions and ${s.indexItems} word-prefix items written with BatchWrite in ${s.loadSeconds} s, ${s.runs} runs per query`);
    const row = (what: string, q: QueryFigures) => [what, q.ms.p50, q.ms.p95, q.itemsRead.p50, q.hitsOnFirstPage];
    say(
      table(
        ['query', 'p50 ms', 'p95 ms', 'items read', 'hits on page'],
        [
          row('rare word (10 hits), index', s.rare),
          row('common word (every decision), index, one page', s.common),
          row('two words, index', s.twoWords),
          row('rare word with drafts: the date-range scan, one page', s.scanRare),
        ],
      ),
    );
    say();
  }
  if (r.memory.parse || r.memory.stampSeal) {
    say('Memory: the largest document in a fresh process (peak RSS of the whole process)');
    say(
      table(
        ['work', 'document', 'peak RSS MB', 'RSS after import MB', 'function memory MB', 'headroom'],
        [
          ['parse', r.memory.parse?.document ?? null, r.memory.parse?.peakRssMb ?? null, r.memory.parse?.rssAfterImportMb ?? null, r.memory.parse?.functionMemoryMb ?? null, r.memory.parse ? `${r.memory.parse.headroom}×` : null],
          ['stamp + seal', r.memory.stampSeal?.document ?? null, r.memory.stampSeal?.peakRssMb ?? null, r.memory.stampSeal?.rssAfterImportMb ?? null, r.memory.stampSeal?.functionMemoryMb ?? null, r.memory.stampSeal ? `${r.memory.stampSeal.headroom}×` : null],
        ],
      ),
    );
    say();
  }
  if (r.linearity.parse || r.linearity.stampSeal) {
    say('Cost in pages (generated minutes, 200 pages against 10)');
    say(
      table(
        ['work', '200p / 10p', 'ours ms per extra page', 'tool ms per extra page', 'marginal ratio'],
        (['parse', 'stampSeal'] as const)
          .filter((k) => r.linearity[k])
          .map((k) => {
            const l = r.linearity[k]!;
            return [k === 'parse' ? 'parse' : 'stamp + seal', `${l.ratio}×`, l.marginalPerPageMs, l.toolMarginalPerPageMs, `${l.marginalRatio}×`];
          }),
      ),
    );
    say();
  }
  if (r.dense.documents.length) {
    say('Line-dense minutes: extraction and parseMinutes apart, ms per page, beside pdftotext');
    say(
      table(
        ['pages', 'lines', 'extract ms (min–max)', 'extract ms/page', 'parse ms (min–max)', 'parse ms/page', 'pdftotext ms/page'],
        r.dense.documents.map((d) => [
          d.pages,
          d.lines,
          `${ms(d.extractMs.median)} (${ms(d.extractMs.min)}–${ms(d.extractMs.max)})`,
          ms(d.extractPerPageMs, 2),
          `${ms(d.parseMs.median)} (${ms(d.parseMs.min)}–${ms(d.parseMs.max)})`,
          ms(d.parsePerPageMs, 2),
          d.toolPerPageMs === null ? null : ms(d.toolPerPageMs, 2),
        ]),
      ),
    );
    const l = r.dense.perPageRatio500to10;
    if (l) say(`  per page, 500 pages / 10 pages: extract ${l.extract}×, parse ${l.parse}×, pdftotext ${l.tool ?? '–'}× (about 1 when linear)`);
    say();
  }
  say('Targets');
  say(
    table(
      ['target', 'value', 'limit', 'verdict'],
      r.targets.map((t) => [t.target, withUnit(t.value, t.unit), withUnit(t.limit, t.unit), verdict(t.met)]),
      ['l', 'r', 'r', 'l'],
    ),
  );
  for (const t of r.targets) if (t.detail && t.met === false) say(`  ${t.id}: ${t.detail}`);
  say();
  say(`${r.targets.filter((t) => t.met).length} of ${r.targets.length} targets met · ${r.durationSec} s`);
}
