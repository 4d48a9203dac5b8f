// The meeting header: everything before the first item, and the running head of
// the first page. Only the header gives the meeting's body, date, time and place;
// a date inside an item is about something else ("nästa möte den 4–5 juni").
// Each field is read by the first rule that finds it, in this order: a label
// ("Plats:", "Organ", "Mötesform" over its value), the title sentence ("Protokoll
// fört vid X den … i Y"), then the title lines. Every value keeps its evidence.
import { findDate, findHeaderDate, findTime } from './dates';
import { paragraphs, joinLines, type Line } from './layout';
import type { Evidence } from './model';

export interface Header {
  body: string | null;
  date: string | null;
  time: string | null;
  place: string | null;
  evidence: { body?: Evidence; date?: Evidence; time?: Evidence; place?: Evidence };
}

type Field = 'body' | 'date' | 'time' | 'place';

// Labelled fields, with the label's name as the secretary wrote it.
const DATE_LABEL = /^(?:Sammanträdesdatum|Mötesdatum|Datum|Dag|Sammanträdesdag)\s*(?::|\t|\s(?=\d))\s*(.*)$/iu;
const TIME_LABEL = /^(?:Tid|Tidpunkt|Klockslag|Mötestid)\s*(?::|\t)\s*(.*)$/iu;
const PLACE_LABEL = /^(?:Plats|Lokal|Mötesplats|Sammanträdesplats)\s*(?::|\t)\s*(.*)$/iu;
const DATE_AND_TIME = /^(?:Datum,?\s+(?:och\s+)?tid|Tid\s+och\s+datum|Datum\/tid)\s*(?::|\t)\s*(.*)$/iu;
const PLACE_AND_TIME = /^(?:Plats\s+och\s+tid|Tid\s+och\s+plats|Datum,?\s+tid\s+och\s+plats|Plats,?\s+datum\s+och\s+tid)\s*(?::|\t|\s(?=\p{Lu}))\s*(.*)$/iu;
const BODY_LABEL = /^(?:Organ|Nämnd|Beslutande\s+organ|Sammanträde\s+med|Möte\s+med|Mötesform|Mötestyp)\s*(?::|\t|\s(?=\p{Lu}))\s*(.*)$/iu;
/** A label alone on its line, its value on the next: "Plats och tid" / "Rumlaborg, kl. 08:15". */
const LABEL_ALONE = /^(Plats\s+och\s+tid|Plats|Lokal|Mötesplats|Datum|Sammanträdesdatum|Tid|Organ|Mötesform|Mötestyp)\s*:?$/iu;
/** Labels of the municipal template's first page and notice box, which are never a value. */
const TEMPLATE_LABEL = /^(?:Plats\s+och\s+tid|Beslutande|Närvarande\s+ersättare|Tjänstgörande\s+ersättare|Ersättare|Övriga\s+närvarande|Utses\s+att\s+justera|Justeringens\s+plats\s+och\s+tid|Underskrifter|Sekreterare|Ordförande|Justerande|Organ|Sammanträdesdatum|Datum\s+för\s+anslags|Förvaringsplats|Underskrift|Paragrafer)\b/iu;
/** "Tid: …", "Plats<TAB>…": a short label and its value. */
const LABEL = /^[\p{L} ]{2,30}(?::|\t)/u;
/** Dates that belong to the adjustment or the notice, not to the meeting. */
const OTHER_DATES = /justering|justerad|anslag|uppsättande|nedtagande|förvaring|överklag|sista dag|publicer|signerad|signerat|nästa möte/iu;
const DOC_TYPE =
  /^(?:justerat\s+|utdrag\s+ur\s+|preliminärt\s+)?(?:sammanträdesprotokoll|mötesprotokoll|protokoll|minnesanteckningar|mötesanteckningar|anteckningar|kallelse)(?![\p{L}])(?:\s+(?:fört\s+)?(?:från|för|vid|med|över)\b)?[\s,:–-]*/iu;
