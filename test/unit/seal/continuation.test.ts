// The seal continues from the stamp's document in memory when it is given the
// stamp's continuation with its bytes, and parses them otherwise (a record
// sealed later, the CLI, a second seal of the same bytes).
// Both paths must write the same record: the draft whole, the stamp's update,
// the seal's update chained to it; valid for poppler, clean for qpdf, and
// `justera verify` still refuses it with an update appended or a byte changed.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../../shared/minutes/extract';
import { describeSeal } from '../../../shared/seal/describe';
import { ensureLocalSealKey, SEAL_CERT_FILE } from '../../../shared/seal/local-key';
import { sealPdf } from '../../../shared/seal/seal';
import type { SealSigner } from '../../../shared/seal/types';
import { verifySealedPdf } from '../../../shared/seal/verify';
import { readTail } from '../../../shared/stamp/incremental';
import { stampForSeal, type Stamped } from '../../../shared/stamp/stamp';
import { ROOT } from '../../helpers/cli';
import { fixture, sha256, stampInput } from '../stamp/helpers';
import { compressedDraft, flipped, layoutOf, tempDir, tool } from './helpers';

const sealedAt = new Date('2025-02-19T18:05:00Z');
let dir: string;
let remove: () => Promise<void>;
let signer: SealSigner;
let certificate: string;

function justeraVerify(file: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, ['bin/justera.mjs', 'verify', file, '--trust', certificate], { cwd: ROOT }, (error, stdout) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout }),
    ),
  );
}

async function stamp(draft: Uint8Array, by = signer): Promise<Stamped> {
  return stampForSeal({ ...stampInput(draft, await extractDocument(draft), []), seal: describeSeal(by, { sealedAt }) });
}


beforeAll(async () => {
  ({ dir, remove } = await tempDir());
  signer = await ensureLocalSealKey(path.join(dir, 'key'), 'Region Örebro län');
  certificate = path.join(dir, 'key', SEAL_CERT_FILE);
});
afterAll(async () => {
  await remove();
});

describe.each([
  ['003-protokoll-draft.pdf (cross-reference table)', () => fixture('003-protokoll-draft.pdf')],
  ['003 with object streams (cross-reference stream)', () => compressedDraft(dir)],
])('the seal of %s', (_name, load) => {
  let draft: Uint8Array;
  let stamp1: Stamped;
  let stamped: Uint8Array;
  let continued: Uint8Array;
  let parsed: Uint8Array;
  beforeAll(async () => {
    draft = await load();
    stamp1 = await stamp(draft);
    stamped = stamp1.bytes;
    // Without the continuation the seal parses the bytes, as it does a stamped file read back from the bucket.
    parsed = await sealPdf(stamped, signer, { signingTime: sealedAt });
    continued = await sealPdf(stamped, signer, { signingTime: sealedAt, continuation: stamp1.continuation });
  });

  it('continues from the stamp: the continuation is of the stamped bytes, and serves once', async () => {
    expect(stamp1.continuation).not.toBeNull();
    expect(stamp1.continuation!.take()).toBeNull(); // taken by the seal above
    const another = await stamp(draft);
    expect(another.continuation!.bytes).toBe(another.bytes);
    const kept = another.continuation!.take();
    expect(kept).not.toBeNull();
    expect(kept!.snapshot.original).toBe(another.bytes);
    expect(kept!.snapshot.tail).toEqual(readTail(another.bytes));
    expect(another.continuation!.take()).toBeNull(); // once
  });

  it('refuses a continuation given with other bytes, even a copy of the same', async () => {
    const another = await stamp(draft);
    await expect(sealPdf(new Uint8Array(another.bytes), signer, { signingTime: sealedAt, continuation: another.continuation })).rejects.toThrow(/continuation is of other bytes/);
  });

  it('writes the same record as parsing the stamped bytes, byte for byte', () => {
    expect(continued.length).toBe(parsed.length);
    expect(sha256(continued)).toBe(sha256(parsed));
  });

  it('is the draft whole, the stamp\'s update and the seal\'s, the seal\'s writing nothing the stamp wrote', () => {
    expect(Buffer.from(continued.subarray(0, stamped.length)).equals(Buffer.from(stamped))).toBe(true);
    expect(sha256(continued.subarray(0, draft.length))).toBe(sha256(draft));
    const seal = Buffer.from(continued.subarray(stamped.length)).toString('latin1');
    expect(seal).toContain(`/Prev ${readTail(stamped).startxref}`);
    expect((seal.match(/startxref/g) ?? []).length).toBe(1);
    // The signature, its widget and appearance, the page and the form (or the catalog): no font program, no page content.
    expect(seal).not.toMatch(/\/Length1|\/FontFile/);
    // Six objects, and the cross-reference stream where the draft has one.
    expect((seal.match(/(?:^|\n)\d+ \d+ obj\n/g) ?? []).length).toBe(readTail(draft).xrefStream ? 7 : 6);
  });

  it('is valid and whole for both paths: verify with the prefix proof, poppler, qpdf', async () => {
    for (const sealed of [continued, parsed]) {
      const result = await verifySealedPdf(sealed);
      expect(result.problems).toEqual([]);
      expect(result.valid).toBe(true);
      expect(result.draft).toEqual({ bytes: draft.length, sha256: sha256(draft), matches: true });
    }
    const sig = await tool(dir, 'pdfsig', [], continued);
    expect(sig.out).toContain('Signature is Valid');
    expect(sig.out).toContain('Total document signed');
    const check = await tool(dir, 'qpdf', ['--check'], continued);
    expect(check.code, check.out).toBe(0);
    expect(check.out).toContain('No syntax or stream encoding errors found');
  });

  it('a second seal with the same, spent continuation parses the bytes and writes the same record again', async () => {
    expect(sha256(await sealPdf(stamped, signer, { signingTime: sealedAt, continuation: stamp1.continuation }))).toBe(sha256(continued));
  });

  it('justera verify accepts the record, and rejects it with an update appended or one byte changed', async () => {
    const genuine = path.join(dir, `genuine-${draft.length}.pdf`);
    await writeFile(genuine, continued);
    const ok = await justeraVerify(genuine);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain(`the first ${draft.length} bytes have the approved draft's SHA-256 ${sha256(draft)}`);

    const appended = path.join(dir, `appended-${draft.length}.pdf`);
    await writeFile(appended, Buffer.concat([continued, Buffer.from('1 0 obj\n(tillägg)\nendobj\n', 'latin1')]));
    const late = await justeraVerify(appended);
    expect(late.code).toBe(1);
    expect(late.stdout).toMatch(/problem: {3}\d+ bytes were appended after the seal/);
    expect(late.stdout).toContain('REJECTED');

    const changed = path.join(dir, `changed-${draft.length}.pdf`);
    await writeFile(changed, flipped(continued, Math.floor(draft.length / 2), 0x01));
    const altered = await justeraVerify(changed);
    expect(altered.code).toBe(1);
    expect(altered.stdout).toContain(`the first ${draft.length} bytes are not the draft`);
    expect(altered.stdout).toContain('REJECTED');
  });
});

