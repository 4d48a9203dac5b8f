// Finding the numbered items. Protokoll number paragraphs ("§ 12", "12 §",
// "Paragraf 12"); minnesanteckningar number points ("12." or "12)"). Dates,
// amounts and numbered lists inside an item also start lines with numbers, so a
// line is an item only if its number follows the previous item's (one skipped
// number is tolerated, with a warning) and, when the document sets headings
// larger than body text, it is set as a heading.
import { findDate } from './dates';
import type { Layout, Line } from './layout';
import { isBullet, isClosingLabel, closingLabelKind } from './markers';
import type { Evidence, MinutesKind } from './model';

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
  kindEvidence: Evidence;
  /** The signature block after the last item: "Vid protokollet", "Justeras" and what follows. */
  closing: Line[];
  warnings: string[];
}

interface Candidate {
  index: number;
  n: number;
  /** Sub-item number ("6.1" has n 6, sub 1); null for a main item. */
  sub: number | null;
  /** Organ prefix as printed ("Ks" in "Ks 12"), compared across a chain. */
  prefix: string;
  /** Title text on the same line, possibly empty ("§ 12" alone, title on the next line). */
  title: string;
}

type Read = Omit<Candidate, 'index'>;

// "§ 1.", "§12", "§ 12 Titel", "§ 12: Titel", and what OCR makes of the sign: "$ 1.", "& 2.", "$& 10.",
// "8 7." (a § read as 8, always with a space and a point after the number). A range such as
// "§ 1-7" or "§1-6,8-13" is never an item.
const PARAGRAPH_SIGN = /^(?:§|\$&?|&)\s*(\d{1,4})(?![\d\s]*[-–,]\s*\d)\s*[.:]?(?:\s+|\t+|$)(.*)$/u;
const OCR_EIGHT = /^8\s+(\d{1,3})\.(?:\s+|\t+)(.*)$/u;
const PARAGRAPH_AFTER = /^(\d{1,4})\s*§\s*[.:]?(?:\s+|\t+|$)(.*)$/u;
const PARAGRAPH_WORD = /^Paragraf\s+(\d{1,4})\s*[.:]?(?:\s+|\t+|$)(.*)$/iu;
/** "Ks 12 Titel", "KS § 12", "Bun § 84": an organ's abbreviation before the number. */
const PREFIXED = /^(\p{Lu}[\p{L}]{0,3})\s*§?\s*(\d{1,4})\s*[.:]?(?:\s+|\t+)(.*)$/u;
/** A diarienummer where a title would be: "Dnr KS 2025/12", "KS 2025/12", "Bun/2019:49 600", "Diarienummer: 2025-0012". */
const CASE_NUMBER = /^(?:(?:Dnr|Diarienr|Diarienummer|Ärendenr)\.?:?\s*\S+.*|[\p{Lu}][\p{L}]{0,7}[\s./-]?\d{2,4}[/.:-]\d+(?:[/.:-]\d+)*(?:\s+\d+)?)$/u;
/** "1.", "1)", "1. | Titel" (a table's column rule), "Punkt 1", "1<TAB>Titel" (a number column). */
const NUMBERED = /^(?:Punkt\s+)?(\d{1,3})(?:[.)]\s*(?:\|\s*)?|\s*\|\s*|\t+)(.+)$/u;
/** "6.1 Titel", "6.1. Titel": a sub-item. */
const SUB_NUMBERED = /^(\d{1,3})\.(\d{1,2})\.?(?:\s+|\t+)(.+)$/u;
/** A number alone before its title on a heading line: "3 Ekonomi" (set larger than the text). */
const BARE_NUMBER = /^(\d{1,3})\s+(\p{Lu}.*)$/u;
/** A table of contents line: a title and its page ("§ 84 Informationsärenden<TAB>4-5"). */
const CONTENTS_LINE = /\t\s*(?:s\.\s*)?\d{1,3}(?:\s*[-–]\s*\d{1,3})?$/u;

