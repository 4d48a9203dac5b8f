// Who chairs, who keeps the minutes and who adjusts them, as claims with their
// evidence. Minutes say it in many ways — an election ("Till ordförande för
// stämman väljs Tomas Merio", "mötessekreterare: Johan", "Mötet väljer Kim
// Lindberger och Erik Welander till justeringspersoner"), a label ("Utses att
// justera", "Vid protokollet", "Ordförande" over a signature line), a role in a
// list ("Anna Carlsson (S), ordf.") or a sentence ("Ordföranden Carl Tönsgård
// hälsade …"). Each rule here reads one way and says how strong it is; officers.ts
// chooses by that order.
import type { Line } from './layout';
import { isParticle, LOWER, UPPER } from './people';

export type Role = 'chair' | 'secretary' | 'adjusters';

/** Lower is stronger. */
export const RANK = { election: 1, label: 2, signature: 3, list: 4, sentence: 5, convention: 6 } as const;
export type Rule = keyof typeof RANK;

export interface Claim {
  role: Role;
  names: string[];
  rule: Rule;
  /** The line the claim was read from, for the evidence. */
  line: Line;
  item: string | null;
}

/** Nicknames and handles beside a name ("Rasmus Kaj ‹kaj›") are not part of it. */
export function plainNames(text: string): string {
  return text.replace(/\s*[‹«<][^›»>]{0,20}[›»>]/gu, '');
}

/** A line that only names a role, heading what follows: "a. Mötesordförande", "c. Justeringsperson tillika rösträknare". */
export function roleHeading(text: string): Role | null {
  // "Sekreterare ..........<TAB>Paragrafer 1-12": the line to sign on, and the cell beside it.
  const t = text.replace(/^Underskrifter\s*/iu, '').replace(/\t+Paragrafer\b.*$/iu, '').replace(/\s*[._…]{3,}.*$/u, '').trim();
  if (/^(?:Utses\s+att\s+justera|Justeras\s+av)\s*:?$/iu.test(t)) return 'adjusters';
  if (/^(?:Vid\s+protokollet|Vid\s+anteckningarna|Vid\s+pennan|Namnförtydligande)\s*:?$/iu.test(t)) return 'secretary';
  const m = new RegExp(`^(?:\\p{L}[.)]\\s*)?(${ROLE_ANY})(?:\\s+tillika\\s+\\p{L}+)?\\s*:?$`, 'iu').exec(t);
  return m ? roleOf(m[1]!) : null;
}

/** Only people on the line: "Gabriella Lönn", "Anna Carlsson (S)", "Kim Lindberger och Erik Welander". */
export function peopleOnly(text: string): string[] {
  const m = new RegExp(`^\\s*(${PEOPLE})\\s*\\.?\\s*$`, 'u').exec(text);
  return m ? splitPeople(m[1]!, false) : [];
}

export interface Passage {
  /** One line, or a paragraph joined over its lines. */
  text: string;
  line: Line;
  item: string | null;
  itemTitle: string | null;
  region: 'header' | 'item' | 'closing';
}

// Role words. The meeting's chair is "mötesordförande", "stämmoordförande", "ordförande för stämman";
// a chair elected for a term ("till ordförande 18/19", "som ordförande för 2018") chairs the association.
const CHAIR_WORD = '(?:mötes|möts|stämmo|årsmötes|sammanträdes)?ordförande(?:n)?|ordf\\.?';
const SECRETARY_WORD = '(?:mötes|möts|stämmo|årsmötes|protokoll)?sekreterare(?:n)?|protokollförare(?:n)?|sekr\\.?|nämndsekreterare';
const ADJUSTER_WORD =
  '(?:protokoll)?justerare|justeringsm(?:än|an)|justeringsperson(?:er)?|justerande|justeringspersoner|protokolljusterare';
