// What the stamp needs to know about the printed text of a draft, kept by the
// parse step beside the draft (`originals/<id>.positions.json`), so that
// stamping reads no PDF text: pdf.js (1.6 MB, most of a long protocol's stamp
// time) then lives in the parse function alone. Read once, at intake, from the
// same extraction the parser used.
import type { ExtractedDocument, ExtractedPage, TextLine } from '../minutes/extract';
import { signatureBlockOf, type SignatureBlock } from './anchors';
import type { Rect } from './layout';
import { lineRect } from './layout';

/** A printed line's baseline-left corner, width and size, as `TextLine` gives them: all a collision test needs. */
export type LineBox = [x: number, y: number, width: number, size: number];

export interface PagePositions {
  /** Lines of the text itself. */
  body: LineBox[];
  /** Running headers, footers and page numbers (`TextLine.furniture`). */
  furniture: LineBox[];
  /** The draft prints its own page number at the foot of this page (the stamp's footer then leaves its own out). */
  numbered?: boolean;
}

export interface DraftPositions {
  version: 1;
  /** One entry per page, in order. */
  pages: PagePositions[];
  /** The signature block (anchors.ts), with the text of its lines: each signer's name is looked up in it at stamp time. */
  block: SignatureBlock;
}

const box = (l: TextLine): LineBox => [l.x, l.y, l.width, l.size];

/** The positions of an extracted draft, for storing with the parse result. */
export function positionsOf(doc: ExtractedDocument): DraftPositions {
  return {
    version: 1,
    pages: doc.pages.map((p) => ({
      body: p.lines.filter((l) => !l.furniture).map(box),
      furniture: p.lines.filter((l) => l.furniture).map(box),
      numbered: printsPageNumber(p),
    })),
    block: signatureBlockOf(doc),
  };
}

/** Where the parse step stores the positions of the draft it copied to `draftKey` (originals/<id>.pdf). */
export function positionsKeyOf(draftKey: string): string {
  return `${draftKey.replace(/\.pdf$/, '')}.positions.json`;
}

/** The ink box of a stored line (layout.ts `lineRect`). */
export function boxRect([x, y, width, size]: LineBox): Rect {
  return lineRect({ x, y, width, size });
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBox = (v: unknown): boolean => Array.isArray(v) && v.length === 4 && v.every(finite);
const isLine = (v: unknown): boolean => {
  const l = v as Partial<TextLine> | null;
  return typeof l === 'object' && l !== null && Number.isInteger(l.page) && l.page! > 0 && typeof l.text === 'string' && typeof l.furniture === 'boolean' && [l.x, l.y, l.width, l.size].every(finite);
};

/**
 * The stored JSON read back; null when it is not positions this version wrote (the stamp then treats the pages
 * as unknown). Checked by hand, not with a schema library: a long protocol has some ten thousand line boxes,
 * and validating them with zod took longer than the rest of reading them.
 */
export function readPositions(bytes: Uint8Array): DraftPositions | null {
  let json: Partial<DraftPositions> | null;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes)) as Partial<DraftPositions> | null;
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || json.version !== 1 || !Array.isArray(json.pages)) return null;
  for (const page of json.pages as unknown[]) {
    const p = page as Partial<PagePositions> | null;
    if (typeof p !== 'object' || p === null || !Array.isArray(p.body) || !Array.isArray(p.furniture)) return null;
    if (!p.body.every(isBox) || !p.furniture.every(isBox)) return null;
    if (p.numbered !== undefined && typeof p.numbered !== 'boolean') return null;
  }
  const block = json.block as Partial<SignatureBlock> | undefined;
  if (typeof block !== 'object' || block === null || typeof block.headed !== 'boolean' || !Array.isArray(block.lines) || !block.lines.every(isLine)) return null;
  return json as DraftPositions;
}

/** How drafts print their own page numbers: "Sida 2 av 5", "Sida 2", "2 (5)", "2/5" or a bare "2". */
const PAGE_NUMBER = [/\bsida\s+\d{1,4}(\s*(av|\/)\s*\d{1,4})?\s*$/i, /(^|\s)\d{1,4}\s*\(\s*\d{1,4}\s*\)\s*$/, /^\d{1,4}$/, /(^|\s)\d{1,4}\s*\/\s*\d{1,4}$/];
/** The foot of a page: the lowest eighth, where drafts put their page numbers. */
const FOOT_BAND = 0.125;

/**
 * Whether the draft already prints a page number at the foot of this page (a
 * furniture line the parse found there): then our footer leaves its own out,
 * so a reader never sees two page numbers that may disagree.
 */
export function printsPageNumber(page: ExtractedPage): boolean {
  return page.lines.some((l) => l.furniture && l.y <= page.height * FOOT_BAND && PAGE_NUMBER.some((re) => re.test(l.text.trim())));
}

export function encodePositions(positions: DraftPositions): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(positions));
}
