// From positioned lines to lines that know whether they start a paragraph and
// whether they are set larger than the body text. The PDF carries no paragraph
// marks: a paragraph starts where the vertical gap is wider than the line pitch,
// or where the previous line ends a sentence well before the right margin (a
// word processor would have filled the line otherwise). Renderings that drop the
// extra spacing still reflow correctly that way.
import type { TextLine } from './extract';
import { decisionHeading, endsWithJoiningWord, isBullet, isClosingLabel, isLabelLine, isProposalHeading, isStopHeading } from './markers';

export interface Line {
  text: string;
  page: number;
  size: number;
  /** Set larger than the body text (only when the document uses sizes at all). */
  heading: boolean;
  /** Starts a paragraph. */
  para: boolean;
  /** The previous line ended here on purpose (not a wrap at the margin): a paragraph start or a short line. */
  hard: boolean;
  source: TextLine;
}

export interface Layout {
  lines: Line[];
  bodySize: number;
  /** Headings are set larger than body text somewhere in the document. */
  sized: boolean;
}

export function layout(input: TextLine[]): Layout {
  const source = input.filter((l) => !l.furniture && l.text.trim() !== '');
  const bodySize = dominantSize(source);
  // A scanned page's text layer gives every line a size of its own: no size there says "heading".
  const off = source.filter((l) => Math.abs(l.size - bodySize) > 0.5).length;
  const sized = source.some((l) => l.size > bodySize + 0.5) && off <= source.length * 0.4;
  const pitch = linePitch(source);
  const spaced = paragraphSpacing(source, pitch);
  const rightEdge = source.reduce((max, l) => (Math.abs(l.size - bodySize) < 0.5 ? Math.max(max, l.x + l.width) : max), 0);

  const lines: Line[] = [];
  source.forEach((line, i) => {
    const text = plainCells(line.text.trim());
    const heading = sized && line.size > bodySize + 0.5;
    const prev = source[i - 1];
    let para = true;
    let hard = true;
    if (prev) {
      const prevText = prev.text.trim();
      // Without widths (plain text) every line break is the author's, and none is a wrap.
      const measured = prev.width > 0 && rightEdge > 0;
      const full = measured && isFull(prev, text, rightEdge);
      hard = !measured || !full;
      const prevHeading = sized && prev.size > bodySize + 0.5;
      if (heading !== prevHeading) para = true;
      else {
        if (prev.page !== line.page) para = /[.!?:]$/.test(prevText);
        // A sentence that ends well before the margin ends its paragraph, in renderings that
        // do not space paragraphs; where they are spaced, the spacing is the better witness.
        else para = isWide(prev, line, pitch) || (!spaced && measured && !full && /[.!?:]$/.test(prevText));
        if (para && continues(prevText, text)) para = false;
        if (!para && startsOwnParagraph(prevText, text)) para = true;
      }
      if (para) hard = true;
    }
    lines.push({ text, page: line.page, size: line.size, heading, para, hard, source: line });
  });
  return { lines, bodySize, sized };
}

/**
 * A scanned page's text layer places every word on its own, so word gaps come out
 * as column breaks ("Emil<TAB>väljs<TAB>till<TAB>justerare."). Real columns hold
 * a few cells of several words; many one-word cells are words of one sentence.
 */
export function plainCells(text: string): string {
  const cells = text.split('\t');
  // "Rumlaborg kl. 13:00<TAB>Rumlaborg kl. 13:00": a conversion that printed a cell twice.
  if (cells.length === 2 && cells[0]!.trim() === cells[1]!.trim()) return cells[0]!.trim();
  if (cells.length < 4) return text;
  const words = cells.reduce((n, c) => n + c.trim().split(/\s+/).length, 0);
  return words / cells.length < 2.5 ? cells.map((c) => c.trim()).join(' ') : text;
}

/** The size that most characters are set in. */
function dominantSize(lines: TextLine[]): number {
  const count = new Map<number, number>();
  for (const l of lines) {
    const k = Math.round(l.size * 2) / 2;
    count.set(k, (count.get(k) ?? 0) + l.text.length);
  }
  let best = 0;
  let most = -1;
  for (const [size, n] of count) if (n > most) [best, most] = [size, n];
  return best;
}

function isWide(prev: TextLine, line: TextLine, pitch: number): boolean {
  const gap = prev.y - line.y;
  return gap <= 0 || gap / Math.max(line.size, prev.size) > pitch * 1.3;
}

/** Whether the document marks paragraphs with extra space (more than a stray blank line or two). */
function paragraphSpacing(lines: TextLine[], pitch: number): boolean {
  let pairs = 0;
  let wide = 0;
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.page !== b.page || Math.abs(a.size - b.size) > 0.5) continue;
    pairs++;
    if (isWide(a, b, pitch)) wide++;
  }
  return wide >= Math.max(3, pairs * 0.05);
}

