// The CPU budget: reading a file that costs more than it stops with TOO_COMPLEX
// (between pages in the extraction, and after the parse), a reason the
// secretary can act on, instead of running into the function's timeout.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { denseMinutes } from '../../../bench/lib/dense';
import { assertWithinCpu, DEFAULT_LIMITS, extractDocument, PdfReadError } from '../../../shared/minutes/extract';
import { parsePdf } from '../../../shared/minutes/index';
import { storedFix } from '../../../shared/domain/reasons';

async function failure(work: Promise<unknown>): Promise<PdfReadError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PdfReadError);
  return error as PdfReadError;
}

describe('the CPU budget', () => {
  it('a multi-page PDF over a 1 ms budget is TOO_COMPLEX, in Swedish and English, with a fix', async () => {
    const bytes = await denseMinutes(4);
    const error = await failure(extractDocument(bytes, { maxCpuMs: 1 }));
    expect(error.code).toBe('TOO_COMPLEX');
    expect(error.message).toMatch(/tar för lång tid att läsa.*Exportera protokollet som PDF på nytt.*dela upp det/);
    expect(error.english).toMatch(/takes too long to read.*Export the minutes as PDF again.*split them/);
    expect(storedFix('TOO_COMPLEX').join(' ')).toMatch(/Exportera protokollet som PDF på nytt/);
    expect((await failure(parsePdf(bytes, { maxCpuMs: 1 }))).code).toBe('TOO_COMPLEX');
  });

  it('the same PDF within the default budget is read', async () => {
    const { minutes, document } = await parsePdf(await denseMinutes(4));
    expect(document.pages).toHaveLength(4);
    expect(minutes.items.length).toBeGreaterThan(2);
    expect(DEFAULT_LIMITS.maxCpuMs).toBeGreaterThan(1000);
  });

  it('assertWithinCpu counts the CPU spent since the mark it is given', () => {
    const mark = process.cpuUsage();
    expect(() => assertWithinCpu(mark, 60_000)).not.toThrow();
    const data = Buffer.alloc(1 << 20, 1);
    for (let i = 0; i < 50; i++) createHash('sha256').update(data).digest(); // CPU work the budget must see
    expect(() => assertWithinCpu(mark, 1)).toThrow(PdfReadError);
  });
});
