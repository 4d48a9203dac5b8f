// Shared by the stamp tests: fixtures, a stamp input with a realistic audit
// trail, and geometry checks on text read back with extractDocument.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PDFDocument, PDFName, PDFOperator, PDFString, StandardFonts, type PDFOperatorNames, type PDFRef } from 'pdf-lib';
import type { ExtractedDocument, TextLine } from '../../../shared/minutes/extract';
import type { AuditSection, SealDescription, StampInput, StampSigner } from '../../../shared/stamp/types';
import { positionsOf } from '../../../shared/stamp/positions';

// test/unit/stamp → test/unit → test → repo → its parent, where shared/ sits beside the repo.
export const FIXTURES = new URL('../../../../shared/fixtures/', import.meta.url);

export async function fixture(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(name, FIXTURES)));
}

/** The same seed minutes exported as PDF/A (LibreOffice, PDF/A-2b). */
export const PDFA_FIXTURES = new URL('../../../../shared/fixtures-pdfa/', import.meta.url);

export async function pdfaFixture(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(name, PDFA_FIXTURES)));
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const SEAL: SealDescription = {
  subject: 'CN=Justera lokal försegling, O=Region Örebro län',
  issuer: 'CN=Justera lokal försegling, O=Region Örebro län',
  serialNumber: '4a1b2c3d4e5f60718293a4b5c6d7e8f9',
  sha256Fingerprint: '5f3c9e0d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d',
  algorithm: 'RSA 3072 med/with SHA-256 · PAdES B-B (ETSI.CAdES.detached)',
  sealedAt: '2025-02-19T18:05:00Z',
  tsa: null,
  selfSigned: true,
};

export function auditFor(draft: Uint8Array, signers: Pick<StampSigner, 'name' | 'role' | 'signedAt'>[]): AuditSection {
  return {
    draftSha256: sha256(draft),
    draftFileName: 'protokoll 2025-02-14 Samverkansnämnd.pdf',
    signers: signers.map((s, i) => ({
      name: s.name,
      role: s.role,
      method: 'personlig länk via e-post, uttryckligt samtycke / personal link by e-mail, explicit consent',
      events: [
        { type: 'sent', at: '2025-02-14T12:00:00Z' },
        { type: 'viewed', at: '2025-02-15T08:01:02Z', evidenceSha256: sha256(new TextEncoder().encode(`viewed ${i}`)) },
        { type: 'reminded', at: '2025-02-17T07:00:00Z' },
        { type: 'signed', at: s.signedAt, evidenceSha256: sha256(new TextEncoder().encode(`signed ${i}`)) },
      ],
    })),
    events: [
      { type: 'uploaded', at: '2025-02-14T11:58:00Z', detail: 'drafts/samverkansnamnd/protokoll 2025-02-14.pdf' },
      { type: 'parsed', at: '2025-02-14T11:58:03Z' },
      { type: 'adjusted', at: '2025-02-19T17:56:10Z' },
    ],
  };
}

export function stampInput(draft: Uint8Array, document: ExtractedDocument, signers: StampSigner[], protocolId = 'p-2025-0214-samverkan'): StampInput {
  return {
    draft,
    positions: positionsOf(document),
    protocolId,
    title: 'Protokoll Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-14',
    bodyName: 'Samverkansnämnd Sjukvårdsregion Mellansverige',
    meetingDate: '2025-02-14',
    signers,
    audit: auditFor(draft, signers),
    seal: SEAL,
  };
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The ink box of an extracted line, as generous as the stamp's own collision boxes. */
export function box(line: TextLine): Box {
  return { x0: line.x, y0: line.y - 0.25 * line.size, x1: line.x + line.width, y1: line.y + 0.85 * line.size };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/**
 * Where a stamp line sits relative to the printed name: same page, and either
 * to the right on (nearly) the same baseline, or just below and aligned left.
 */
export function besideName(stamp: TextLine, name: TextLine): 'right' | 'below' | null {
  if (stamp.page !== name.page) return null;
  const dy = stamp.y - name.y;
  if (stamp.x >= name.x + name.width && Math.abs(dy) <= 0.8 * name.size) return 'right';
  if (dy < 0 && -dy <= 2 * name.size && Math.abs(stamp.x - name.x) <= 6) return 'below';
  return null;
}

/** The sentence `layered` puts in an optional-content layer (optional-content.ts). */
export const HIDDEN_TEXT = 'Beslutet gäller inte om ordföranden så bestämmer';

export type Switch = (ctx: PDFDocument['context'], layer: PDFRef) => { D: Record<string, unknown>; oc?: PDFRef };

/** The 003 draft with HIDDEN_TEXT on page 1 in a layer "Dolt tillägg", switched as `how` says. */
export async function layered(how: Switch): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await fixture('003-protokoll-draft.pdf'));
  const ctx = doc.context;
  const layer = ctx.register(ctx.obj({ Type: 'OCG', Name: PDFString.of('Dolt tillägg') }));
  const { D, oc } = how(ctx, layer);
  doc.catalog.set(PDFName.of('OCProperties'), ctx.obj({ OCGs: [layer], D: { Order: [layer], ...D } as never }));
  const page = doc.getPage(0);
  const resources = page.node.Resources()!;
  resources.set(PDFName.of('Properties'), ctx.obj({ L1: oc ?? layer }));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.pushOperators(PDFOperator.of('BDC' as PDFOperatorNames, [PDFName.of('OC'), PDFName.of('L1')]));
  page.drawText(HIDDEN_TEXT, { x: 60, y: 120, size: 10, font });
  page.pushOperators(PDFOperator.of('EMC' as PDFOperatorNames));
  return doc.save();
}