/** Normal distance between lines of a paragraph, relative to the font size: the low end of observed gaps. */
function linePitch(lines: TextLine[]): number {
  const ratios: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.page !== b.page || Math.abs(a.size - b.size) > 0.5) continue;
    const gap = a.y - b.y;
    if (gap > 0) ratios.push(gap / b.size);
  }
  if (ratios.length === 0) return 1.2;
  ratios.sort((p, q) => p - q);
  // Capped: in a document whose paragraphs are all one line long, the smallest gap is a paragraph gap.
  return Math.min(ratios[Math.floor(ratios.length * 0.1)]!, 1.3);
}

/** Whether `prev` was wrapped at the margin: the first word of the next line would not have fitted after it. */
function isFull(prev: TextLine, next: string, rightEdge: number): boolean {
  const charWidth = prev.width / Math.max(1, prev.text.length);
  const word = next.split(/\s/)[0] ?? '';
  return prev.x + prev.width + (word.length + 1) * charWidth > rightEdge + 0.5 * charWidth;
}

/** A paragraph break that the words contradict: a line ending in "och" or "i", or a sentence resuming in lower case. */
function continues(prev: string, next: string): boolean {
  if (isStructural(prev) || isStructural(next) || isBullet(next)) return false;
  if (/^att\s/i.test(next)) return false;
  if (endsWithJoiningWord(prev)) return true;
  return /^\p{Ll}/u.test(next) && !/[.!?:;]$/.test(prev) && !/^\d/.test(next);
}

/** Lines that are never part of the previous paragraph, and end their own. */
function startsOwnParagraph(prev: string, next: string): boolean {
  return isBullet(next) || isStructural(next) || isStructural(prev);
}

function isStructural(text: string): boolean {
  return (
    isLabelLine(text) ||
    decisionHeading(text) !== null ||
    isProposalHeading(text) ||
    isStopHeading(text) ||
    (isClosingLabel(text) && !/\s\S+\s/.test(text))
  );
}

/**
 * Lines in a paragraph joined into running text: hyphenation resolved, tabs as spaces.
 * Pieces are collected and joined once, and only the last piece is ever looked at:
 * re-reading a growing string on every line made long paragraphs quadratic.
 */
export function joinLines(texts: string[]): string {
  const pieces: string[] = [];
  for (const raw of texts) {
    const text = raw.replace(/\t+/g, ' ').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const last = pieces.at(-1);
    if (last === undefined) pieces.push(text);
    else {
      const [kept, glue] = joinTwo(last, text);
      pieces[pieces.length - 1] = kept;
      pieces.push(glue, text);
    }
  }
  return pieces.join('');
}

const SUSPENDED = /^(?:och|eller|samt|respektive|resp\.|som|till|,)/;

/** How line `a` (the last line joined so far) meets line `b`: `a` as it stays, and the glue between them. */
function joinTwo(a: string, b: string): [string, string] {
  const hyphen = /(\S*?)([\p{L}\d])-$/u.exec(a.slice(-64));
  if (!hyphen || /\s[-–]$/.test(a)) return [a, ' '];
  const word = hyphen[1]! + hyphen[2]!;
  // "hälso- och sjukvård": a suspended compound keeps hyphen and space.
  if (SUSPENDED.test(b)) return [a, ' '];
  // "AI-frågan", "HPV-vaccin", "e-post", "2025-": the hyphen belongs to the word.
  if (/[\p{Lu}\d]/u.test(word) || word.length < 2 || !/^\p{Ll}/u.test(b)) return [a, ''];
  // A lower-case word broken at the margin: the hyphen was only for the line break.
  return [a.slice(0, -1), ''];
}

/** One or more paragraphs as text: paragraphs separated by a blank line, list items by a newline. */
export function paragraphsText(lines: Line[]): string {
  const blocks: { bullet: boolean; lines: string[] }[] = [];
  for (const line of lines) {
    const last = blocks.at(-1);
    if (!last || line.para || isBullet(line.text)) blocks.push({ bullet: isBullet(line.text), lines: [line.text] });
    else last.lines.push(line.text);
  }
  let out = '';
  blocks.forEach((block, i) => {
    const text = joinLines(block.lines);
    if (!text) return;
    if (out) out += block.bullet && blocks[i - 1]?.bullet ? '\n' : '\n\n';
    out += text;
  });
  return out;
}

/** Lines grouped into paragraphs. */
export function paragraphs(lines: Line[]): Line[][] {
  const out: Line[][] = [];
  for (const line of lines) {
    if (line.para || out.length === 0) out.push([line]);
    else out.at(-1)!.push(line);
  }
  return out;
}
