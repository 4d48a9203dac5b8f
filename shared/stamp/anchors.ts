// Finds where each signer's name is printed in the signature block at the end
// of the minutes ("Justeras / Helena Proos / Patrik Stenvard"), so the stamp
// can be drawn next to it. Only the block is searched: a name mentioned in the
// attendance list or in a paragraph is not a place to sign.
import type { ExtractedDocument, TextLine } from '../minutes/extract';
import type { Anchor } from './types';

export type { Anchor } from './types';

/** The lines where names are signed, and whether a heading ("Justeras") opened them or they are just the last lines. */
export interface SignatureBlock {
  lines: TextLine[];
  headed: boolean;
}

/** Case-, diacritic- and whitespace-insensitive form for comparing names ("Åsa Öberg" ~ "asa oberg"). */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s.,:;]+|[\s.,:;]+$/g, '');
}

// Headings that open a signature block, already normalised (no diacritics).
const KEYWORD =
  /^(justeras|justerat|justerare|justerande|justeringsperson(er)?|justeringsman|vid protokollet|vid anteckningarna|protokollforare|ordforande|sekreterare|underskrifter|signaturer)\b[\s:.,]*(.*)$/;

/** A block heading, possibly followed by a few words ("Justeras: Helena Proos"); not a sentence ("Ordförande avslutar mötet …"). */
function isKeywordSegment(segment: string): boolean {
  const m = KEYWORD.exec(normalizeName(segment));
  if (!m) return false;
  const rest = m[3] ?? '';
  return rest === '' || rest.split(' ').length <= 4;
}

function isKeywordLine(line: TextLine): boolean {
  return line.text.split('\t').some(isKeywordSegment);
}

/** How many lines between two headings still count as one block (names, places, dates in between). */
const BLOCK_GAP = 12;

/**
 * The lines of the signature block: from the first heading of the last
 * cluster of headings to the end. The cluster must sit near the end (last 30 %
 * of the text, or the last two pages) so an "Ordförande" column in an early
 * attendance list is never taken for it. Without any heading, the last few
 * lines of the last page are used, where only a name standing alone counts.
 */
export function signatureBlockOf(doc: ExtractedDocument): SignatureBlock {
  const lines = doc.lines;
  const heads: number[] = [];
  lines.forEach((line, i) => {
    if (isKeywordLine(line)) heads.push(i);
  });
  const lastPage = doc.pages.length;
  const last = heads.at(-1);
  if (last !== undefined) {
    const line = lines[last]!;
    if (last >= lines.length * 0.7 || line.page >= lastPage - 1) {
      let start = last;
      for (let k = heads.length - 2; k >= 0 && start - heads[k]! <= BLOCK_GAP; k--) start = heads[k]!;
      return { lines: lines.slice(start), headed: true };
    }
  }
  return { lines: lines.filter((l) => l.page === lastPage).slice(-8), headed: false };
}

interface Candidate {
  anchor: Anchor;
  /** 3: the name alone on its line; 2: alone in a column; 1: with a short annotation or heading. */
  score: number;
}

/** Estimated position of the n-th tab-separated column; TextLine only knows the whole line's extent. */
function segmentAnchor(line: TextLine, segments: string[], index: number): Anchor {
  const chars = segments.reduce((sum, s) => sum + s.length, 0) + 4 * (segments.length - 1);
  const perChar = line.width / Math.max(1, chars);
  const before = segments.slice(0, index).reduce((sum, s) => sum + s.length + 4, 0);
  return {
    page: line.page,
    x: line.x + before * perChar,
    y: line.y,
    width: segments[index]!.length * perChar,
    size: line.size,
  };
}

function candidatesIn(line: TextLine, name: string, headed: boolean): Candidate[] {
  const whole = normalizeName(line.text);
  const found: Candidate[] = [];
  const lineAnchor: Anchor = { page: line.page, x: line.x, y: line.y, width: line.width, size: line.size };
  if (whole === name) return [{ anchor: lineAnchor, score: 3 }];
  if (!headed) return found;

  const segments = line.text.split('\t');
  if (segments.length > 1) {
    segments.forEach((segment, i) => {
      if (normalizeName(segment) === name) found.push({ anchor: segmentAnchor(line, segments, i), score: 2 });
    });
    if (found.length) return found;
  }
  // "Helena Proos (M)", "Helena Proos, ordförande", "Justeras: Helena Proos":
  // the stamp goes to the right of the whole line so it never covers the annotation.
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const annotated = new RegExp(`^${escaped}\\s*[,(\\-–]\\s*(.*)$`).exec(whole);
  if (annotated && (annotated[1] ?? '').split(' ').length <= 4) return [{ anchor: lineAnchor, score: 1 }];
  const headed_ = KEYWORD.exec(whole);
  if (headed_ && normalizeName(headed_[3] ?? '') === name) return [{ anchor: lineAnchor, score: 1 }];
  return found;
}

/**
 * Where each name is printed in the signature block. The last occurrence of
 * the best kind wins (a name alone on its line beats one with an annotation):
 * in an already stamped file the printed name follows the old stamp. Names
 * not found are absent from the map.
 */
export function findSignatureAnchors(doc: ExtractedDocument, names: string[]): Map<string, Anchor> {
  return anchorsIn(signatureBlockOf(doc), names);
}

/** `findSignatureAnchors` on a block found before: the parse step keeps it (positions.ts), so the stamp reads no PDF text. */
export function anchorsIn({ lines, headed }: SignatureBlock, names: string[]): Map<string, Anchor> {
  const result = new Map<string, Anchor>();
  for (const name of names) {
    const wanted = normalizeName(name);
    if (!wanted) continue;
    let best: Candidate | null = null;
    for (const line of lines)
      for (const candidate of candidatesIn(line, wanted, headed))
        if (!best || candidate.score >= best.score) best = candidate;
    if (best) result.set(name, best.anchor);
  }
  return result;
}
