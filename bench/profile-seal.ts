// Profiling aid for the stamp function's chain (positions kept): first write the document and its positions,
// then profile only the stamping and sealing of them.
//   tsx bench/profile-seal.ts prepare <pages: 4 | 10 | 50 | 200> <dir>
//   node --cpu-prof --import tsx bench/profile-seal.ts run <dir> [runs]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractDocument } from '../shared/minutes/extract';
import { ensureLocalSealKey } from '../shared/seal/local-key';
import { encodePositions, positionsOf } from '../shared/stamp/positions';
import { signatoriesOf, stampAndSeal, type Signatory } from './lib/chain';
import { loadDocuments } from './lib/documents';

const [mode, a = '200', b = '10'] = process.argv.slice(2);
if (mode === 'prepare') {
  const dir = b;
  mkdirSync(dir, { recursive: true });
  const docs = await loadDocuments(dir, a === '4' ? [] : [Number(a)]);
  const doc = a === '4' ? docs.find((d) => d.name === '003-protokoll-draft.pdf')! : docs.at(-1)!;
  writeFileSync(path.join(dir, 'draft.pdf'), doc.bytes);
  writeFileSync(path.join(dir, 'positions.json'), encodePositions(positionsOf(await extractDocument(doc.bytes))));
  writeFileSync(path.join(dir, 'signers.json'), JSON.stringify(await signatoriesOf(doc.bytes)));
} else {
  const dir = a;
  const draft = new Uint8Array(readFileSync(path.join(dir, 'draft.pdf')));
  const kept = new Uint8Array(readFileSync(path.join(dir, 'positions.json')));
  const signers = JSON.parse(readFileSync(path.join(dir, 'signers.json'), 'utf8')) as Signatory[];
  const signer = await ensureLocalSealKey(dir);
  const times: number[] = [];
  for (let i = 0; i < Number(b); i++) {
    const t = performance.now();
    await stampAndSeal(draft, signers, signer, kept);
    times.push(performance.now() - t);
  }
  console.log(times.map((t) => Math.round(t)).join(' '));
}
