// Splitting an item's body into its text and its decisions.
//
// Rules, in order:
// - A decision heading ("Beslut", "Beslut:", "Nämndens beslut", "Styrelsen beslöt",
//   "Beslutade" …) starts the decision part; a sub-heading such as "Beslutsunderlag"
//   or "Reservation" ends it. "Förslag till beslut" and "Ordförandens förslag" start a
//   proposal, which stays in the text however much it looks like a decision.
// - In the decision part, each `att` clause is one decision. A clause runs over line
//   breaks until a line starts with the next `att` clause (a wrapped line that happens
//   to start with "att" does not count). The joiner that ties it to the next clause
//   (", och", ", samt", ";") is dropped; the leading "att" is kept.
// - Prose after the heading is what the body decided, one decision per paragraph, with
//   a lead-in such as "Kommunstyrelsen beslutar" dropped when att clauses follow it.
// - Sentences that report on the decision rather than state it stay in the item's
//   text: conflicts of interest ("X deltar inte vid beslutet", "anmäler jäv"),
//   pointers to attachments ("Mer information finns i bilaga"), reservations and
//   protocol notes, and "paragrafen förklaras omedelbart justerad" (which also sets
//   the item's adjustedImmediately flag).
import { joinLines, paragraphs, paragraphsText, type Line } from './layout';
import { BULLET, decisionHeading, decisionSentence, isProposalHeading, isStopHeading, trailingDecisionLabel } from './markers';

export interface SplitItem {
  text: string;
  decisions: string[];
  adjustedImmediately: boolean;
  /** A decision heading with nothing under it. */
  emptyDecision: boolean;
}

const CONFLICT = /\bjäv\b|\bjävig|deltar\s+(?:inte|ej)\s+(?:i|vid)\s+(?:beslutet|handläggningen|behandlingen|överläggningen)|deltog\s+(?:inte|ej)\s+(?:i|vid)\s+beslutet|lämnar\s+(?:rummet|lokalen|sammanträdet|mötet)\s+(?:under|vid)/iu;
const POINTER = /^(?:Mer|Ytterligare)\s+information\b|finns\s+(?:i|som)\s+bilaga|^(?:Se|Enligt)\s+bilaga|^Bilaga\b|^Presentationen\s+(?:publiceras|bifogas|finns)|bifogas\s+(?:protokollet|anteckningarna|minnesanteckningarna)/iu;
const DISSENT = /reserverar\s+sig|^Reservation\b|^Protokollsanteckning|protokollsanteckning|^Särskilt\s+yttrande|till\s+förmån\s+för\s+eget\s+yrkande/iu;
const IMMEDIATE = /omedelbart\s+justera|justeras\s+omedelbart|omedelbar\s+justering/iu;
const NUMBERED_DECISION = /^\d{1,2}[.)]\s+(?=\p{Lu}|att\s)/u;
const LEAD_IN = /(?:beslutar|besluta|beslutade|beslöt|beslutas|föreslår\s+.+\s+besluta|följande)\s*:?$|:$/iu;

/**
 * `bySentence`: also take sentences in which the meeting decides ("Mötet beslutar att …")
 * from running text. Minutes that label their decisions ("Beslut", "Nämndens beslut") say
 * everything decided under the label, and a sentence elsewhere describes the handling.
 */
export function splitItem(body: Line[], bySentence = false): SplitItem {
  const s = newSplit();
  for (const para of paragraphs(body)) {
    const first = para[0]!;
    const heading = decisionHeading(first.text);
    const leadIn = s.bareHeadingBefore && s.state === 'decision' && s.headingDecisions === 0;
    s.bareHeadingBefore = heading !== null && !heading.rest && para.length === 1;
    const trailing = heading ? null : trailingDecisionLabel(joinLines(para.map((l) => l.text)));
    if (trailing) {
      if (!leadIn) closeHeading(s);
      if (trailing.before) keep(s, { ...first, text: trailing.before });
      openDecision(s, false);
      if (trailing.rest) s.headingDecisions += decide([{ ...first, text: trailing.rest }], s.decisions, s.keepNote);
      continue;
    }
    if (heading) {
      // "Beslut" / "Kommunstyrelsen beslutar" / att …: the second heading is a lead-in of the first.
      if (!leadIn) closeHeading(s);
      openDecision(s, /^att\s/iu.test(heading.rest));
      const content = heading.rest ? [{ ...first, text: heading.rest }, ...para.slice(1)] : para.slice(1);
      s.headingDecisions += decide(content, s.decisions, s.keepNote);
      continue;
    }
    if (isProposalHeading(first.text) || isStopHeading(first.text)) {
      closeHeading(s);
      s.state = isProposalHeading(first.text) ? 'proposal' : 'text';
      para.forEach((l) => keep(s, l));
      continue;
    }
    if (s.state === 'decision' && continuesDecision(s, para)) continue;
    // A proposal ends where the meeting decides on it ("Valberedningens förslag: …" / "Årsmötet beslutade enligt …").
    if (bySentence && takeSentences(para, s.decisions, s.keepNote)) {
      s.state = 'text';
      continue;
    }
    para.forEach((l) => {
      if (IMMEDIATE.test(l.text)) s.adjustedImmediately = true;
      keep(s, l);
    });
  }
  closeHeading(s);
  return { text: paragraphsText(s.kept), decisions: s.decisions, adjustedImmediately: s.adjustedImmediately, emptyDecision: s.emptyDecision };
}

