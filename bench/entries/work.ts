// One piece of work in a fresh process, bundled like a function: the benchmark
// runs it to read peak memory and the whole-process time, as a new Lambda
// sandbox would pay them.
//   node work.mjs parse <file.pdf>
//   node work.mjs seal <file.pdf> <seal-key-dir> '<signers JSON>' <positions.json>
// Prints one JSON line: readyMs (process start → code ready: startup and
// import), workMs, rssReadyMb (resident after import), maxRssMb (peak).
import { readFileSync } from 'node:fs';
import { ensureLocalSealKey } from '../../shared/seal/local-key';
import { parseOnce, stampAndSeal, type Signatory } from '../lib/chain';

// performance.now() counts from the process's start: here, startup and import are done.
const readyMs = performance.now();
const rssReadyMb = process.memoryUsage().rss / 1048576;
const [mode, file, sealDir, signersJson, positionsFile] = process.argv.slice(2);
if (!file || (mode !== 'parse' && mode !== 'seal')) {
  console.error('usage: work.mjs parse <file.pdf> | seal <file.pdf> <seal-dir> <signers-json>');
  process.exit(2);
}
const bytes = new Uint8Array(readFileSync(file));
let workMs: number;
let detail: Record<string, unknown>;
if (mode === 'parse') {
  const start = performance.now();
  detail = await parseOnce(bytes);
  workMs = performance.now() - start;
} else {
  const signer = await ensureLocalSealKey(sealDir ?? '.');
  const signers = JSON.parse(signersJson ?? '[]') as Signatory[];
  const start = performance.now();
  // The positions the parse step stored, read as the stamp function reads them (without: the draft is read again).
  const kept = positionsFile ? new Uint8Array(readFileSync(positionsFile)) : undefined;
  const sealed = await stampAndSeal(bytes, signers, signer, kept);
  workMs = performance.now() - start;
  detail = { sealedBytes: sealed.length };
}
// maxRSS is in kilobytes.
const maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ mode, readyMs, workMs, rssReadyMb, maxRssMb, ...detail }));
