// Lines that carry structure rather than prose: decision and proposal headings,
// sub-headings that end a decision, labels, bullets and the signature block.
// Both the paragraph builder and the item parser need them, so they live here.

/** Bodies that decide; "<Subject> beslutar" is a decision heading only for these. */
export const DECIDING_BODY =
  '(?:Mötet|Styrelsen|Nämnden|Utskottet|Arbetsutskottet|Årsmötet|Vårmötet|Höstmötet|Stämman|Föreningsstämman|Extrastämman|' +
  'Sammanträdet|Fullmäktige|Kommunstyrelsen|Kommunfullmäktige|Regionstyrelsen|Regionfullmäktige|Direktionen|Förbundsstyrelsen|' +
  'Samverkansnämnden|Husrådet|Ledningen|Ledningsgruppen|Arbetsgruppen|\\p{Lu}[\\p{L}-]*(?:nämnden|styrelsen|ledningen|mötet|stämman))';

/**
 * A decision label: "Beslut", "Beslut:", "Nämndens beslut", "Barn- och
 * utbildningsnämndens beslut", "Beslutade", "Styrelsen beslöt", "Kommunstyrelsen
 * beslutar," — alone on the line or followed by a colon or a tab. Group 1 is what
 * follows the colon or tab. A verb running on into its clause on the same line
 * ("Beslutades att godkänna …") is a sentence, read by decisionSentence instead.
 */
const DECISION_HEADING = new RegExp(
  '^(?:Beslut|Beslutet|Beslutade|Beslutades|Beslöt|Beslöts|Beslutar|Mötesbeslut|' +
    '\\p{Lu}[\\p{L}-]*(?:\\s+(?:och|&)\\s+[\\p{L}-]+)?s\\s+beslut|' +
    `${DECIDING_BODY}(?:\\s+för\\s+egen\\s+del)?\\s+(?:beslutar|beslutade|beslöt)(?:\\s+för\\s+egen\\s+del)?)` +
    '(?:\\s*[,:]?\\s*$|\\s*[:\\t]\\s*(.*)$)|^(?:Beslut|Mötesbeslut)\\s+(att\\s.*)$',
  'u',
);

export function decisionHeading(text: string): { rest: string } | null {
  const t = text.trim();
  // "Beslutsunderlag", "Beslutet skickas till" and "Beslut fattades om …" are not headings;
  // the regex needs end of line, a colon or a tab after the heading word.
  const m = DECISION_HEADING.exec(t);
  if (!m) return null;
  if (/s\s+beslut/u.test(t) && /förslag/i.test(t)) return null;
  return { rest: (m[1] ?? m[2] ?? '').trim() };
}

/**
 * An organ's decision label at the end of a line that a conversion ran together with a heading:
 * "BARN- OCH UTBILDNINGSNÄMNDENS BEHANDLING 2020-04-21 Barn- och utbildningsnämndens beslut",
 * perhaps with the decision after it. Not "… utgör förslag till Barn- och utbildningsnämndens beslut."
 */
const TRAILING_LABEL = /(?:^|\d\s+|\p{Lu}{2,}\s+)(\p{Lu}[\p{L}-]*(?:\s+(?:och|&)\s+[\p{L}-]+)?s\s+beslut)\s*:?(?:\s+(\p{Lu}.*))?$/u;

export function trailingDecisionLabel(text: string): { before: string; rest: string } | null {
  const m = TRAILING_LABEL.exec(text.replace(/\s+/g, ' ').trim());
  if (!m) return null;
  const at = m.index + m[0].indexOf(m[1]!);
  return { before: text.replace(/\s+/g, ' ').trim().slice(0, at).trim(), rest: (m[2] ?? '').trim() };
}

/**
 * A sentence in which this meeting decides with a form of besluta: "Mötet beslutar att …",
 * "Årsmötet beslutade enligt valberedningens förslag.", "Beslutades att …", "Beslutar att …", "Vi beslutar att …",
 * and "Beslut att …" (the decision is what follows the word, as under a "Beslut" label).
 * Not a report of another time or body ("I januari beslöt styrelsen …"), a proposal
 * ("föreslås besluta") or the noun ("Beslut om medlemsavgift bordläggs").
 */
const DECIDES = new RegExp(
  `^(?:Beslutades|Beslutas|Beslöts|Beslutar|Beslutade|Beslöt|Enhälligt\\s+beslutades)\\s+\\S|^Beslut\\s+att\\s+\\p{Ll}|^Vi\\s+(?:beslutar|beslutade|beslöt)\\s+att\\b|` +
    `^(?:Därefter\\s+|Då\\s+|Sedan\\s+)?${DECIDING_BODY}(?:\\s+\\p{Ll}+){0,2}?\\s+(?:beslutar|beslutade|beslöt|har\\s+beslutat)\\b|` +
    `(?:,|\\boch)\\s+(?:mötet|årsmötet|stämman|styrelsen|nämnden)\\s+(?:beslutar|beslutade|beslöt)\\s+att\\b`,
  'u',
);

