import { stat } from 'node:fs/promises';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSeal } from '../../../shared/seal/describe';
import { ensureLocalSealKey, SEAL_KEY_FILE, signerFromPem } from '../../../shared/seal/local-key';
import { sealPdf } from '../../../shared/seal/seal';
import type { SealSigner } from '../../../shared/seal/types';
import { verifySealedPdf } from '../../../shared/seal/verify';
import { flipped, layoutOf, stampedFixture, tempDir, tool } from './helpers';

let dir: string;
let remove: () => Promise<void>;
let signer: SealSigner;
let sealed: Uint8Array;
const sealedAt = new Date('2025-02-19T18:05:00Z');

beforeAll(async () => {
  ({ dir, remove } = await tempDir());
  signer = await ensureLocalSealKey(path.join(dir, 'key'), 'Region Örebro län');
  sealed = await sealPdf(await stampedFixture(describeSeal(signer, { sealedAt })), signer, { signingTime: sealedAt, location: 'Örebro' });
});
afterAll(async () => {
  await remove();
});

describe('ensureLocalSealKey', () => {
  it('creates an RSA-3072 self-signed seal certificate and a private key file only the owner can read', async () => {
    const info = describeSeal(signer, { sealedAt });
    expect(info.subject).toBe('CN=Justera lokal försegling, O=Region Örebro län');
    expect(info.selfSigned).toBe(true);
    expect(info.algorithm).toContain('RSA 3072');
    const years = (Date.parse(info.validTo!) - Date.parse(info.validFrom!)) / (365.25 * 86_400_000);
    expect(years).toBeCloseTo(5, 1);
    expect((await stat(path.join(dir, 'key', SEAL_KEY_FILE))).mode & 0o777).toBe(0o600);
    const cert = pkijs.Certificate.fromBER(new Uint8Array(signer.certificate));
    const usage = cert.extensions!.find((e) => e.extnID === '2.5.29.15')!;
    expect(usage.critical).toBe(true);
    // digitalSignature (bit 0) and nonRepudiation (bit 1), nothing else.
    expect(new Uint8Array((usage.parsedValue as asn1js.BitString).valueBlock.valueHexView)[0]).toBe(0b1100_0000);
  });

  it('loads the same key on later calls', async () => {
    const again = await ensureLocalSealKey(path.join(dir, 'key'), 'Något annat');
    expect(Buffer.from(again.certificate).equals(Buffer.from(signer.certificate))).toBe(true);
  });

  it('creates an EC P-256 key on request, and concurrent first calls agree on one key', async () => {
    const ecDir = path.join(dir, 'ec');
    const [a, b] = await Promise.all([ensureLocalSealKey(ecDir, 'Exempel', { algorithm: 'EC' }), ensureLocalSealKey(ecDir, 'Exempel', { algorithm: 'EC' })]);
    expect(a.keyAlgorithm).toBe('EC');
    expect(Buffer.from(a.certificate).equals(Buffer.from(b.certificate))).toBe(true);
    const result = await verifySealedPdf(await sealPdf(await stampedFixture(), a));
    expect(result.valid).toBe(true);
    expect(result.certificate?.publicKey).toBe('EC P-256');
  });

  it('refuses a key that does not belong to the certificate', async () => {
    const { readFile } = await import('node:fs/promises');
    const rsaKey = await readFile(path.join(dir, 'key', SEAL_KEY_FILE), 'utf8');
    const ecCert = await readFile(path.join(dir, 'ec', 'seal-cert.pem'), 'utf8');
    expect(() => signerFromPem(rsaKey, ecCert)).toThrow(/does not belong/);
  });
});