const ROLE_WORDS: [Role, string][] = [
  ['chair', CHAIR_WORD],
  ['secretary', SECRETARY_WORD],
  ['adjusters', ADJUSTER_WORD],
];
const TERM = /^\s*(?:\d{2,4}\s*[/-]\s*\d{2,4}|för\s+(?:år\s+)?\d{4}|för\s+(?:verksamhetsåret|kommande|ett\s+år|en\s+tid|mandatperioden|perioden)|på\s+(?:ett|två)\s+år|i\s+(?:styrelsen|föreningen|arbetsutskottet|nämndens|barn)|\d{4})/iu;
const ELECT = '(?:väljs|väljes|valdes|valts|utses|utsågs|utsetts|välja|väljer|valde|utse|nominerar\\s+och\\s+väljer|föreslås\\s+och\\s+väljs|föreslogs\\s+och\\s+valdes|anmäler|anmälde|utsåg)';

// A person: capitalised words ("Eva-Lena Aspetorp", "Johan von Knorring", "AnneMarie Grennhag"), a party after.
const WORD = `[${UPPER}][${LOWER}]+(?:[${UPPER}][${LOWER}]+)?(?:[-'’][${UPPER}]?[${LOWER}]+)*`;
const PERSON = `${WORD}(?:\\s+(?:(?:von|af|av|de|van|der|den|la|le|du|di|da|del|zu|ter)\\s+)?${WORD}){0,3}`;
const PARTY = '(?:\\s*\\([^)]{1,12}\\))?';
const PEOPLE = `${PERSON}${PARTY}(?:\\s*(?:,|och|samt|&)\\s*${PERSON}${PARTY})*`;

// Capitalised words that open sentences, name places, roles or organisations, and are never a person.
const NOT_NAMES = new Set(
  (
    'Mötet Årsmötet Stämman Styrelsen Nämnden Föreningen Sammanträdet Protokollet Protokoll Beslut Beslutades Till Att Och Som ' +
    'Den Det De En Ett Vid För Med Från Enligt Ordförande Ordföranden Sekreterare Justerare Justerande Justeras Justerat ' +
    'Mötesordförande Mötessekreterare Utses Val Valdes Väljs Kassör Ledamot Ledamöter Ersättare Revisor Region Regionen ' +
    'Kommun Kommunen Stadshuset Rektor Chef Plats Tid Datum Paragrafer Underskrifter Sign Närvarande Beslutande Övriga ' +
    'Barn Punkt Se Hos Nr Sida Bilaga Förslag Kallelse Dagordning Stämmans Mötets'
  ).split(' '),
);
// "Hans" is a name too, but also "his"; it counts only followed by a surname.
const SINGLE_NOT_NAMES = new Set(['Hans']);

/** Names in a list as written: "Kim Lindberger och Erik Welander", "Anna Berg (S), Per Olsson (M)". */
export function splitPeople(text: string, single: boolean): string[] {
  const out: string[] = [];
  for (const part of text.replace(/\([^)]*\)/g, ' ').split(/\s*(?:,|\boch\b|\bsamt\b|&)\s*/u)) {
    const words = part.trim().split(/\s+/).filter(Boolean);
    while (words.length && NOT_NAMES.has(words[0]!)) words.shift();
    // "Thomas Embrink Ordförande AnneMarie": a flattened row runs on into the next label.
    const stop = words.findIndex((w, i) => i > 0 && NOT_NAMES.has(w));
    if (stop > 0) words.length = stop;
    const name = words.join(' ');
    if (!name || !new RegExp(`^${PERSON}$`, 'u').test(name)) continue;
    if (words.length === 1 && (!single || SINGLE_NOT_NAMES.has(name) || NOT_NAMES.has(name))) continue;
    if (words.length > 1 && isParticle(words.at(-1)!)) continue;
    out.push(name);
  }
  return out;
}

function roleOf(word: string): Role | null {
  for (const [role, re] of ROLE_WORDS) if (new RegExp(`^(?:${re})$`, 'iu').test(word)) return role;
  return null;
}

const ROLE_ANY = ROLE_WORDS.map(([, re]) => re).join('|');

