// Shared by the seal tests: a stamped fixture to seal, poppler/qpdf runs on
// temp files, and where the signature's pieces sit in a sealed file.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractDocument } from '../../../shared/minutes/extract';
import { findSignatureAnchors } from '../../../shared/stamp/anchors';
import { stampProtocol } from '../../../shared/stamp/stamp';
import type { SealDescription } from '../../../shared/stamp/types';
import { fixture, stampInput } from '../stamp/helpers';

const run = promisify(execFile);

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'justera-seal-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The 003 fixture stamped for its chair and adjuster, as the seal step receives it. */
export async function stampedFixture(seal?: SealDescription): Promise<Uint8Array> {
  const draft = await fixture('003-protokoll-draft.pdf');
  const document = await extractDocument(draft);
  const anchors = findSignatureAnchors(document, ['Helena Proos', 'Patrik Stenvard']);
  const input = stampInput(draft, document, [
    { name: 'Helena Proos', role: 'ordförande', signedAt: '2025-02-19T17:56:00Z', anchor: anchors.get('Helena Proos') },
    { name: 'Patrik Stenvard', role: 'justerare', signedAt: '2025-02-18T04:54:00Z', anchor: anchors.get('Patrik Stenvard') },
  ]);
  return stampProtocol(seal ? { ...input, seal } : input);
}

/** Runs a poppler/qpdf tool on the bytes; returns stdout and stderr together, and the exit code. */
export async function tool(dir: string, command: string, args: string[], pdf: Uint8Array): Promise<{ out: string; code: number }> {
  const file = path.join(dir, `${command}-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  try {
    const { stdout, stderr } = await run(command, [...args, file]);
    return { out: stdout + stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    return { out: `${e.stdout ?? ''}${e.stderr ?? ''}`, code: typeof e.code === 'number' ? e.code : 1 };
  } finally {
    await rm(file, { force: true });
  }
}

export interface Layout {
  /** Offset of "/ByteRange". */
  byteRangeAt: number;
  /** [0, "<" offset, after ">", rest]. */
  range: [number, number, number, number];
  /** Number of hex digits of the CMS itself (before the zero padding). */
  derHexLength: number;
}

export function layoutOf(sealed: Uint8Array): Layout {
  const text = Buffer.from(sealed).toString('latin1');
  const byteRangeAt = text.lastIndexOf('/ByteRange');
  const m = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(byteRangeAt))!;
  const range = m.slice(1, 5).map(Number) as Layout['range'];
  const hex = text.slice(range[1] + 1, range[2] - 1);
  // DER of a SEQUENCE with a two-byte long length: 30 82 hi lo.
  const derHexLength = hex.startsWith('3082') ? (4 + parseInt(hex.slice(4, 8), 16)) * 2 : hex.replace(/0+$/, '').length;
  return { byteRangeAt, range, derHexLength };
}

export function flipped(bytes: Uint8Array, at: number, mask = 0xff): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[at] = (copy[at] ?? 0) ^ mask;
  return copy;
}

/** The 003 draft rewritten by qpdf with object streams (in `dir`): its last section is an xref stream, and so is each update's. */
export async function compressedDraft(dir: string): Promise<Uint8Array> {
  const source = path.join(dir, 'source.pdf');
  const target = path.join(dir, 'objstm.pdf');
  await writeFile(source, await fixture('003-protokoll-draft.pdf'));
  await promisify(execFile)('qpdf', ['--object-streams=generate', source, target]);
  return new Uint8Array(await readFile(target));
}
