// Positioned lines -> ParsedMinutes. Each step lives in its own module; this
// one wires them together and decides what is worth a warning.
import type { TextLine } from './extract';
import { ATTENDANCE_TITLE, duplicateWarnings, readAttendance } from './attendance';
import { findTodayMention } from './dates';
import { splitItem } from './decisions';
import { decisionHeading } from './markers';
import { parseHeader } from './header';
import { findSections, type RawItem, type Sections } from './items';
import { layout, paragraphs, type Line } from './layout';
import type { Item, ParsedMinutes } from './model';
import { flattenedRows, resolveOfficers } from './officers';
import type { Passage } from './roles';
import { sameName } from './people';
import { readSignatureBlock } from './signatures';

/**
 * `running`: the running head of the first page (lines repeated on every page, such as "LiTHe Kod
 * 2013 10 09" or "JÖNKÖPINGS KOMMUN Barn- och utbildningsnämnden"), which may be the only place
 * the body or the date is printed.
 */
export function parseMinutes(lines: TextLine[], running: TextLine[] = []): ParsedMinutes {
  const doc = layout(lines);
  const sections = findSections(doc);
  const top = running.map((source): Line => ({ text: source.text, page: source.page, size: source.size, heading: false, para: true, hard: true, source }));
  const header = parseHeader(sections.header, top, sections.items.length > 0);
  const warnings: string[] = [];

  // Minutes that label their decisions in more than one item put every decision under a label.
  const labelled = sections.items.filter((i) => i.body.some((l) => decisionHeading(l.text) !== null)).length;
  const items: Item[] = sections.items.map((raw) => {
    const split = splitItem(raw.body, labelled < 2);
    const item: Item = { number: raw.number, title: raw.title, text: split.text, decisions: split.decisions };
    if (split.adjustedImmediately) item.adjustedImmediately = true;
    if (!raw.title) warnings.push(`${label(raw.number)} saknar rubrik.`);
    if (split.emptyDecision) warnings.push(`${label(raw.number)} har rubriken Beslut men ingen beslutstext.`);
    return item;
  });

  const attendees = [
    ...readAttendance(sections.header, false),
    ...sections.items.filter((i) => ATTENDANCE_TITLE.test(i.title)).flatMap((i) => readAttendance(i.body, true)),
  ];
  const passages = passagesOf(sections);
  const flat = flattenedRows(passages);
  const blocks = [
    { block: readSignatureBlock(sections.header.filter((l) => !flat.has(l)), true), line: sections.header[0] ?? null },
    { block: readSignatureBlock(sections.closing), line: sections.closing[0] ?? null },
  ];
  const officers = resolveOfficers({ passages, blocks, attendees });
  // The list names the chair as one of the members; the minutes show who chaired.
  if (officers.chair)
    for (const a of attendees) if (sameName(a.name, officers.chair) && (a.role === 'ledamot' || a.role === null)) a.role = 'ordförande';

  const kind = sections.kind;
  warnings.push(...headerWarnings(header, items), ...sections.warnings, ...peopleWarnings(kind, attendees, officers));

  return {
    kind,
    body: header.body,
    date: header.date,
    time: header.time,
    place: header.place,
    attendees,
    chair: officers.chair,
    adjusters: officers.adjusters,
    secretary: officers.secretary,
    items,
    signatures: blocks.flatMap((b) => b.block.signatures),
    warnings,
    evidence: { kind: sections.kindEvidence, ...header.evidence, ...officers.evidence },
  };
}

/**
 * The text the officers are read from: every line, and every paragraph joined over its lines, with
 * where it stands. A paragraph is cut at 1,000 characters: who was elected is said in a sentence or
 * two, and the role patterns take time that grows faster than the text.
 */
function passagesOf(sections: Sections): Passage[] {
  const out: Passage[] = [];
  const add = (lines: Line[], region: Passage['region'], item: RawItem | null) => {
    for (const para of paragraphs(lines)) {
      for (const line of para) out.push({ text: line.text.slice(0, 1000), line, item: item?.number ?? null, itemTitle: item?.title ?? null, region });
      // Joined with the tabs kept: a column stays a column.
      if (para.length > 1) out.push({ text: para.slice(0, 12).map((l) => l.text.trim()).join(' ').slice(0, 1000), line: para[0]!, item: item?.number ?? null, itemTitle: item?.title ?? null, region });
    }
  };
  add(sections.header, 'header', null);
  for (const item of sections.items) add([...item.titleLines.slice(1), ...item.body], 'item', item);
  add(sections.closing, 'closing', null);
  return out;
}

function label(number: string): string {
  return number.startsWith('§') ? number : `Punkt ${number}`;
}

/**
 * Plain text as lines, for tests and for text that did not come from a PDF.
 * A blank line is a paragraph break; a line starting with "# " is a heading
 * (set larger, as a PDF would). Lines carry no width, so the parser treats every
 * line break as the author's.
 */
export function linesFromText(text: string): TextLine[] {
  const out: TextLine[] = [];
  let y = 800;
  let page = 1;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (raw.includes('\f')) {
      page++;
      y = 800;
    }
    const line = raw.replace(/\f/g, '').replace(/^ +| +$/g, '');
    if (line.trim() === '') {
      y -= 13;
      continue;
    }
    const heading = /^(#{1,3})\s+/.exec(line);
    const size = heading ? 17 - heading[1]!.length * 2 : 11;
    out.push({ page, text: heading ? line.slice(heading[0].length) : line, x: 56, y, width: 0, size, furniture: false });
    y -= Math.round(size * 1.2);
  }
  return out;
}

/** What the header does not say; a date never guessed from an item's "i dag". */
function headerWarnings(header: ReturnType<typeof parseHeader>, items: Item[]): string[] {
  const warnings: string[] = [];
  if (!header.body) warnings.push('Organets namn saknas i dokumentets huvud.');
  if (!header.date) {
    warnings.push('Mötesdatum saknas i dokumentets huvud.');
    for (const item of items) {
      const mention = findTodayMention(item.text);
      if (mention) warnings.push(`${label(item.number)} nämner ”${mention}”; det kan vara mötesdagen, men datumet har inte gissats.`);
    }
  }
  if (!header.time) warnings.push('Mötestid saknas i dokumentets huvud.');
  if (!header.place) warnings.push('Mötesplats saknas i dokumentets huvud.');
  return warnings;
}

/** Who is missing: attendance, chair, adjusters, secretary — and names listed twice or read ambiguously. */
function peopleWarnings(kind: ParsedMinutes['kind'], attendees: ParsedMinutes['attendees'], officers: ReturnType<typeof resolveOfficers>): string[] {
  const warnings: string[] = [];
  if (kind === 'protokoll' && attendees.length === 0) warnings.push('Närvarolista saknas.');
  warnings.push(...duplicateWarnings(attendees), ...officers.warnings);
  if (!officers.chair) warnings.push('Ordförande framgår inte av dokumentet.');
  if (kind === 'protokoll' && officers.adjusters.length === 0) warnings.push('Justerare framgår inte av dokumentet.');
  if (!officers.secretary) warnings.push('Sekreterare framgår inte av dokumentet.');
  return warnings;
}
