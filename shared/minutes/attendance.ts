// Attendance lists: "För Region Dalarna:" headings, then people written one after
// another, several to a line, columns separated by tabs:
//   Sofia Jarl (C) Björn Ljungqvist (M)	Sebastian Karlberg (S) tj ers §1-6
// A person is a run of capitalised name words; a party in parentheses, a role word
// ("ers", "tj ers", "ordförande") or a paragraph range closes the person and
// belongs to the person just read. Tjänstepersoner lists name their organisation
// inline ("Region Dalarna: A och B Region Sörmland: C").
import type { Line } from './layout';
import { paragraphs } from './layout';
import type { Attendee, AttendeeRole } from './model';
import { isNameWord, isParticle, isPersonName, normaliseRange, PARTY_SOURCE, RANGE_SOURCE, roleAt, sameName, UPPER, LOWER } from './people';

type ListKind = 'members' | 'present' | 'substitutes' | 'serving' | 'officials' | 'others' | 'absent';

interface Context {
  kind: ListKind;
  org: string | null;
}

const LIST_LABELS: [RegExp, ListKind][] = [
  [/^(?:Frånvarande|Anmält\s+förhinder|Förhinder|Ej\s+närvarande)/iu, 'absent'],
  [/^(?:Tjänstgörande\s+ersättare)/iu, 'serving'],
  [/^(?:Närvarande\s+ersättare|Icke\s+tjänstgörande\s+ersättare|Ej\s+tjänstgörande\s+ersättare|Ersättare)/iu, 'substitutes'],
  [/^(?:Närvarande\s+tjänstepersoner|Tjänstepersoner|Tjänstemän|Tjänsteperson|Från\s+förvaltningen)/iu, 'officials'],
  [/^(?:Övriga\s+närvarande|Övriga\s+deltagare|Övriga|Inbjudna|Gäster)/iu, 'others'],
  [/^(?:Beslutande|Närvarande\s+beslutande|Ordinarie\s+ledamöter|Närvarande\s+ledamöter|Ledamöter)/iu, 'members'],
  [/^(?:Närvarande|Deltagare|Närvarolista|Närvaro)/iu, 'present'],
];

/** Item titles whose body is the attendance list. */
export const ATTENDANCE_TITLE = /^(?:Upprop|Närvaro|Närvarande|Närvarolista|Deltagare|Mötets\s+deltagare|Fastställande\s+av\s+närvaro|Närvaro\s+och\s+upprop|Upprop\s+och\s+närvaro)/iu;

/** Labels in a header that end an attendance list. */
const OTHER_LABEL = /^(?:Tid|Plats|Datum|Sammanträdesdatum|Utses\s+att\s+justera|Justering|Justeringens|Justerare|Justerande|Paragrafer|Underskrifter|Sekreterare|Ordförande|Anslag|Protokollet\s+förvaras|Organ|Sammanträde)\b/iu;

const ORG_NAME = `(?:(?:Region(?:en)?|Landstinget)\\s+[${UPPER}][${LOWER}-]*(?:\\s+(?:län|[${UPPER}][${LOWER}-]+))?|[${UPPER}][${LOWER}-]*\\s+(?:kommun|stad|län)|Västra\\s+Götalandsregionen|Sveriges\\s+Kommuner\\s+och\\s+Regioner|SKR)`;
const ORG_LABEL_INLINE = new RegExp(`(?:^|\\s)(${ORG_NAME})\\s*:`, 'gu');
const ORG_HEADING = new RegExp(`^(?:För\\s+(.+?)|(${ORG_NAME}))\\s*:?\\s*$`, 'u');

/** Reads a list from the header (after a label) or from an Upprop item's body (everything). */
export function readAttendance(lines: Line[], wholeSection: boolean): Attendee[] {
  const out: Attendee[] = [];
  const ctx: Context = { kind: 'present', org: null };
  let inList = wholeSection;
  for (const text of units(lines)) {
    const label = listLabel(text);
    if (label) {
      inList = true;
      ctx.kind = label.kind;
      if (label.kind === 'officials' || label.kind === 'others') ctx.org = null;
      if (label.rest && label.kind !== 'absent') out.push(...parsePeople(label.rest, ctx));
      continue;
    }
    if (!wholeSection && OTHER_LABEL.test(text)) {
      inList = false;
      continue;
    }
    const heading = ORG_HEADING.exec(text);
    if (heading && text.length <= 60 && (inList || /^För\s/u.test(text))) {
      ctx.org = (heading[1] ?? heading[2]!).trim();
      inList = true;
      continue;
    }
    // A range alone on its line belongs to the person before it.
    const range = new RegExp(`^(${RANGE_SOURCE})[.,]?$`, 'u').exec(text);
    if (range && out.length) {
      out.at(-1)!.paragraphs = normaliseRange(range[1]!);
      continue;
    }
    // Those who sent apologies are listed, but did not attend.
    if (inList && ctx.kind === 'absent') continue;
    const people = parsePeople(text, ctx);
    // Outside a labelled list, only lines that clearly list people (with parties) count.
    if (inList ? looksLikeList(text, people) : people.filter((p) => p.party).length >= 2) out.push(...people);
  }
  return out;
}