/**
 * Elections and appointments in a sentence:
 *   "X valdes till mötesordförande", "Mötet väljer X och Y till justeringspersoner",
 *   "Till ordförande för stämman väljs X", "Till justeringsmän tillika rösträknare utses X och Y",
 *   "välja X till ordförande och Y till sekreterare", "X anmäler Y att för dagen föra protokoll".
 */
export function electionsIn(text: string): { role: Role; names: string[] }[] {
  const out: { role: Role; names: string[] }[] = [];
  const t = text.replace(/\s+/g, ' ');
  // NAMES (verb)? till|som ROLE — the verb may come before the names ("väljer X till …") or after ("X valdes till …").
  // No case-insensitive flag anywhere a name is matched: it lets a name's capitals match any letter, and a
  // pattern of names then backtracks exponentially. Role words and verbs are written in lower case.
  const after = new RegExp(`(${PEOPLE})\\s+(?:(?:${ELECT})\\s+)?(?:till|som)\\s+(?:(?:ny|nya|sin|sina)\\s+)?(${ROLE_ANY})(?![\\p{L}])`, 'gu');
  for (const m of t.matchAll(after)) {
    const role = roleOf(m[2]!);
    if (!role || isTerm(t, m.index! + m[0].length, role)) continue;
    if (!new RegExp(`${ELECT}|beslut`, 'u').test(t)) continue;
    out.push({ role, names: splitPeople(m[1]!, true) });
  }
  // Till ROLE (…)? verb NAMES
  const before = new RegExp(`(?:^|\\s)(?:[Tt]ill|[Ss]om)\\s+(${ROLE_ANY})(?:\\s+(?:tillika|och)\\s+\\p{L}+)?(?:\\s+(?:för|vid|på)\\s+(?:stämman|mötet|dagen|årsmötet|sammanträdet|dagens\\s+möte))?\\s+(?:${ELECT})\\s+(${PEOPLE})`, 'gu');
  for (const m of t.matchAll(before)) {
    const role = roleOf(m[1]!);
    if (role) out.push({ role, names: splitPeople(m[2]!, true) });
  }
  // "Cecilia Hjort Attefall (KD) utses att, jämte ordföranden, justera dagens protokoll",
  // "att utse Anna Berg (S) och Per Olsson (M) att justera protokollet",
  // "till att jämte ordförande justera protokoll väljs Patrik Stenvard".
  const plain = withoutSubstitutes(t);
  const adjust =
    new RegExp(`(?:utse|välja|utser|väljer|valde|utsåg)\\s+(${PEOPLE})\\s+(?:till\\s+)?att,?\\s+(?:jämte\\s+\\p{L}+,?\\s+)?justera\\b`, 'u').exec(plain) ??
    // "Protokollet justeras av ordföranden och Anna Berg."
    new RegExp(`[Pp]rotokollet\\s+(?:ska\\s+)?(?:justeras|justerades)\\s+av\\s+(?:ordföranden\\s+(?:samt|och)\\s+)?(${PEOPLE})`, 'u').exec(plain) ??
    new RegExp(`(${PEOPLE})\\s+(?:utses|väljs|valdes|utsågs)\\s+(?:till\\s+)?att,?\\s+(?:jämte\\s+\\p{L}+,?\\s+)?justera\\b`, 'u').exec(plain) ??
    new RegExp(`[Aa]tt\\s+(?:jämte\\s+\\p{L}+\\s+)?justera\\s+(?:dagens\\s+)?protokoll(?:et)?(?:\\s+jämte\\s+\\p{L}+)?\\s+(?:väljs|valdes|utses|utsågs)\\s+(${PEOPLE})`, 'u').exec(plain);
  if (adjust) out.push({ role: 'adjusters', names: splitPeople(adjust[1]!, true) });
  // "X anmäler Y att för dagen föra protokoll": the chair names the secretary.
  const keeper = new RegExp(`(?:anmäler|anmälde|utser|utsåg)\\s+(${PERSON})\\s+(?:att|som)\\s+(?:för\\s+dagen\\s+)?föra\\s+(?:dagens\\s+)?protokoll`, 'u').exec(t);
  if (keeper) out.push({ role: 'secretary', names: splitPeople(keeper[1]!, true) });
  return out.filter((e) => e.names.length > 0);
}