describe('sealPdf', () => {
  it('is a PAdES signature that pdfsig reports valid over the total document', async () => {
    const { out } = await tool(dir, 'pdfsig', [], sealed);
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
    expect(out).toContain('Signer Certificate Common Name: Justera lokal försegling');
  });

  it('passes qpdf --check', async () => {
    const { out, code } = await tool(dir, 'qpdf', ['--check'], sealed);
    expect(code).toBe(0);
    expect(out).toContain('No syntax or stream encoding errors found');
    expect(out).not.toMatch(/WARNING/i);
  });

  it('carries contentType, messageDigest and signingCertificateV2, and no signingTime', async () => {
    const { range, derHexLength } = layoutOf(sealed);
    const hex = Buffer.from(sealed.subarray(range[1] + 1, range[1] + 1 + derHexLength)).toString('latin1');
    const ci = pkijs.ContentInfo.fromBER(new Uint8Array(Buffer.from(hex, 'hex')));
    const sd = new pkijs.SignedData({ schema: ci.content });
    const types = sd.signerInfos[0]!.signedAttrs!.attributes.map((a) => a.type).sort();
    expect(types).toEqual(['1.2.840.113549.1.9.16.2.47', '1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4'].sort());
    expect(sd.encapContentInfo.eContent).toBeUndefined(); // detached
  });

  it('verifies, reporting certificate, time and protocol id', async () => {
    const result = await verifySealedPdf(sealed);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({
      valid: true,
      coversWholeDocument: true,
      digestMatches: true,
      signatureValid: true,
      protocolId: 'p-2025-0214-samverkan',
      subFilter: 'ETSI.CAdES.detached',
      signedAt: sealedAt.toISOString(),
      timestamp: null,
    });
    expect(result.certificate).toMatchObject({ subject: 'CN=Justera lokal försegling, O=Region Örebro län', selfSigned: true, publicKey: 'RSA 3072' });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is rejected after changing any one byte', async () => {
    const { byteRangeAt, range, derHexLength } = layoutOf(sealed);
    const [, start, end] = range;
    const positions = new Set<number>([
      0, // %PDF
      8,
      Math.floor(start / 2), // a page in the middle of the signed part
      start - 1,
      start, // the "<" of /Contents
      start + 1, // the first hex digit of the CMS
      start + 1 + Math.floor(derHexLength / 2), // inside the certificate
      start + derHexLength, // the last hex digit of the CMS
      start + 1 + derHexLength + 10, // zero padding
      end - 2, // the last digit of the padding
      end - 1, // the ">"
      end, // right after /Contents
      byteRangeAt + 12, // inside the /ByteRange array
      byteRangeAt + 16,
      byteRangeAt + 1, // the key name itself
      Math.floor((end + sealed.length) / 2),
      sealed.length - 1, // last byte
    ]);
    // A sweep through the CMS: one nibble-sized change per position keeps the
    // hex valid, so each lands in the DER structure and must be caught there.
    for (let i = start + 1; i <= start + derHexLength; i += 13) positions.add(i);

    expect((await verifySealedPdf(sealed)).valid).toBe(true);
    const survived: string[] = [];
    for (const at of positions)
      for (const mask of at > start && at < end - 1 ? [0x01, 0x04] : [0xff, 0x01]) {
        const result = await verifySealedPdf(flipped(sealed, at, mask));
        if (result.valid) survived.push(`${at} ^ ${mask}`);
      }
    expect(survived).toEqual([]);
    expect(positions.size).toBeGreaterThan(250);
  });

  it('reports an unsigned file as invalid', async () => {
    const result = await verifySealedPdf(await stampedFixture());
    expect(result.valid).toBe(false);
    expect(result.protocolId).toBe('p-2025-0214-samverkan');
    expect(result.problems).toContain('the file has no signature');
  });
});

describe('stamp and seal of a 200-page protocol', () => {
  // How long it takes is measured by `npm run bench`, beside qpdf; here only that it is whole and valid.
  it('keeps every page, adds the audit page and seals the whole file', async () => {
    const { PDFDocument, StandardFonts } = await import('pdf-lib');
    const { stampProtocol } = await import('../../../shared/stamp/stamp');
    const { stampInput } = await import('../stamp/helpers');
    type Doc = import('../../../shared/minutes/extract').ExtractedDocument;
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const extracted: Doc = { pages: [], lines: [] };
    for (let p = 1; p <= 200; p++) {
      const page = doc.addPage([595.28, 841.89]);
      const lines = [];
      for (let i = 0; i < 44; i++) {
        const text = `§ ${p}.${i} Nämnden beslutade enligt förslaget och lade informationen till handlingarna.`;
        page.drawText(text, { x: 56, y: 780 - i * 16, size: 11, font });
        lines.push({ page: p, text, x: 56, y: 780 - i * 16, width: font.widthOfTextAtSize(text, 11), size: 11, furniture: false });
      }
      lines.push({ page: p, text: 'Justeras', x: 56, y: 70, width: 45, size: 11, furniture: false });
      extracted.pages.push({ number: p, width: 595.28, height: 841.89, lines });
      extracted.lines.push(...lines);
    }
    const draft = await doc.save();
    const stamped = await stampProtocol(stampInput(draft, extracted, [{ name: 'Helena Proos', role: 'ordförande', signedAt: '2025-02-19T17:56:00Z' }]));
    const big = await sealPdf(stamped, signer);
    // 200 pages, the signature block on a page of its own (the last page is full) and the audit page.
    expect((await PDFDocument.load(big)).getPageCount()).toBe(202);
    const result = await verifySealedPdf(big);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