/**
 * Paragraphs, joined over wrapped lines ("… Lina" / "Eriksson (L) ers"), but split
 * before and after an organisation heading, which plain text often puts on the
 * line directly above its people.
 */
function units(lines: Line[]): string[] {
  const out: string[] = [];
  for (const para of paragraphs(lines)) {
    let buffer: string[] = [];
    const flush = () => {
      if (buffer.length) out.push(buffer.join(' ').replace(/ ?\t ?/g, '\t').trim());
      buffer = [];
    };
    for (const line of para) {
      const text = line.text.trim();
      if (ORG_HEADING.test(text) || listLabel(text) || OTHER_LABEL.test(text)) {
        flush();
        out.push(text);
      } else if (buffer.length && line.hard) {
        // A line the author ended is a separator, as a tab is: "Anna Berg" / "Per Olsson".
        buffer.push('\t', text);
      } else buffer.push(text);
    }
    flush();
  }
  return out;
}

function listLabel(text: string): { kind: ListKind; rest: string } | null {
  for (const [re, kind] of LIST_LABELS) {
    const m = re.exec(text);
    if (!m) continue;
    const after = text.slice(m[0].length);
    // The label stands alone, or is followed by a colon or a tab and the list.
    const rest = /^\s*$/.test(after) ? '' : /^\s*[:\t]/.test(after) ? after.replace(/^\s*[:\t]\s*/, '') : null;
    if (rest === null) continue;
    return { kind, rest: rest.trim() };
  }
  return null;
}

/** A sentence such as "Vid upprop var följande närvarande:" mentions no one; a list is mostly names. */
function looksLikeList(text: string, people: Attendee[]): boolean {
  if (people.length === 0) return false;
  const words = text.split(/\s+/).filter((w) => /^\p{Ll}{4,}/u.test(w) && !roleAt(w) && !/^(?:och|län|kommun|stad)$/.test(w));
  return words.length <= people.length * 3;
}

type Token =
  | { t: 'sep' }
  | { t: 'party'; v: string }
  | { t: 'role'; v: AttendeeRole }
  | { t: 'range'; v: string }
  | { t: 'name'; v: string }
  | { t: 'particle'; v: string }
  | { t: 'other'; v: string };

const PARTY_RE = new RegExp(`^${PARTY_SOURCE}`, 'u');
const RANGE_RE = new RegExp(`^${RANGE_SOURCE}`, 'u');

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let rest = text;
  while (rest.length) {
    // Any whitespace but a tab (a column break): NBSP, thin spaces, line separators from odd text layers.
    const space = /^[^\S\t]+/u.exec(rest);
    if (space) {
      rest = rest.slice(space[0].length);
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^(?:\t+|[;,/]|och(?=\s|$)|samt(?=\s|$)|[-–](?=\s))/u.exec(rest))) tokens.push({ t: 'sep' });
    else if ((m = PARTY_RE.exec(rest))) tokens.push({ t: 'party', v: m[1]! });
    else if ((m = RANGE_RE.exec(rest))) tokens.push({ t: 'range', v: normaliseRange(m[0]) });
    else if ((m = /^\(([^)]*)\)/u.exec(rest))) {
      const role = roleAt(m[1]!.trim());
      tokens.push(role ? { t: 'role', v: role.role } : { t: 'other', v: m[0] });
    } else {
      const role = roleAt(rest);
      if (role && (rest.length === role.length || /^[\s,;:)\t.]/.test(rest.slice(role.length)))) {
        tokens.push({ t: 'role', v: role.role });
        rest = rest.slice(role.length);
        continue;
      }
      // A stray parenthesis ("Bo (S" cut by a page, OCR noise) is a word of its own.
      m = /^(?:[^\s\t,;()]+|[()])/u.exec(rest)!;
      const word = m[0].replace(/[.:]$/, '');
      if (isNameWord(word) && !/:$/.test(m[0])) tokens.push({ t: 'name', v: word });
      else if (isParticle(word)) tokens.push({ t: 'particle', v: word });
      else tokens.push({ t: 'other', v: word });
    }
    rest = rest.slice(m[0].length);
  }
  return tokens;
}

