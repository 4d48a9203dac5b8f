// The stamp's one face, prepared ahead of time: measured from its metrics
// glyph by glyph, composed before lookup, embedded whole, and written so that
// text extraction reads back what was drawn.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { FACE_FILE, METRICS_FILE, makeFace } from '../../../scripts/stamp-face';
import { stampFace } from '../../../shared/stamp/fonts';
import metrics from '../../../shared/stamp/face/metrics.json';

const run = promisify(execFile);
const FACE_DIR = new URL('../../../shared/stamp/face/', import.meta.url);
const advance = (ch: string) => metrics.glyphs.find(([cp]) => cp === ch.codePointAt(0))![2]!;

async function drawn(text: string): Promise<{ pdf: Uint8Array; width: number }> {
  const doc = await PDFDocument.create();
  const font = stampFace(doc);
  const width = font.widthOfTextAtSize(text, 10);
  doc.addPage([595, 200]).drawText(text, { x: 20, y: 100, size: 10, font });
  await font.embed();
  return { pdf: await doc.save(), width };
}

async function withFile<T>(pdf: Uint8Array, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'justera-font-'));
  try {
    const file = path.join(dir, 'font.pdf');
    await writeFile(file, pdf);
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the stamp face', () => {
  it('measures text as the sum of its glyphs\' advances, composed first', async () => {
    const doc = await PDFDocument.create();
    const font = stampFace(doc);
    const units = [...'Åsa Öhrn'].reduce((sum, ch) => sum + advance(ch), 0);
    expect(font.widthOfTextAtSize('Åsa Öhrn', 10)).toBeCloseTo((units / metrics.unitsPerEm) * 10, 6);
    expect(font.widthOfTextAtSize('A\u030asa O\u0308hrn', 10)).toBe(font.widthOfTextAtSize('Åsa Öhrn', 10));
    expect(font.encodeText('A\u030asa').toString()).toBe(font.encodeText('Åsa').toString());
  });

  it('draws Latin, Greek and Cyrillic that pdftotext reads back, and a letter outside the face as its base letter or "�"', async () => {
    const text = 'Justerat digitalt av Åsa Öhrn, ordförande – Ελένη Ζωή, Мария, Nguyễn, Łukasz';
    const { pdf } = await drawn(`${text} ℌ 中`);
    const out = await withFile(pdf, async (file) => (await run('pdftotext', [file, '-'])).stdout.trim());
    expect(out).toBe(`${text} H \uFFFD`);
  });

  it('is embedded (pdffonts), as a TrueType CID font', async () => {
    const { pdf } = await drawn('Justerat av Åsa Öhrn');
    const rows = await withFile(pdf, async (file) => (await run('pdffonts', [file])).stdout.trim().split('\n').slice(2));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/DejaVuSans-\d+\s+CID TrueType\s+Identity-H\s+yes\s+no\s+yes/);
  });

  it('is what scripts/stamp-face.ts makes from DejaVu Sans', async () => {
    const { program, metrics: json } = await makeFace();
    expect(Buffer.from(program).equals(readFileSync(new URL(FACE_FILE, FACE_DIR)))).toBe(true);
    expect(json).toBe(readFileSync(new URL(METRICS_FILE, FACE_DIR), 'utf8'));
  });
});
