// Finding the numbered items. Protokoll number paragraphs ("§ 12", "12 §",
// "Paragraf 12"); minnesanteckningar number points ("12." or "12)"). Dates,
// amounts and numbered lists inside an item also start lines with numbers, so a
// line is an item only if its number follows the previous item's (one skipped
// number is tolerated, with a warning) and, when the document sets headings
// larger than body text, it is set as a heading.
import type { Layout, Line } from './layout';
import { isBullet, isClosingLabel, closingLabelKind } from './markers';
import type { MinutesKind } from './model';

export interface RawItem {
  number: string;
  n: number;
  title: string;
  /** The title line(s) as printed. */
  titleLines: Line[];
  body: Line[];
}

export interface Sections {
  kind: MinutesKind;
  header: Line[];
  items: RawItem[];
  /** The signature block after the last item: "Vid protokollet", "Justeras" and what follows. */
  closing: Line[];
  warnings: string[];
}

interface Candidate {
  index: number;
  n: number;
  /** Title text on the same line, possibly empty ("§ 12" alone, title on the next line). */
  title: string;
}

// "§ 1.", "§12", "§ 12 Titel", "§ 12: Titel"; a range such as "§ 1-7" or "§1-6,8-13" is never an item.
const PARAGRAPH_SIGN = /^§\s*(\d{1,4})(?![\d\s]*[-–,]\s*\d)\s*[.:]?(?:\s+|\t+|$)(.*)$/u;
const PARAGRAPH_AFTER = /^(\d{1,4})\s*§\s*[.:]?(?:\s+|\t+|$)(.*)$/u;
const PARAGRAPH_WORD = /^Paragraf\s+(\d{1,4})\s*[.:]?(?:\s+|\t+|$)(.*)$/iu;
/** A diarienummer where a title would be: "Dnr KS 2025/12", "KS 2025/12", "Diarienummer: 2025-0012". */
const CASE_NUMBER = /^(?:(?:Dnr|Diarienr|Diarienummer|Ärendenr)\.?:?\s*\S+.*|[\p{Lu}]{1,8}[\s.-]?\d{2,4}[/.:-]\d+(?:[/.:-]\d+)*)$/u;
const NUMBERED = /^(\d{1,3})[.)](?:\s+|\t+)(.+)$/u;