/** "… med Anna Andersson (S) som ersättare": the substitute adjuster signs only if the adjuster cannot. */
function withoutSubstitutes(text: string): string {
  return text.replace(new RegExp(`\\s+med\\s+${PERSON}${PARTY}\\s+som\\s+(?:ersättare|reserv|ersättande\\s+justerare)`, 'gu'), '');
}

/** "ordförande 18/19", "ordförande för 2018": a chair for a term, not for this meeting. */
function isTerm(text: string, end: number, role: Role): boolean {
  return role !== 'adjusters' && TERM.test(text.slice(end));
}

/** "mötesordförande: Markus", "Justerare: Anna Berg och Per Olsson", "Vid protokollet: Johan", "Utses att justera Anna Carlsson (S)". */
export function labelsIn(text: string): { role: Role; names: string[] }[] {
  const out: { role: Role; names: string[] }[] = [];
  const t = text.replace(/\s+/g, ' ').trim();
  const label = new RegExp(`^(?:${ROLE_ANY}|vid\\s+protokollet|vid\\s+anteckningarna|vid\\s+pennan)(?:\\s+(?:jämte\\s+ordföranden|tillika\\s+rösträknare))?\\s*:\\s*`, 'iu').exec(t);
  const people = label ? new RegExp(`^(${PEOPLE})\\s*\\.?$`, 'u').exec(t.slice(label[0].length)) : null;
  if (label && people) {
    const word = label[0].replace(/\s*:\s*$/, '').replace(/\s+(?:jämte|tillika)\s.*$/iu, '');
    const role = /^vid\s/iu.test(word) ? 'secretary' : roleOf(word);
    if (role) out.push({ role, names: splitPeople(people[1]!, true) });
  }
  const appoint = new RegExp(`Utses\\s+att\\s+justera\\s*:?\\s*(${PEOPLE})`, 'u').exec(t);
  if (appoint) out.push({ role: 'adjusters', names: splitPeople(appoint[1]!, false) });
  return out.filter((e) => e.names.length > 0);
}

/**
 * Labels before names inside a flattened row: "Underskrifter Sekreterare Thomas Embrink Ordförande
 * AnneMarie Grennhag (M) Justerande Anna Carlsson (S)". Capitalised labels only.
 */
export function inlineLabelsIn(text: string): { role: Role; names: string[] }[] {
  const out: { role: Role; names: string[] }[] = [];
  const re = new RegExp(`(?:^|\\s)(Sekreterare|Ordförande|Justerande|Justerare|Vid protokollet)\\s*:?\\s+(${PERSON}${PARTY})`, 'gu');
  // Cell by cell: a name never runs on into the next column.
  for (const m of text.split('\t').flatMap((cell) => [...cell.replace(/\s+/g, ' ').matchAll(re)])) {
    const role: Role = m[1] === 'Vid protokollet' ? 'secretary' : roleOf(m[1]!)!;
    const names = splitPeople(m[2]!, false);
    if (names.length) out.push({ role, names: names.slice(0, 1) });
  }
  return out;
}

/** A role after a name in a list: "Anna Carlsson (S), ordf.", "Carl Tönsgård, ordförande", "AnneMarie Grennhag (M) ordförande". */
export function listRolesIn(text: string): { role: Role; names: string[] }[] {
  const out: { role: Role; names: string[] }[] = [];
  const re = new RegExp(`(${PERSON})(\\s*\\([^)]{1,12}\\))?\\s*,?\\s+(ordförande|ordf\\.?|sekreterare|nämndsekreterare|protokollförare|sekr\\.?)(?![\\p{L}])(?!\\s+(?:i|för|vid)\\s)`, 'gu');
  for (const m of text.replace(/\s+/g, ' ').matchAll(re)) {
    // "Åsa Dederling, ordförande Ledningsgruppen" chairs something else; in a list the party comes first.
    const after = text.replace(/\s+/g, ' ').slice(m.index! + m[0].length);
    if (!m[2] && /^\s+\p{Lu}/u.test(after)) continue;
    const before = text.replace(/\s+/g, ' ').slice(Math.max(0, m.index! - 12), m.index!);
    // "vice ordförande", "2:e vice ordförande" is someone else.
    if (/vice\s*$/iu.test(before) || /^vice\b/iu.test(m[0])) continue;
    const names = splitPeople(m[1]!, false);
    if (names.length) out.push({ role: roleOf(m[3]!) ?? 'chair', names: names.slice(-1) });
  }
  return out;
}

