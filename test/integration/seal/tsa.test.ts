import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSeal } from '../../../shared/seal/describe';
import { ensureLocalSealKey } from '../../../shared/seal/local-key';
import { sealPdf } from '../../../shared/seal/seal';
import type { SealSigner } from '../../../shared/seal/types';
import { verifySealedPdf } from '../../../shared/seal/verify';
import { flipped, layoutOf, stampedFixture, tempDir, tool } from '../../unit/seal/helpers';
import { startTsaSimulator, type RunningTsaSimulator } from '../../../infra/local/tsa-simulator';

let dir: string;
let remove: () => Promise<void>;
let tsa: RunningTsaSimulator;
let signer: SealSigner;
let sealed: Uint8Array;
let fetchCalls = 0;

beforeAll(async () => {
  ({ dir, remove } = await tempDir());
  tsa = await startTsaSimulator();
  signer = await ensureLocalSealKey(path.join(dir, 'key'), 'Exempelkommunen', { algorithm: 'EC' });
  const sealedAt = new Date();
  const countingFetch: typeof fetch = (input, init) => {
    fetchCalls++;
    return fetch(input, init);
  };
  sealed = await sealPdf(await stampedFixture(describeSeal(signer, { sealedAt, tsaUrl: tsa.url })), signer, {
    signingTime: sealedAt,
    tsaUrl: tsa.url,
    fetch: countingFetch,
  });
});
afterAll(async () => {
  await tsa.close();
  await remove();
});

describe('sealPdf with a time-stamping authority', () => {
  it('asks the TSA once, through the given fetch', () => {
    expect(tsa.requests()).toBe(1);
    expect(fetchCalls).toBe(1);
  });

  it('embeds a signature timestamp that verifies', async () => {
    const result = await verifySealedPdf(sealed);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.timestamp).toMatchObject({ valid: true, authority: 'CN=Justera test-TSA, O=Justera test' });
    expect(Math.abs(Date.parse(result.timestamp!.time) - Date.now())).toBeLessThan(120_000);
  });

  it('still satisfies pdfsig', async () => {
    const { out } = await tool(dir, 'pdfsig', [], sealed);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('ETSI.CAdES.detached');
  });

  it('is rejected when a byte of the timestamp token changes', async () => {
    const { range, derHexLength } = layoutOf(sealed);
    const hex = Buffer.from(sealed.subarray(range[1] + 1, range[1] + 1 + derHexLength)).toString('latin1');
    // The unsigned attribute starts with the id-aa-signatureTimeStampToken OID.
    const token = hex.indexOf('060b2a864886f70d010910020e');
    expect(token).toBeGreaterThan(0);
    const survived: number[] = [];
    for (let i = token; i < derHexLength; i += 7) {
      const at = range[1] + 1 + i;
      if ((await verifySealedPdf(flipped(sealed, at, 0x01))).valid) survived.push(i);
    }
    expect(survived).toEqual([]);
  });

  it('fails the seal when the TSA does not answer properly', async () => {
    const stamped = await stampedFixture();
    await expect(sealPdf(stamped, signer, { tsaUrl: `${tsa.url.replace(/\/tsa$/, '')}/missing`, fetch: async () => new Response('no', { status: 503 }) })).rejects.toThrow(/HTTP 503/);
    await expect(sealPdf(stamped, signer, { tsaUrl: tsa.url, fetch: async () => new Response(new Uint8Array([1, 2, 3])) })).rejects.toThrow(/unreadable|cannot/);
  });
});