const REMOTE = /^(?:digitalt|digital|distans|på distans|via teams|teams|zoom|via zoom|videomöte|hybridmöte|digitalt möte|digitalt via \S+|digitalt \(teams\)|telefonmöte)\.?$/iu;
const WEEKDAY = /\b(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\b/giu;
/** A body is named by what it is: a board, a committee, a general meeting. "LiTHe Kod" names an association, not a body. */
const BODY_WORD = /nämnd|styrelse|fullmäktige|utskott|direktion|ledning|stämma|årsmöte|vårmöte|höstmöte|husrådsmöte|medlemsmöte|råd(?:et)?\b|kommitté|beredning|presidium|arbetsgrupp|samverkansgrupp/iu;
/** "Protokoll fört vid datorföreningen Stackens höstmöte 2009, torsdagen den 3:e december klockan 19 i sal Q24." */
const HELD_AT = /\bfört\s+vid\s+(.+)$/iu;
/** "IX Styrelse hade denna dag sitt första styrelsemöte": the body is the subject. */
const BODY_SENTENCE = /^(.{2,60}?)\s+hade\s+(?:denna\s+dag|i\s+dag|idag)\b/u;

/** `bounded`: the header ends at the first item (minutes without items are all header, and their headings are items' titles). */
export function parseHeader(lines: Line[], top: Line[] = [], bounded = true): Header {
  const header: Header = { body: null, date: null, time: null, place: null, evidence: {} };
  const all = [...top, ...lines];
  if (all.length === 0) return header;
  const set = (field: Field, value: string | null, line: Line, rule: string) => {
    if (header[field] !== null || !value) return;
    header[field] = value;
    header.evidence[field] = { page: line.page, item: null, line: short(line.text), rule };
  };

  // Labelled fields first: they say what they are. A line and its paragraph are both read, so a
  // label wrapped over two lines is found.
  const units: { text: string; line: Line }[] = [];
  for (const para of paragraphs(all)) {
    for (const line of para) units.push({ text: line.text.trim(), line });
    if (para.length > 1) units.push({ text: para.map((l) => l.text).join(' ').trim(), line: para[0]! });
  }
  units.forEach((u, k) => {
    const text = u.text;
    let m: RegExpExecArray | null;
    const alone = LABEL_ALONE.exec(text);
    const after = units.slice(k + 1).find((n) => n.line !== u.line);
    const next = alone && after && Math.abs(after.line.source.x - u.line.source.x) < 60 && !isFieldLine(after.text) && !TEMPLATE_LABEL.test(after.text) ? after : undefined;
    // "Datum<TAB>Plats" over "2023-07-25 kl 09.00<TAB>Kilagårds Gröna, Vesslunda": a label per column.
    const cells = text.split('\t');
    if (cells.length >= 2 && cells.every((c) => LABEL_ALONE.test(c.trim()))) {
      const values = after?.text.split('\t') ?? [];
      if (values.length === cells.length) cells.forEach((c, i) => readLabel(c.trim().replace(/:$/, ''), values[i]!, after!.line, set, 'label'));
      return;
    }
    if (alone && next) readLabel(alone[1]!, next.text, next.line, set, 'label');
    else if ((m = PLACE_AND_TIME.exec(text))) readLabel('plats och tid', m[1]!, u.line, set, 'label');
    else if ((m = DATE_AND_TIME.exec(text))) readLabel('datum och tid', m[1]!, u.line, set, 'label');
    else if ((m = DATE_LABEL.exec(text))) readLabel('datum', m[1]!, u.line, set, 'label');
    else if ((m = TIME_LABEL.exec(text))) readLabel('tid', m[1]!, u.line, set, 'label');
    else if ((m = PLACE_LABEL.exec(text))) readLabel('plats', m[1]!, u.line, set, 'label');
    else if ((m = BODY_LABEL.exec(text))) set('body', cleanBody(m[1]!, false), u.line, 'label');
    else if (REMOTE.test(text)) set('place', text.replace(/\.$/, ''), u.line, 'label');
  });

  // The title sentence: "Protokoll fört vid X (den) <date> (kl …) i <place>".
  for (const para of paragraphs(all).slice(0, 8)) {
    // The sentence runs over its lines up to the first field ("Datum: …") set without a blank line before it.
    const field = para.findIndex((l, i) => i > 0 && [DATE_LABEL, TIME_LABEL, PLACE_LABEL, PLACE_AND_TIME, DATE_AND_TIME, BODY_LABEL].some((re) => re.test(l.text)));
    const text = joinLines((field > 0 ? para.slice(0, field) : para).map((l) => l.text));
    const held = HELD_AT.exec(text);
    if (held) readHeldAt(held[1]!, para[0]!, set);
    const subject = BODY_SENTENCE.exec(text);
    if (subject && BODY_WORD.test(subject[1]!)) set('body', cleanBody(subject[1]!, true), para[0]!, 'sentence');
  }

  // Then the title and the first lines (a header without items runs to the end of the document).
  const title = titleLines(lines);
  const first = [...top, ...title, ...lines.slice(0, 8).filter((l) => !title.includes(l))];
  // A cover page (an e-sign service's receipt) may stand before the minutes' own title, set large.
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const largest = sizes.at(-1) ?? 0;
  const usual = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const large = bounded ? lines.slice(8).filter((l) => l.size >= largest - 5 && l.size >= usual + 3 && !first.includes(l)) : [];
  const candidates = [...first, ...large];
  if (title.length > 1) {
    const joined = joinLines(title.map((l) => l.text));
    const date = OTHER_DATES.test(joined) ? null : findHeaderDate(joined);
    if (date) set('date', date.iso, title[0]!, 'title');
    set('body', cleanBody(joined, true), title[0]!, 'title');
  }
  for (const line of candidates) {
    if (OTHER_DATES.test(line.text)) continue;
    const date = findHeaderDate(line.text);
    if (date) set('date', date.iso, line, 'title');
    const time = findTime(line.text, false);
    if (time) set('time', time.value, line, 'title');
    // "Kommunstyrelsen<TAB>SAMMANTRÄDESPROTOKOLL<TAB>Sida 1(20)": a running head in cells.
    for (const cell of line.text.split('\t')) set('body', cleanBody(cell, true), line, 'title');
    if (LABEL.test(line.text) && !top.includes(line)) continue;
    set('body', cleanBody(line.text, true), line, 'title');
    set('place', placeBesideTime(line.text), line, 'title');
  }
  return header;
}

function readLabel(label: string, value: string, line: Line, set: (f: Field, v: string | null, l: Line, r: string) => void, rule: string): void {
  const l = label.toLowerCase();
  // "Plats och tid<TAB>Plats och tid": a form's label repeated in the value column is no value.
  if (TEMPLATE_LABEL.test(value.trim())) return;
  const date = findDate(value);
  const time = findTime(value, true);
  if (/datum|tid/.test(l) && date) set('date', date.iso, line, rule);
  if (/tid/.test(l) && time) set('time', time.value, line, rule);
  if (/plats|lokal/.test(l)) {
    let place = value;
    if (date) place = place.replace(date.match, ' ');
    if (time) place = place.replace(time.match, ' ');
    set('place', cleanPlace(place), line, rule);
  }
  if (/organ|mötesform|mötestyp/.test(l)) set('body', cleanBody(value, false), line, rule);
}

/** "extra föreningsstämma med HSB:s Bostadsrättsförening Imatra i Akalla den 20 september 2022 i Folkets Husby". */
function readHeldAt(rest: string, line: Line, set: (f: Field, v: string | null, l: Line, r: string) => void): void {
  const date = findDate(rest);
  const year = /\s\d{4}\b/.exec(rest);
  const cut = Math.min(...[date?.index, year?.index, rest.search(/,|\s+den\s+\d/)].filter((n): n is number => n !== undefined && n >= 0), rest.length);
  set('body', cleanBody(rest.slice(0, cut), false), line, 'sentence');
  if (date) set('date', date.iso, line, 'sentence');
  const time = findTime(rest, false);
  if (time) set('time', time.value, line, 'sentence');
  // The venue closes the sentence: "… klockan 19.30 i Q21.", "… 2022 i Folkets Husby".
  const tail = rest.slice(cut);
  const venue = /\s(?:i|på)\s+((?:sal\s+)?\p{Lu}[^.]*?|sal\s+[^.]+?)\.?\s*$/u.exec(tail);
  if (venue && !/\bden\s+\d/.test(venue[1]!)) set('place', cleanPlace(venue[1]!), line, 'sentence');
}

/** "Rumlaborg, Stadshuset Huskvarna kl. 13:00 – 17:20." on a line of its own: a venue and a time. */
function placeBesideTime(text: string): string | null {
  const time = findTime(text, false);
  if (!time || /[.!?]\s/.test(text)) return null;
  const before = text.slice(0, text.indexOf(time.match));
  if (findDate(before)) return null;
  const place = cleanPlace(before);
  return place && /^\p{Lu}/u.test(place) && place.split(/\s+/).length <= 6 && !BODY_WORD.test(place) ? place : null;
}

/** The lines set as headings at the top, or else the first paragraph up to its first label line. */
function titleLines(lines: Line[]): Line[] {
  if (lines.length === 0) return [];
  if (lines[0]!.heading) return takeWhile(lines, (l) => l.heading);
  return takeWhile(paragraphs(lines)[0] ?? [], (l, i) => i === 0 || !isFieldLine(l.text));
}

/** A header field rather than more of the title: "Tid: …", "Sammanträdesdatum 2025-03-04". */
function isFieldLine(text: string): boolean {
  return [LABEL, DATE_LABEL, TIME_LABEL, PLACE_LABEL, PLACE_AND_TIME, BODY_LABEL].some((re) => re.test(text)) || REMOTE.test(text);
}

/**
 * A title minus document type, organisation in capitals, date, time and weekday: "JÖNKÖPINGS KOMMUN
 * SAMMANTRÄDESPROTOKOLL 11 Barn- och utbildningsnämnden 2022-12-12" -> "Barn- och utbildningsnämnden".
 * From a title, what is left must name a body (`needsBodyWord`); a label's value is taken as written.
 */
function cleanBody(text: string, needsBodyWord: boolean): string | null {
  let t = text.replace(/\t+/g, ' ').trim();
  if (/^(?:Tid|Plats|Datum|Närvarande|Beslutande|Ledamöter|Ersättare|Kallade)\b/iu.test(t)) return null;
  t = t.replace(/^(?:\p{Lu}{2,}[:\s]+)+(?=\p{Lu}\p{Ll}|\d+\s+\p{Lu}\p{Ll})/u, '');
  t = t.replace(DOC_TYPE, '');
  const date = findHeaderDate(t);
  if (date) t = t.replace(date.match, ' ');
  const time = findTime(t, false);
  if (time) t = t.replace(time.match, ' ');
  t = t
    .replace(/\((?:\s*\d[\d\s-]*)?\)/g, ' ')
    .replace(/\s[-–]\s*(?:protokoll|minnesanteckningar)\b.*$/iu, '')
    .replace(/^\d+\s+/u, '')
    .replace(WEEKDAY, ' ')
    .replace(/\s+\d{4}\b.*$/u, '')
    .replace(/\s+(?:den|,|–|-)\s*$/u, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,:–-]+|[\s,:–-]+$/gu, '')
    .trim();
  if (!t || t.length > 120 || /[.!?]$/.test(t) || /\bnr\.?\s*\d/iu.test(t)) return null;
  if (needsBodyWord && (!BODY_WORD.test(t) || !/^\p{Lu}/u.test(t) || /protokoll|anteckningar/iu.test(t) || t.split(/\s+/).length > 7)) return null;
  // All capitals in a title ("PROTOKOLL ORDINARIE FÖRENINGSSTÄMMA") is read as written, in sentence case.
  if (t === t.toUpperCase() && /\p{Lu}{4}/u.test(t)) t = t.charAt(0) + t.slice(1).toLowerCase();
  return t;
}

function cleanPlace(text: string): string | null {
  const t = text
    .replace(/\bkl(?:ockan)?\.?\s*$/iu, '')
    .replace(WEEKDAY, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:=–-]+|[\s,;:=–-]+$/gu, '')
    .replace(/\s+,/g, ',')
    .trim();
  return t && /\p{L}/u.test(t) && t.length >= 2 ? t : null;
}

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 160 ? `${t.slice(0, 157)}…` : t;
}

function takeWhile<T>(items: T[], keep: (item: T, index: number) => boolean): T[] {
  const out: T[] = [];
  for (const [i, item] of items.entries()) {
    if (!keep(item, i)) break;
    out.push(item);
  }
  return out;
}
