// Person names, parties, roles and paragraph ranges as they are written in
// Swedish attendance lists and signature blocks.
import type { AttendeeRole } from './model';

export const UPPER = 'A-ZÅÄÖÉÈÜÆØÁÍÓÚÑÇ';
export const LOWER = 'a-zåäöéèüæøáíóúñçßëïâêîôû';

// "Eva-Lena", "Björn-Owe", "O'Neil", "McDonald": a capital, lower-case letters, optional joined parts.
const WORD = `[${UPPER}][${LOWER}]+(?:[${UPPER}][${LOWER}]+)?(?:[-'’][${UPPER}]?[${LOWER}]+)*`;
const PARTICLE = '(?:von|af|av|de|van|der|den|la|le|du|di|da|del|zu|ter)';
/** Two to five name words, with nobility particles between them ("Johan von Knorring"). */
export const NAME_SOURCE = `${WORD}(?:\\s+(?:${PARTICLE}\\s+)?${WORD}){1,4}`;

const NAME_ONLY = new RegExp(`^${NAME_SOURCE}$`, 'u');
const NAME_PARTICLE = new RegExp(`^${PARTICLE}$`);
const NAME_WORD = new RegExp(`^${WORD}$`, 'u');

// Capitalised words that start sentences or headings and are never a first name.
const NOT_NAMES = new Set(
  (
    'Region Regionen Kommun Kommunen Landstinget Nämnden Styrelsen Mötet Sammanträdet Protokoll Protokollet Beslut ' +
    'Justeras Justerat Justerare Justerande Ordförande Ordföranden Sekreterare Vid För Till Att Och Den Det De En Ett ' +
    'Plats Tid Datum Paragraf Paragrafer Bilaga Sida Punkt Ärende Närvarande Beslutande Ersättare Ledamöter ' +
    'Tjänstepersoner Övriga Upprop Underskrifter Utses Val Mer Se Enligt Presentationen Uppdraget Förslaget ' +
    'Sydöstra Sjukvårdsregion Sjukvårdsregionen Samverkansnämnd Samverkansnämnden Regionsjukvårdsledningen'
  ).split(' '),
);

export function isNameWord(word: string): boolean {
  return NAME_WORD.test(word);
}

export function isParticle(word: string): boolean {
  return NAME_PARTICLE.test(word);
}

/** A whole string that is a person's name and nothing else. */
export function isPersonName(text: string): boolean {
  const t = text.trim();
  if (!NAME_ONLY.test(t)) return false;
  const first = t.split(/\s+/)[0]!;
  return !NOT_NAMES.has(first);
}

/**
 * The person name that starts `text`, if any: "Magnus Persson inleder …" -> "Magnus Persson".
 * Stops at the first word that is not part of a name, so "Ordförande öppnar mötet" gives nothing.
 */
export function leadingName(text: string): string | null {
  const match = new RegExp(`^${NAME_SOURCE}`, 'u').exec(text.trim());
  if (!match) return null;
  // The regex is greedy over capitalised words; a following capitalised noun ("Magnus Persson Region")
  // is rare in the places this is used, and a name never ends on a particle.
  const name = match[0].replace(new RegExp(`\\s+${PARTICLE}$`), '');
  return isPersonName(name) ? name : null;
}

/** Every person name in a sentence, in order ("väljs Anna Berg och Per Olsson" -> both). */
export function namesIn(text: string): string[] {
  const names: string[] = [];
  const re = new RegExp(`(?<![${UPPER}${LOWER}-])${NAME_SOURCE}`, 'gu');
  for (const match of text.matchAll(re)) {
    let name = match[0];
    // "Att jämte …" or "Till justerare …" start sentences: drop a leading non-name word.
    const words = name.split(/\s+/);
    while (words.length > 2 && NOT_NAMES.has(words[0]!)) words.shift();
    name = words.join(' ');
    if (isPersonName(name)) names.push(name);
  }
  return names;
}

/** "(S)" -> "S". Parties are short, capitalised abbreviations. */
export const PARTY_SOURCE = `\\(\\s*([${UPPER}][${UPPER}${LOWER}]{0,4})\\s*\\)`;

interface RoleWord {
  re: RegExp;
  role: AttendeeRole;
}

// Longest forms first: "tj ers" must win over "ers", "vice ordförande" over "ordförande".
const ROLE_WORDS: RoleWord[] = [
  { re: /^(?:(?:1:e|2:e|förste|första|andre|andra)\s+)?(?:vice\s+ordförande|v\.?\s*ordf\.?|vice\s+ordf\.?)(?![\p{L}])/iu, role: 'vice ordförande' },
  { re: /^(?:ordförande|ordf\.?)(?![\p{L}])/iu, role: 'ordförande' },
  { re: /^ej\s+(?:tjänstgörande\s+ersättare|tjg\.?\s*ers\.?|tj\.?\s*ers\.?)(?![\p{L}])/iu, role: 'ersättare' },
  { re: /^(?:tjänstgörande\s+ersättare|tjänstg\.?\s*ers\.?|tjg\.?\s*ers\.?|tj\.?\s*ers\.?)(?![\p{L}])/iu, role: 'tjänstgörande ersättare' },
  { re: /^(?:ersättare|ers\.?)(?![\p{L}])/iu, role: 'ersättare' },
  { re: /^(?:ledamot|ledamöter)(?![\p{L}])/iu, role: 'ledamot' },
  { re: /^(?:sekreterare|sekr\.?|protokollförare|nämndsekreterare)(?![\p{L}])/iu, role: 'sekreterare' },
  { re: /^(?:tjänsteperson(?:er)?|tjänsteman|tjänstemän)(?![\p{L}])/iu, role: 'tjänsteperson' },
];

/** The role word at the start of `text`, and how many characters it spans. */
export function roleAt(text: string): { role: AttendeeRole; length: number } | null {
  for (const { re, role } of ROLE_WORDS) {
    const match = re.exec(text);
    if (match) return { role, length: match[0].length };
  }
  return null;
}

/** A paragraph range as written ("§1-6,8-13", "§§ 1–7", "§ 7") -> "§ 1-6, 8-13". */
export const RANGE_SOURCE = '§§?\\s*\\d{1,3}(?:\\s*[-–]\\s*\\d{1,3})?(?:\\s*(?:,|och|&)\\s*\\d{1,3}(?:\\s*[-–]\\s*\\d{1,3})?)*';

export function normaliseRange(text: string): string {
  const parts = text
    .replace(/^§§?\s*/, '')
    .split(/\s*(?:,|och|&)\s*/)
    .map((p) => p.replace(/\s*[-–]\s*/, '-').trim())
    .filter(Boolean);
  return `§ ${parts.join(', ')}`;
}

/** Names compared loosely: case, spacing and hyphen spacing do not matter. */
export function sameName(a: string, b: string): boolean {
  const k = (s: string) => s.toLowerCase().replace(/\s*-\s*/g, '-').replace(/\s+/g, ' ').trim();
  return k(a) === k(b);
}
