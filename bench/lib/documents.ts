// The documents the benchmark works on: the real fixtures and generated
// minutes of 10, 50 and 200 pages, each also written to a scratch folder so
// the native tools and the child processes read the same file.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { generateMinutes } from './generate';

export const FIXTURES = new URL('../../../shared/fixtures/', import.meta.url);
export const GENERATED_PAGES = [10, 50, 200] as const;

export interface BenchDocument {
  name: string;
  source: 'fixture' | 'generated';
  pages: number;
  bytes: Uint8Array;
  /** The file in the scratch folder. */
  file: string;
}

export async function loadDocuments(scratch: string, pages: readonly number[] = GENERATED_PAGES): Promise<BenchDocument[]> {
  const docs: BenchDocument[] = [];
  const dir = fileURLToPath(FIXTURES);
  if (existsSync(dir))
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.pdf')).sort()) {
      const bytes = new Uint8Array(readFileSync(path.join(dir, name)));
      const count = (await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true })).getPageCount();
      docs.push(write(scratch, { name, source: 'fixture', pages: count, bytes }));
    }
  for (const n of pages) {
    const generated = await generateMinutes(n);
    docs.push(write(scratch, { name: `generated-${n}p.pdf`, source: 'generated', pages: generated.pages, bytes: generated.bytes }));
  }
  return docs;
}

function write(scratch: string, doc: Omit<BenchDocument, 'file'>): BenchDocument {
  const file = path.join(scratch, doc.name);
  writeFileSync(file, doc.bytes);
  return { ...doc, file };
}