function paragraphCandidate(text: string): { n: number; title: string } | null {
  const m = PARAGRAPH_SIGN.exec(text) ?? PARAGRAPH_AFTER.exec(text) ?? PARAGRAPH_WORD.exec(text);
  if (!m) return null;
  const title = m[2]!.trim();
  // A title starts with a capital or a digit; "§ 5 i kommunallagen" is a reference in running text.
  if (title && !/^[\p{Lu}\d"”«]/u.test(title)) return null;
  return { n: +m[1]!, title };
}

function numberedCandidate(text: string): { n: number; title: string } | null {
  const m = NUMBERED.exec(text);
  if (!m) return null;
  const title = m[2]!.trim();
  if (!/^[\p{Lu}\d"”«]/u.test(title)) return null;
  // "2. att godkänna …" in a decision, "3. 500 kronor" — not headings.
  if (/^\d+[\s.,]\d/.test(title)) return null;
  return { n: +m[1]!, title };
}

export function findSections(doc: Layout): Sections {
  const warnings: string[] = [];
  const paragraphs = chain(doc, paragraphCandidate, true, warnings);
  const kind: MinutesKind = paragraphs.length > 0 ? 'protokoll' : 'minnesanteckningar';
  const found = paragraphs.length > 0 ? paragraphs : chain(doc, numberedCandidate, false, warnings);
  const format = (n: number) => (kind === 'protokoll' ? `§ ${n}` : String(n));

  const lines = doc.lines;
  const items: RawItem[] = [];
  found.forEach((c, k) => {
    const end = found[k + 1]?.index ?? lines.length;
    const titleLines = [lines[c.index]!];
    let i = c.index + 1;
    let title = c.title;
    // "§ 12" alone on its line, or followed only by a case number ("§ 12 Dnr KS 2025/12"): the title is the next line.
    while ((!title || CASE_NUMBER.test(title)) && i < end) {
      titleLines.push(lines[i]!);
      title = lines[i]!.text;
      i++;
    }
    if (CASE_NUMBER.test(title)) title = '';
    while (i < end && continuesTitle(doc, titleLines.at(-1)!, lines[i]!)) {
      titleLines.push(lines[i]!);
      title = `${title} ${lines[i]!.text}`;
      i++;
    }
    items.push({ number: format(c.n), n: c.n, title: tidyTitle(title), titleLines, body: lines.slice(i, end) });
  });

  let closing: Line[] = [];
  const last = items.at(-1);
  if (last) {
    const at = closingStart(last.body);
    if (at >= 0) {
      closing = last.body.slice(at);
      last.body = last.body.slice(0, at);
    }
  }
  const header = found.length > 0 ? lines.slice(0, found[0]!.index) : lines.slice();
  return { kind, header, items, closing, warnings };
}

/** The longest run of items numbered one after the other, read greedily from the top. */
function chain(doc: Layout, read: (t: string) => { n: number; title: string } | null, paragraphSign: boolean, warnings: string[]): Candidate[] {
  const candidates: Candidate[] = [];
  doc.lines.forEach((line, index) => {
    const c = read(line.text.trim());
    if (c) candidates.push({ index, ...c });
  });
  // When the document sets its item headings larger than the text, a same-size line is not an item.
  const sizedHeadings = doc.sized && candidates.filter((c) => doc.lines[c.index]!.heading).length >= 2;

  const out: Candidate[] = [];
  for (const c of candidates) {
    const line = doc.lines[c.index]!;
    if (sizedHeadings && !line.heading) continue;
    if (isBullet(line.text)) continue;
    const prev = out.at(-1);
    if (!prev) {
      // Minutes may continue their numbering through the year (§ 45), but notes start at 1.
      if (paragraphSign || c.n <= 1 || line.heading) out.push(c);
      continue;
    }
    const sign = paragraphSign ? '§ ' : '';
    if (c.n === prev.n + 1) out.push(c);
    else if (c.n === prev.n + 2 && (line.heading || line.para || !doc.sized)) {
      warnings.push(`Numreringen hoppar över ${paragraphSign ? '§ ' : 'punkt '}${prev.n + 1} (från ${sign}${prev.n} till ${sign}${c.n}).`);
      out.push(c);
    } else if (paragraphSign || line.heading) {
      // A numbered list inside an item is expected; a § or a heading out of sequence is not.
      warnings.push(`Rubriken ”${line.text.trim().slice(0, 60)}” följer inte numreringen (efter ${sign}${prev.n}) och har lästs som text.`);
    }
  }
  return out;
}

/**
 * A title wrapped onto a second line: set in the same heading size, or (without
 * sizes) continuing in lower case or after a word a title cannot end on.
 */
function continuesTitle(doc: Layout, prev: Line, next: Line): boolean {
  if (next.para && !(doc.sized && next.heading && prev.heading)) return false;
  if (doc.sized && prev.heading) return next.heading && !next.para;
  if (/^att\s/i.test(next.text) || isBullet(next.text)) return false;
  return /^\p{Ll}/u.test(next.text) || /(?:,|\s(?:och|i|av|för|till|med|om|på|från|samt|inom))$/u.test(prev.text);
}

function tidyTitle(title: string): string {
  return title.replace(/\t+/g, ' ').replace(/\s+/g, ' ').replace(/\s*[.:]$/, '').trim();
}

/** Where the signature block starts in the last item: the first signature label. */
function closingStart(body: Line[]): number {
  return body.findIndex((l) => isClosingLabel(l.text) && closingLabelKind(l.text) !== null && (l.para || l.hard));
}
