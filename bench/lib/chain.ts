// The two pieces of work the benchmark times, exactly as the functions do them:
// parse = extraction + structure (shared/minutes/index.ts parsePdf, as the parse
// function calls it), and the seal chain of shared/flow/stamp.ts writeRecord:
// positions → signature anchors → stamp → seal, here with a local RSA key and
// without the table and bucket around it. The stamped bytes go to sealPdf with
// the continuation stampForSeal gave, so the seal continues from the stamp's
// document as it does in the function.
import { createHash } from 'node:crypto';
import { extractDocument } from '../../shared/minutes/extract';
import { parsePdf } from '../../shared/minutes/index';
import { describeSigner } from '../../shared/seal/describe';
import { sealPdf } from '../../shared/seal/seal';
import type { SealSigner } from '../../shared/seal/types';
import { anchorsIn } from '../../shared/stamp/anchors';
import { positionsOf, readPositions, type DraftPositions } from '../../shared/stamp/positions';
import { stampForSeal } from '../../shared/stamp/stamp';
import type { AuditSection } from '../../shared/stamp/types';

export const BENCH_PROTOCOL_ID = 'b3nchb3nchb3nchb3nch';

export async function parseOnce(bytes: Uint8Array): Promise<{ items: number; pages: number; chair: string | null; adjusters: string[] }> {
  const { minutes, document } = await parsePdf(bytes);
  return { items: minutes.items.length, pages: document.pages.length, chair: minutes.chair, adjusters: minutes.adjusters };
}

export interface Signatory {
  name: string;
  role: string;
}

/** Who signs a document: its chair and adjusters as the parser reads them (as routing would), else two fixed names. */
export async function signatoriesOf(bytes: Uint8Array): Promise<Signatory[]> {
  const { minutes } = await parsePdf(bytes);
  const found: Signatory[] = [];
  if (minutes.chair) found.push({ name: minutes.chair, role: 'ordförande' });
  for (const name of minutes.adjusters) found.push({ name, role: 'justerare' });
  return found.length ? found : [{ name: 'Anna Berglund', role: 'ordförande' }, { name: 'Erik Åström', role: 'justerare' }];
}

function auditFor(draftSha256: string, signers: Signatory[]): AuditSection {
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 12, 8, minutes)).toISOString();
  return {
    draftSha256,
    signers: signers.map((s, i) => ({
      name: s.name,
      role: s.role,
      email: `signer${i + 1}@example.se`,
      events: [
        { type: 'invited', at: at(0), detail: `signer${i + 1}@example.se` },
        { type: 'viewed', at: at(10 + i), ip: '192.0.2.10', userAgent: 'Mozilla/5.0 (bench)' },
        { type: 'signed', at: at(12 + i), ip: '192.0.2.10', userAgent: 'Mozilla/5.0 (bench)' },
      ],
    })),
    events: [
      { type: 'received', at: at(0) },
      { type: 'parsed', at: at(0) },
      { type: 'routed', at: at(0) },
      { type: 'adjusted', at: at(20) },
    ],
  };
}

/**
 * shared/flow/stamp.ts from the draft bytes to the sealed bytes. Given `kept` (what the parse step stored, as
 * JSON), the chain runs as the stamp function does: no pdf.js. Without it, the draft is read again first, as
 * the stamp did before the parse kept the positions (the "with extraction" column).
 */
export async function stampAndSeal(draft: Uint8Array, signers: Signatory[], sealer: SealSigner, kept?: Uint8Array): Promise<Uint8Array> {
  const sealedAt = new Date(Date.UTC(2026, 10, 12, 8, 30));
  const draftSha = createHash('sha256').update(draft).digest('hex');
  const positions: DraftPositions | null = kept ? readPositions(kept) : positionsOf(await extractDocument(draft));
  const anchors = positions ? anchorsIn(positions.block, signers.map((s) => s.name)) : new Map();
  const { bytes: stamped, continuation } = await stampForSeal({
    draft,
    positions,
    protocolId: BENCH_PROTOCOL_ID,
    title: 'Protokoll Kommunstyrelsen i Benchby 2026-11-10',
    bodyName: 'Kommunstyrelsen i Benchby',
    meetingDate: '2026-11-10',
    signers: signers.map((s, i) => ({
      name: s.name,
      role: s.role,
      signedAt: new Date(Date.UTC(2026, 10, 12, 8, 12 + i)).toISOString(),
      anchor: anchors.get(s.name),
    })),
    audit: auditFor(draftSha, signers),
    seal: describeSigner(sealer, sealedAt, null),
  });
  return sealPdf(stamped, sealer, {
    reason: 'Justerat protokoll',
    location: 'Kommunstyrelsen i Benchby',
    name: 'Benchby kommun',
    signingTime: sealedAt,
    continuation,
  });
}