function titled(title: string): boolean {
  // A title starts with a capital, a digit or a quote; "§ 5 i kommunallagen" is a reference in running text.
  return !title || /^[\p{Lu}\d"”«]/u.test(title);
}

function paragraphCandidate(line: Line): Read | null {
  // "• § 10": a conversion that turned the item headings into a list keeps the § after the bullet.
  const text = line.text.trim().replace(/^[•▪●◦]\s*(?=§)/u, '');
  const m = PARAGRAPH_SIGN.exec(text) ?? OCR_EIGHT.exec(text) ?? PARAGRAPH_AFTER.exec(text) ?? PARAGRAPH_WORD.exec(text);
  if (m) {
    const title = m[2]!.trim();
    return titled(title) ? { n: +m[1]!, sub: null, prefix: '', title } : null;
  }
  const p = PREFIXED.exec(text);
  // "Ks 12": only a short organ abbreviation, and never a word that starts a sentence ("Nr 5", "Kl 13").
  if (p && /^(?:\p{Lu}{1,4}|\p{Lu}\p{Ll}{1,2})$/u.test(p[1]!) && !/^(?:Nr|Kl|Ca|Se|Bil|Sid|Tel|Rum|Vid|Om|Av|Den|Det)$/iu.test(p[1]!)) {
    const title = p[3]!.trim();
    if (title && titled(title) && !/^\d/.test(title)) return { n: +p[2]!, sub: null, prefix: p[1]!.toLowerCase(), title };
  }
  return null;
}

function numberedCandidate(line: Line): Read | null {
  const text = line.text.trim();
  const sub = SUB_NUMBERED.exec(text);
  if (sub && /^\p{Lu}/u.test(sub[3]!.trim())) return { n: +sub[1]!, sub: +sub[2]!, prefix: '', title: sub[3]!.trim() };
  const m = NUMBERED.exec(text) ?? (line.heading ? BARE_NUMBER.exec(text) : null);
  if (!m) return null;
  const title = m[2]!.replace(/^\|\s*/, '').trim();
  if (!/^[\p{Lu}\d"”«]/u.test(title)) return null;
  // "2. att godkänna …" in a decision, "3. 500 kronor", "1 000 kr", "8 October 2020" — not headings.
  if (/^\d+[\s.,]\d/.test(title) || /^\d{3}\b/.test(title) || findDate(text)) return null;
  return { n: +m[1]!, sub: null, prefix: '', title };
}

export function findSections(doc: Layout): Sections {
  const warnings: string[] = [];
  const paragraphs = chain(doc, paragraphCandidate, true, warnings);
  const points = paragraphs.length >= 2 ? [] : chain(doc, numberedCandidate, false, []);
  // A numbered list inside a § item is not the numbering of the minutes.
  const paragraphSign = paragraphs.length >= 1 && (paragraphs.length >= points.length || paragraphs[0]!.index < (points[0]?.index ?? Infinity));
  const found = paragraphSign ? paragraphs : chain(doc, numberedCandidate, false, warnings);
  const { kind, evidence: kindEvidence } = kindOf(doc);
  const format = (c: Candidate) => (c.sub !== null ? `${c.n}.${c.sub}` : paragraphSign ? `§ ${c.n}` : String(c.n));

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
    // "§ 2 Val av justerare: Anna Berg och Per Olsson": the heading, then what was said, on one line.
    const colon = /^([^:]{3,80}?):\s+(\S.*)$/u.exec(title);
    const ranOn = colon && (colon[2]!.split(/\s+/).length >= 3 || /[.!]$/.test(colon[2]!) || /^val\b/iu.test(colon[1]!)) ? colon : null;
    const said: Line[] = ranOn ? [{ ...titleLines.at(-1)!, text: ranOn[2]!, para: true, hard: true }] : [];
    if (ranOn) title = ranOn[1]!;
    while (!ranOn && i < end && continuesTitle(doc, titleLines.at(-1)!, lines[i]!)) {
      titleLines.push(lines[i]!);
      title = `${title} ${lines[i]!.text}`;
      i++;
    }
    items.push({ number: format(c), n: c.n, title: tidyTitle(title), titleLines, body: [...said, ...lines.slice(i, end)] });
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
  return { kind, kindEvidence, header, items, closing, warnings };
}

/**
 * The run of items numbered one after the other. Runs are read greedily from each
 * place the numbering could start (a table of contents or an agenda may number the
 * same items before the minutes do); the run with the most items that have a text
 * of their own wins.
 */
function chain(doc: Layout, read: (line: Line) => Read | null, paragraphSign: boolean, warnings: string[]): Candidate[] {
  const candidates: Candidate[] = [];
  doc.lines.forEach((line, index) => {
    if ((isBullet(line.text) && !/^[•▪●◦]\s*§/u.test(line.text)) || CONTENTS_LINE.test(line.text)) return;
    const c = read(line);
    if (c) candidates.push({ index, ...c });
  });
  // When the document sets its numbered points larger than the text, a same-size line is not an item
  // (it is a numbered list). A § at the start of a line is an item whatever its size.
  const sizedHeadings = !paragraphSign && doc.sized && candidates.filter((c) => c.sub === null && doc.lines[c.index]!.heading).length >= 2;
  const usable = candidates.filter((c) => !sizedHeadings || doc.lines[c.index]!.heading || c.sub !== null);
  const starts = usable.filter((c, k) => c.sub === null && (paragraphSign || c.n <= 1 || doc.lines[c.index]!.heading) && !usable.slice(0, k).some((p) => p.n === c.n - 1 && p.sub === null && p.prefix === c.prefix));
  let best: { run: Candidate[]; notes: string[]; score: number } = { run: [], notes: [], score: -1 };
  for (const start of starts.slice(0, 12)) {
    const notes: string[] = [];
    const run = follow(doc, usable, start, paragraphSign, notes);
    const score = run.length + run.filter((c, k) => (run[k + 1]?.index ?? doc.lines.length) - c.index > 1).length;
    if (score > best.score) best = { run, notes, score };
  }
  warnings.push(...best.notes);
  return best.run;
}

function follow(doc: Layout, candidates: Candidate[], start: Candidate, paragraphSign: boolean, warnings: string[]): Candidate[] {
  const out: Candidate[] = [start];
  const sign = paragraphSign ? '§ ' : '';
  for (const c of candidates) {
    if (c.index <= start.index) continue;
    const prev = out.at(-1)!;
    const line = doc.lines[c.index]!;
    if (c.prefix !== start.prefix) continue;
    if (c.sub !== null) {
      // "6.1" after "6" or "6.x"; sub-items count up from 1.
      if (c.n === prev.n && c.sub === (prev.sub ?? 0) + 1) out.push(c);
      continue;
    }
    if (c.n === prev.n + 1) out.push(c);
    else if (c.n === prev.n + 2 && (line.heading || line.para || !doc.sized)) {
      warnings.push(`Numreringen hoppar över ${paragraphSign ? '§ ' : 'punkt '}${prev.n + 1} (från ${sign}${prev.n} till ${sign}${c.n}).`);
      out.push(c);
    } else if ((paragraphSign || line.heading) && c.n > prev.n) {
      // A numbered list inside an item is expected; a § or a heading out of sequence is not.
      warnings.push(`Rubriken ”${line.text.trim().slice(0, 60)}” följer inte numreringen (efter ${sign}${prev.n}) och har lästs som text.`);
    }
  }
  return out;
}

/**
 * Notes call themselves so ("Minnesanteckningar", "Mötesanteckningar", "Anteckningar") or are
 * signed "Vid anteckningarna"; everything else is a protokoll.
 */
function kindOf(doc: Layout): { kind: MinutesKind; evidence: Evidence } {
  const said = (line: Line | undefined, kind: MinutesKind, rule: string) => ({
    kind,
    evidence: { page: line?.page ?? null, item: null, line: line?.text.trim().slice(0, 160) ?? '', rule },
  });
  const title = doc.lines.slice(0, 3).find((l) => /protokoll/iu.test(l.text));
  if (title) return said(title, 'protokoll', 'title');
  const notes = doc.lines.slice(0, 12).find((l) => /(?:^|\s)(?:minnes|mötes)?anteckningar\b/iu.test(l.text));
  if (notes) return said(notes, 'minnesanteckningar', 'title');
  const keeper = doc.lines.find((l) => /^Vid\s+anteckningarna\b/iu.test(l.text.trim()));
  return keeper ? said(keeper, 'minnesanteckningar', 'signature-block') : said(undefined, 'protokoll', 'default');
}

/**
 * A title wrapped onto a second line: set in the same heading size, or (without
 * sizes) continuing in lower case or after a word a title cannot end on.
 */
function continuesTitle(doc: Layout, prev: Line, next: Line): boolean {
  // "a) Beslut om …", "A. Strandparkeringen": a lettered point under the item, not more of its title.
  if (/^\p{L}[.)]\s/u.test(next.text)) return false;
  if (next.para && !(doc.sized && next.heading && prev.heading)) return false;
  if (doc.sized && prev.heading) return next.heading && !next.para;
  if (/^att\s/i.test(next.text) || isBullet(next.text)) return false;
  return /^\p{Ll}/u.test(next.text) || /(?:,|\s(?:och|i|av|för|till|med|om|på|från|samt|inom))$/u.test(prev.text);
}

function tidyTitle(title: string): string {
  return title
    .replace(/\t+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?::\d{2})?\.?$/u, '') // "Mötets öppnande 17:54": the time it happened
    .replace(/\s*[.:]$/, '')
    .trim();
}

/** Where the signature block starts in the last item: the first signature label. */
function closingStart(body: Line[]): number {
  return body.findIndex((l) => isClosingLabel(l.text) && closingLabelKind(l.text) !== null && (l.para || l.hard));
}