describe('a seal whose CMS outgrows the first placeholder', () => {
  // The issuer's name goes into the CMS once more besides the certificate (the signer's id), which the first
  // guess at the room does not count: a long enough organisation name outgrows it, and the seal is written
  // again with the measured room.
  let long: SealSigner;
  let draft: Uint8Array;
  let stamp1: Stamped;
  let stamped: Uint8Array;
  let continued: Uint8Array;
  beforeAll(async () => {
    long = await ensureLocalSealKey(path.join(dir, 'long'), `Kommunalförbundet ${'Mellersta Sveriges samverkansnämnd '.repeat(100)}`.trim());
    draft = await fixture('003-protokoll-draft.pdf');
    stamp1 = await stamp(draft, long);
    stamped = stamp1.bytes;
    continued = await sealPdf(stamped, long, { signingTime: sealedAt, continuation: stamp1.continuation });
  });

  it('is written again from the stamp\'s document with room enough, and is the same as parsing the bytes', async () => {
    const { range, derHexLength } = layoutOf(continued);
    const firstGuess = 3072 + long.certificate.length;
    expect(derHexLength / 2).toBeGreaterThan(firstGuess);
    expect(range[2] - range[1] - 2).toBeGreaterThanOrEqual(derHexLength);
    expect(stamp1.continuation!.take()).toBeNull();
    expect(sha256(await sealPdf(stamped, long, { signingTime: sealedAt }))).toBe(sha256(continued));
    const seal = Buffer.from(continued.subarray(stamped.length)).toString('latin1');
    expect((seal.match(/\/Type \/Sig\b/g) ?? []).length).toBe(1);
  });

  it('verifies, and poppler finds it valid over the whole file', async () => {
    const result = await verifySealedPdf(continued);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.draft?.matches).toBe(true);
    const sig = await tool(dir, 'pdfsig', [], continued);
    expect(sig.out).toContain('Signature is Valid');
    expect(sig.out).toContain('Total document signed');
    const check = await tool(dir, 'qpdf', ['--check'], continued);
    expect(check.code, check.out).toBe(0);
  });
});