/** Where splitting an item's body stands: what is kept as text, the decisions so far, and the decision section being read. */
interface Split {
  kept: Line[];
  decisions: string[];
  adjustedImmediately: boolean;
  emptyDecision: boolean;
  state: 'text' | 'decision' | 'proposal';
  breakNext: boolean;
  headingDecisions: number;
  bareHeadingBefore: boolean;
  bulleted: boolean;
  /** Decisions written as att clauses end with the last clause: "Bilaga 1", a vote count or the next matter follow. */
  attStyle: boolean;
  keepNote: (line: Line, text: string) => void;
}

function newSplit(): Split {
  const s: Split = {
    kept: [],
    decisions: [],
    adjustedImmediately: false,
    emptyDecision: false,
    state: 'text',
    breakNext: false,
    headingDecisions: 0,
    bareHeadingBefore: false,
    bulleted: false,
    attStyle: false,
    keepNote: (line, text) => {
      if (IMMEDIATE.test(text)) s.adjustedImmediately = true;
      s.kept.push({ ...line, text, para: true });
      s.breakNext = true;
    },
  };
  return s;
}

function keep(s: Split, line: Line): void {
  s.kept.push({ ...line, para: line.para || s.breakNext });
  s.breakNext = false;
}

function closeHeading(s: Split): void {
  if (s.state === 'decision' && s.headingDecisions === 0) s.emptyDecision = true;
}

function openDecision(s: Split, attStyle: boolean): void {
  Object.assign(s, { state: 'decision', headingDecisions: 0, bulleted: false, attStyle, breakNext: true });
}

/** Inside a decision section: true when the paragraph was read as decisions, false when the section ended before it. */
function continuesDecision(s: Split, para: Line[]): boolean {
  const first = para[0]!;
  // Decisions set as a bulleted list end with the list: what follows is the handling of the matter.
  if (s.headingDecisions > 0 && ((s.bulleted && !BULLET.test(first.text)) || (s.attStyle && !/^att\s/iu.test(first.text.replace(BULLET, ''))))) {
    closeHeading(s);
    s.state = 'text';
    return false;
  }
  if (BULLET.test(first.text)) s.bulleted = true;
  else if (/^att\s/iu.test(first.text)) s.attStyle = true;
  s.headingDecisions += decide(para, s.decisions, s.keepNote);
  return true;
}

interface Segment {
  att: boolean;
  lines: string[];
  line: Line;
}

/** Reads decision content; returns how many decisions it added. */
function decide(lines: Line[], decisions: string[], keepNote: (line: Line, text: string) => void): number {
  const segments: Segment[] = [];
  lines.forEach((line, j) => {
    const text = line.text.replace(BULLET, '').trim();
    const prev = segments.at(-1);
    const prevText = prev?.lines.at(-1) ?? '';
    const startsClause = /^att\s+\S/i.test(text) && (j === 0 || line.hard || /(?:[,;.]|\boch|\bsamt)$/.test(prevText));
    // "1. Budgeten fastställs." / "2. …": a numbered list of decisions, one each, the number dropped.
    const numbered = j > 0 && line.hard && NUMBERED_DECISION.test(line.text);
    const plain = numbered || (j === 0 && NUMBERED_DECISION.test(line.text) && lines.length > 1) ? text.replace(NUMBERED_DECISION, '') : text;
    if (!prev || startsClause || numbered || (j > 0 && BULLET.test(line.text))) segments.push({ att: /^att\s/i.test(plain), lines: [plain], line });
    else prev.lines.push(plain);
  });

  let added = 0;
  segments.forEach((segment, k) => {
    const text = joinLines(segment.lines);
    if (segment.att) {
      decisions.push(stripJoiner(text));
      added++;
      return;
    }
    // "Kommunstyrelsen beslutar" before att clauses belongs to the heading.
    if (segments[k + 1]?.att && LEAD_IN.test(text)) return;
    const decided: string[] = [];
    const notes: string[] = [];
    for (const sentence of sentences(text)) (isNote(sentence) ? notes : decided).push(sentence);
    if (decided.length) {
      decisions.push(decided.join(' '));
      added++;
    }
    if (notes.length) keepNote(segment.line, notes.join(' '));
  });
  return added;
}

/** Decision sentences of a paragraph of running text; the other sentences stay text. False when it has none. */
function takeSentences(para: Line[], decisions: string[], keepNote: (line: Line, text: string) => void): boolean {
  const all = sentences(joinLines(para.map((l) => l.text.replace(BULLET, ''))));
  const decided = all.filter((s) => decisionSentence(s) && !isNote(s));
  if (decided.length === 0) return false;
  decisions.push(...decided.map((s) => s.replace(/^Beslut\s+(?=att\s)/u, '')));
  const rest = all.filter((s) => !decided.includes(s));
  if (rest.length) keepNote(para[0]!, rest.join(' '));
  return true;
}

function isNote(sentence: string): boolean {
  return CONFLICT.test(sentence) || POINTER.test(sentence) || DISSENT.test(sentence) || IMMEDIATE.test(sentence);
}

/** ", och" / ", samt" / ";" tie a clause to the next one and are not part of the decision. */
function stripJoiner(text: string): string {
  return text.replace(/\s*[,;]?\s*(?:och|samt)$/u, '').replace(/\s*[,;]$/u, '').trim();
}

/** Sentence boundaries: a full stop followed by a capital ("f.d. biträdande" stays whole). */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[\p{Lu}"”])/u).filter(Boolean);
}