/** A role in parentheses after a name: "Anna Andersson (ordf.)", "Bo Berg (sekr)". */
export function bracketRolesIn(text: string): { role: Role; names: string[] }[] {
  const out: { role: Role; names: string[] }[] = [];
  const re = new RegExp(`(${PERSON})\\s*\\(([Oo]rdförande|[Oo]rdf\\.?|[Mm]ötesordförande|[Ss]ekreterare|[Ss]ekr\\.?|[Pp]rotokollförare|[Jj]usterare)\\)`, 'gu');
  for (const m of text.replace(/\s+/g, ' ').matchAll(re)) {
    const role = roleOf(m[2]!.toLowerCase().replace(/\.$/, '.'));
    const names = splitPeople(m[1]!, true);
    if (role && names.length) out.push({ role, names: names.slice(-1) });
  }
  return out;
}

/** "Ordföranden Carl Tönsgård hälsade …", "Mötesordförande Magnus Persson inleder …". */
export function chairSentenceIn(text: string): string | null {
  const m = new RegExp(`(?:^|[.!?]\\s+)(?:Ordförande|Ordföranden|Mötesordförande|Mötesordföranden|Mötets\\s+ordförande)\\s+(${PERSON})${PARTY}(?=\\s+\\p{Ll})`, 'u').exec(
    text.replace(/\s+/g, ' '),
  );
  return m ? (splitPeople(m[1]!, false)[0] ?? null) : null;
}

/** Item titles that elect a role: "Val av justerare", "Val av mötesfunktionärer", "Val av två personer att jämte stämmoordföranden justera protokollet". */
export function electionTitle(title: string): Role[] {
  const t = title.toLowerCase();
  if (!/^(?:val|utseende|anmälan|fråga)\b|\bval\s+av\b|^\p{L}\.\s/u.test(t) && !/justera\s+protokollet/u.test(t)) return [];
  const roles: Role[] = [];
  if (/ordförande|mötesfunktionär|funktionärer/u.test(t) && !/vice\s+ordförande/u.test(t)) roles.push('chair');
  if (/sekreterare|protokollförare|mötesfunktionär|funktionärer/u.test(t)) roles.push('secretary');
  if (/juster|mötesfunktionär|funktionärer/u.test(t)) roles.push('adjusters');
  return roles;
}

/** Bare election sentences in an item that elects one role: "Marcus Dicander föreslås och väljs.", "Emil väljs till justerare." */
export function electedIn(text: string): string[] {
  const t = text.replace(/\s+/g, ' ');
  const m = new RegExp(`(?:^|[.!?]\\s+)(?:(?:Mötet|Stämman|Årsmötet|Föreningsstämman|Styrelsen|Nämnden)\\s+(?:\\p{Ll}+\\s+){0,3}?(?:väljer|valde|utser|utsåg|välja)\\s+|Till\\s+\\S+\\s+(?:väljs|valdes|utses)\\s+)?(${PEOPLE})\\s*(?:(?:föreslås\\s+och\\s+)?(?:väljs|valdes|utses|utsågs)\\b[^.]*)?\\.?\\s*$`, 'u').exec(t);
  if (!m) return [];
  if (!new RegExp(`${ELECT}|^\\s*${PEOPLE}\\s*\\.?\\s*$`, 'u').test(t)) return [];
  return splitPeople(m[1]!, true);
}
