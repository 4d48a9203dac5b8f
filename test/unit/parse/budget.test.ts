// The unpack budget counts a deflate bomb whatever way its filter is named:
// directly, by reference to a name object, or by references inside an array.
import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assertWithinBudget, PdfReadError } from '../../../shared/minutes/extract';

const LIMIT = 64 * 1024 * 1024;

/** A zlib stream that inflates to `megabytes` MB of zeros: one 1 MB block (full flush) repeated, about 1 KB a megabyte. */
function zerosBomb(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt16BE((megabytes * (1 << 20)) % 65521, 0);
  adler.writeUInt16BE(1, 2);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array<Buffer>(megabytes).fill(block), deflateRawSync(Buffer.alloc(0)), adler]);
}

/** A one-page PDF whose content stream has the dictionary entries `filter` and the data `data`; `extra` are more objects. */
function pdfWith(filter: string, data: Buffer, extra: string[] = []): Uint8Array {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  const put = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    at += buf.length;
  };
  put('%PDF-1.7\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  objects.forEach((body, i) => {
    offsets.push(at);
    put(`${i + 1} 0 obj\n${body}\nendobj\n`);
  });
  offsets.push(at);
  put(`4 0 obj\n<< /Length ${data.length} ${filter} >>\nstream\n`);
  put(data);
  put('\nendstream\nendobj\n');
  extra.forEach((body, i) => {
    offsets.push(at);
    put(`${i + 5} 0 obj\n${body}\nendobj\n`);
  });
  const xref = at;
  put(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  put(`trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

async function codeOf(bytes: Uint8Array): Promise<string | null> {
  try {
    await assertWithinBudget(bytes, { maxUnpackedBytes: LIMIT });
    return null;
  } catch (error) {
    if (error instanceof PdfReadError) return error.code;
    throw error;
  }
}

describe('a deflate bomb is counted however its filter is named', () => {
  const bomb = zerosBomb(200);

  it('direct /Filter /FlateDecode', async () => {
    expect(await codeOf(pdfWith('/Filter /FlateDecode', bomb))).toBe('TOO_LARGE');
  });

  it('/Filter 5 0 R pointing at the name /FlateDecode', async () => {
    expect(await codeOf(pdfWith('/Filter 5 0 R', bomb, ['/FlateDecode']))).toBe('TOO_LARGE');
  });

  it('/Filter 5 0 R pointing at an array of filters', async () => {
    expect(await codeOf(pdfWith('/Filter 5 0 R', bomb, ['[/FlateDecode]']))).toBe('TOO_LARGE');
  });

  it('/Filter [5 0 R] with a reference inside the array', async () => {
    expect(await codeOf(pdfWith('/Filter [5 0 R]', bomb, ['/Fl']))).toBe('TOO_LARGE');
  });

  it('a reference the file does not define (an object stream could) is tried as FlateDecode', async () => {
    expect(await codeOf(pdfWith('/Filter 9 0 R', bomb))).toBe('TOO_LARGE');
  });

  it('a small stream behind an indirect filter stays within the budget', async () => {
    const content = deflateSync(Buffer.from('BT /F1 12 Tf 72 700 Td (Protokoll) Tj ET', 'latin1'));
    expect(await codeOf(pdfWith('/Filter 5 0 R', content, ['/FlateDecode']))).toBeNull();
  });

  it('a stream behind an indirect non-Flate filter is not inflated', async () => {
    expect(await codeOf(pdfWith('/Filter 5 0 R', bomb, ['/ASCIIHexDecode']))).toBeNull();
  });
});
