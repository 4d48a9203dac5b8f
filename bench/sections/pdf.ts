// Parse beside pdftotext, stamp + seal beside a qpdf rewrite: the same file,
// the same run, alternating, so the ratios hold even when the machine's speed
// drifts. Ours is timed twice: warm (in this process, after a warm-up, the
// way a warm Lambda sandbox runs it) and as a whole fresh process (the bundled
// code started with `node`, the way the native tool is always started).
// Stamp + seal is timed a second time with the text positions given, the
// chain without pdf.js, to show the extraction's share.
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import type { SealSigner } from '../../shared/seal/types';
import { extractDocument } from '../../shared/minutes/extract';
import { encodePositions, positionsOf } from '../../shared/stamp/positions';
import { parseOnce, signatoriesOf, stampAndSeal, type Signatory } from '../lib/chain';
import type { BenchDocument } from '../lib/documents';
import { round, run, sideBySide, summarize, timed, type Summary } from '../lib/stats';

export interface WorkChild {
  /** The bundled bench/entries/work.ts. */
  script: string;
  env: NodeJS.ProcessEnv;
  sealDir: string;
}

export interface ProcessFigures {
  /** Wall time of `node work.mjs …`, spawn to exit. */
  wall: Summary;
  /** Process start → code ready (Node startup and the bundle's import). */
  ready: Summary;
  /** The work itself inside the fresh process (cold JIT). */
  work: Summary;
  /** Peak resident set size of the process (MB), the highest of the runs. */
  maxRssMb: number;
  /** Resident set size once the bundle was imported (MB). */
  rssReadyMb: number;
}

export interface Comparison {
  document: string;
  source: BenchDocument['source'];
  pages: number;
  bytes: number;
  tool: string;
  /** The native tool, spawned (its process start included: it has no other way to run). */
  toolMs: Summary;
  /** Ours in a warm process. */
  oursMs: Summary;
  oursPerPageMs: number;
  toolPerPageMs: number;
  /** median(ours warm) / median(tool). */
  ratio: number;
  /** Ours as a fresh process, and median(process wall) / median(tool). */
  process: ProcessFigures | null;
  processRatio: number | null;
}

export interface PdfOptions {
  runs: number;
  warmup: number;
  /** Fresh-process runs per document (0: none). */
  processRuns: number;
  /** Fewer runs for documents above this many pages (their runs are long and steady). */
  bigPages: number;
}

function runsFor(doc: BenchDocument, o: PdfOptions): { runs: number; warmup: number } {
  return doc.pages > o.bigPages ? { runs: Math.max(3, Math.ceil(o.runs * 0.6)), warmup: 1 } : { runs: o.runs, warmup: o.warmup };
}

async function processRuns(child: WorkChild, args: string[], runs: number): Promise<ProcessFigures | null> {
  if (runs <= 0) return null;
  const wall: number[] = [];
  const ready: number[] = [];
  const work: number[] = [];
  let maxRssMb = 0;
  let rssReadyMb = 0;
  for (let i = 0; i < runs; i++) {
    const r = await run(process.execPath, [child.script, ...args], { env: child.env, timeoutMs: 300_000 });
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { readyMs: number; workMs: number; maxRssMb: number; rssReadyMb: number };
    wall.push(r.ms);
    ready.push(out.readyMs);
    work.push(out.workMs);
    maxRssMb = Math.max(maxRssMb, out.maxRssMb);
    rssReadyMb = Math.max(rssReadyMb, out.rssReadyMb);
  }
  return { wall: summarize(wall), ready: summarize(ready), work: summarize(work), maxRssMb: round(maxRssMb), rssReadyMb: round(rssReadyMb) };
}

function comparison(doc: BenchDocument, tool: string, a: number[], b: number[], proc: ProcessFigures | null): Comparison {
  const ours = summarize(a);
  const native = summarize(b);
  return {
    document: doc.name,
    source: doc.source,
    pages: doc.pages,
    bytes: doc.bytes.length,
    tool,
    toolMs: native,
    oursMs: ours,
    oursPerPageMs: round(ours.median / doc.pages, 2),
    toolPerPageMs: round(native.median / doc.pages, 2),
    ratio: round(ours.median / native.median, 2),
    process: proc,
    processRatio: proc ? round(proc.wall.median / native.median, 2) : null,
  };
}

export async function benchParse(docs: BenchDocument[], scratch: string, child: WorkChild | null, o: PdfOptions, progress: (line: string) => void): Promise<Comparison[]> {
  const out: Comparison[] = [];
  for (const doc of docs) {
    progress(`parse ${doc.name}`);
    const { runs, warmup } = runsFor(doc, o);
    const text = path.join(scratch, `${doc.name}.txt`);
    const times = await sideBySide(
      async () => (await timed(() => parseOnce(doc.bytes))).ms,
      async () => (await run('pdftotext', [doc.file, text])).ms,
      runs,
      warmup,
    );
    const proc = child ? await processRuns(child, ['parse', doc.file], doc.pages > o.bigPages ? Math.max(1, o.processRuns) : o.processRuns) : null;
    out.push(comparison(doc, 'pdftotext', times.a, times.b, proc));
  }
  return out;
}

export async function benchSeal(
  docs: BenchDocument[],
  scratch: string,
  signer: SealSigner,
  child: WorkChild | null,
  o: PdfOptions,
  progress: (line: string) => void,
): Promise<Comparison[]> {
  const out: Comparison[] = [];
  const prepared = await Promise.all(docs.map(async (doc) => ({ signers: await signatoriesOf(doc.bytes), kept: encodePositions(positionsOf(await extractDocument(doc.bytes))) })));
  // One pass over every document first, so the first document is not timed while the chain's code is still
  // being compiled (a warm sandbox has stamped before); each document still gets its own warm-up runs.
  for (const [i, doc] of docs.entries()) await stampAndSeal(doc.bytes, prepared[i]!.signers, signer, prepared[i]!.kept);
  for (const [i, doc] of docs.entries()) {
    progress(`stamp + seal ${doc.name}`);
    const { runs, warmup } = runsFor(doc, o);
    const signers: Signatory[] = prepared[i]!.signers;
    const rewritten = path.join(scratch, `${doc.name}.qpdf.pdf`);
    // What the parse step stores beside the draft: the stamp function reads it instead of the PDF's text.
    const kept = prepared[i]!.kept;
    const keptFile = path.join(scratch, `${doc.name}.positions.json`);
    await writeFile(keptFile, kept);
    const times = await sideBySide(
      async () => (await timed(() => stampAndSeal(doc.bytes, signers, signer, kept))).ms,
      async () => (await run('qpdf', [doc.file, rewritten], { okCodes: [0, 3] })).ms, // 3: written, with warnings
      runs,
      warmup,
    );
    const proc = child
      ? await processRuns(child, ['seal', doc.file, child.sealDir, JSON.stringify(signers), keptFile], doc.pages > o.bigPages ? Math.max(1, o.processRuns) : o.processRuns)
      : null;
    const row = comparison(doc, 'qpdf', times.a, times.b, proc);
    progress(`  ${doc.name}: ${row.ratio}× qpdf`);
    out.push(row);
  }
  return out;
}