export function decisionSentence(sentence: string): boolean {
  const t = sentence.trim();
  if (!DECIDES.test(t)) return false;
  return !/föreslå[rs]?\s+(?:\S+\s+){0,3}besluta\b|\bföreslog\b/iu.test(t);
}

/** Proposals are not decisions: "Förslag till beslut", "Ordförandens förslag", "Förvaltningens förslag till beslut". */
const PROPOSAL_HEADING =
  /^(?:(?:\p{Lu}[\p{L}-]*(?:s|ns)\s+)?förslag(?:\s+till\s+beslut)?|Förslag(?:\s+till\s+beslut)?|Yrkanden?|Ordförandens\s+förslag|Beslutsförslag)\s*:?\s*(?:\t.*)?$/iu;

export function isProposalHeading(text: string): boolean {
  return PROPOSAL_HEADING.test(text.trim());
}

/** Sub-headings after which the text is no longer part of a decision. */
const STOP_HEADING =
  /^(?:Beslutsunderlag|Beslutet\s+skickas\s+till|Skickas\s+till|Expedieras(?:\s+till)?|Sammanfattning|Ärendebeskrivning|Ärendet|Bakgrund|Beredning|Reservation(?:er)?|Protokollsanteckning(?:ar)?|Särskilt\s+yttrande|Jäv|Propositionsordning|Omröstning|Bilagor?|Handlingar)\s*:?\s*$/iu;

export function isStopHeading(text: string): boolean {
  return STOP_HEADING.test(text.trim());
}

/** "- punkt", "• punkt", "– punkt", "* punkt". */
export const BULLET = /^(?:[-–•▪●◦*·\uF0B7\uF0A7\uF076]\s+|[•▪●◦\uF0B7\uF0A7]\s*)/u;

export function isBullet(text: string): boolean {
  return BULLET.test(text);
}

/**
 * A short line that introduces what follows ("Beslutsärenden:", "Summering:",
 * "Tjänstepersoner:"). It is a paragraph on its own.
 */
export function isLabelLine(text: string): boolean {
  const t = text.trim();
  // A few words: "På dagordningen stod bland annat följande punkter:" is a sentence, not a label.
  const words = t.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return words.length <= 4 && t.length <= 45 && /^\p{Lu}/u.test(t) && /:$/.test(t) && !/[.!?]\s/.test(t);
}

/** The signature block that ends the minutes (or heads them, in some municipal templates). A scanner's OCR may drop the diacritics ("Ordforande"). */
const CLOSING =
  /^(?:Vid\s+protokollet|Vid\s+anteckningarna|Vid\s+pennan|Justeras|Justerat|Justerare|Justerande|Justeringsperson(?:er)?|Underskrifter|Sekreterare|Protokollf[öo]rare|(?:M[öo]tes)?Ordf[öo]rande)\s*(?::\s*|\t|$)/iu;

export function isClosingLabel(text: string): boolean {
  const t = text.trim();
  if (!CLOSING.test(t)) return false;
  // "Ordförande öppnar mötet." is prose; the label stands alone or is followed by a name.
  const rest = t.replace(CLOSING, '').trim();
  return rest === '' || /^\p{Lu}/u.test(rest);
}

export function closingLabelRest(text: string): string {
  return text.trim().replace(CLOSING, '').trim();
}

export function closingLabelKind(text: string): 'secretary' | 'adjusters' | 'chair' | 'signatures' | null {
  const t = text.trim().toLowerCase();
  if (/^(vid protokollet|vid anteckningarna|vid pennan|sekreterare|protokollf[öo]rare)/.test(t)) return 'secretary';
  if (/^(justeras|justerat)/.test(t)) return 'signatures';
  if (/^(justerare|justerande|justeringsperson)/.test(t)) return 'adjusters';
  if (/^(m[öo]tes)?ordf[öo]rande/.test(t)) return 'chair';
  if (/^underskrifter/.test(t)) return 'signatures';
  return null;
}

/** Words a Swedish sentence never ends on: a line ending in one continues on the next. */
export const JOINING_WORDS = new Set(
  (
    'och eller samt men att som i av för till med om på från vid under över mot inom utan hos genom enligt inför ' +
    'efter mellan både varken den det de en ett dess deras vars där när då vilken vilket vilka än'
  ).split(' '),
);

export function endsWithJoiningWord(text: string): boolean {
  const last = /([\p{L}]+)$/u.exec(text.trim());
  return !!last && JOINING_WORDS.has(last[1]!) && !/[.!?:;,]$/.test(text.trim());
}