/** People on one paragraph of an attendance list, with their organisation from the context or inline labels. */
export function parsePeople(text: string, ctx: Context): Attendee[] {
  const out: Attendee[] = [];
  for (const segment of splitOrgLabels(text)) {
    if (segment.org !== undefined) ctx.org = segment.org;
    let open: string[] = [];
    // Held in an object: the closure assigns it, which control-flow narrowing does not see.
    // `leading`: a role that opens the line ("Ordförande: Anna Berg") belongs to the person after it.
    const cur: { last: Attendee | null; leading: AttendeeRole | null } = { last: null, leading: null };
    const explicit = new Set<Attendee>();
    // "tjänstgörande ersättare för Erik Ek (S)": the member replaced was not there.
    let replaced = false;
    const close = () => {
      while (open.length && isParticle(open.at(-1)!)) open.pop();
      if (open.length && replaced) {
        replaced = false;
        open = [];
        return;
      }
      if (open.length >= 2 && isPersonName(open.join(' '))) {
        cur.last = { name: open.join(' '), party: null, role: cur.leading, organisation: ctx.org, paragraphs: null };
        if (cur.leading) explicit.add(cur.last);
        cur.leading = null;
        out.push(cur.last);
      }
      open = [];
    };
    for (const token of tokenize(segment.text)) {
      if (token.t === 'name') open.push(token.v);
      else if (token.t === 'particle') {
        if (open.length) open.push(token.v);
      } else {
        close();
        if (token.t === 'other' && /^(?:för|ersätter|istället|stället)$/iu.test(token.v)) replaced = true;
        if (token.t === 'sep') replaced = false;
        const last = cur.last;
        if (!last) {
          if (token.t === 'role') cur.leading = token.v;
          continue;
        }
        if (token.t === 'party' && !last.party) last.party = token.v;
        else if (token.t === 'role' && !explicit.has(last)) {
          last.role = token.v;
          explicit.add(last);
        } else if (token.t === 'range') last.paragraphs = token.v;
      }
    }
    close();
    for (const person of out) if (!explicit.has(person) && person.role === null) person.role = defaultRole(ctx.kind, person);
  }
  return out;
}

/** Listed without a role word: a member in a list of members, a substitute in a list of substitutes. */
function defaultRole(kind: ListKind, person: Attendee): AttendeeRole | null {
  switch (kind) {
    case 'members':
      return 'ledamot';
    case 'present':
      // "Närvarande" lists members with their party; a name without a party may be anyone.
      return person.party ? 'ledamot' : null;
    case 'substitutes':
      return 'ersättare';
    case 'serving':
      return 'tjänstgörande ersättare';
    case 'officials':
      return 'tjänsteperson';
    default:
      return null;
  }
}

/** "Region Dalarna: A och B Region Sörmland: C" -> segments with their organisation. */
function splitOrgLabels(text: string): { org?: string; text: string }[] {
  const out: { org?: string; text: string }[] = [];
  let at = 0;
  let org: string | undefined;
  for (const m of text.matchAll(ORG_LABEL_INLINE)) {
    const start = m.index! + m[0].indexOf(m[1]!);
    out.push({ ...(org !== undefined ? { org } : {}), text: text.slice(at, start) });
    org = m[1]!;
    at = m.index! + m[0].length;
  }
  out.push({ ...(org !== undefined ? { org } : {}), text: text.slice(at) });
  return out.filter((s) => s.text.trim() || s.org !== undefined);
}

/** The same person listed twice is probably a slip; say so rather than drop one. */
export function duplicateWarnings(attendees: Attendee[]): string[] {
  const warnings: string[] = [];
  attendees.forEach((a, i) => {
    const first = attendees.findIndex((b) => sameName(a.name, b.name));
    if (first !== i || attendees.slice(i + 1).every((b) => !sameName(a.name, b.name))) return;
    const where = a.organisation ? ` (${a.organisation})` : '';
    warnings.push(`${a.name}${where} står mer än en gång i närvarolistan.`);
  });
  return warnings;
}
