// The meeting header: everything before the first item. Only the header gives
// the meeting's body, date, time and place; a date inside an item is about
// something else ("nästa möte den 4–5 juni", "slutrapport den 31 mars").
import { findDate, findTime } from './dates';
import { paragraphs, joinLines, type Line } from './layout';

export interface Header {
  body: string | null;
  date: string | null;
  time: string | null;
  place: string | null;
}

// Labelled fields, with the label's name as the secretary wrote it.
const DATE_LABEL = /^(?:Sammanträdesdatum|Mötesdatum|Datum|Dag|Sammanträdesdag)\s*(?::|\t|\s(?=\d))\s*(.*)$/iu;
const TIME_LABEL = /^(?:Tid|Tidpunkt|Klockslag|Mötestid)\s*(?::|\t)\s*(.*)$/iu;
const PLACE_LABEL = /^(?:Plats|Lokal|Mötesplats|Sammanträdesplats)\s*(?::|\t)\s*(.*)$/iu;
const PLACE_AND_TIME = /^(?:Plats\s+och\s+tid|Tid\s+och\s+plats|Datum,?\s+tid\s+och\s+plats|Plats,?\s+datum\s+och\s+tid|Datum\s+och\s+tid|Tid\s+och\s+datum)\s*(?::|\t)\s*(.*)$/iu;
const BODY_LABEL = /^(?:Organ|Nämnd|Styrelse|Beslutande\s+organ|Sammanträde\s+med|Möte\s+med)\s*(?::|\t)\s*(.*)$/iu;
/** "Tid: …", "Plats<TAB>…": a short label and its value. */
const LABEL = /^[\p{L} ]{2,30}(?::|\t)/u;
/** Dates that belong to the adjustment or the notice, not to the meeting. */
const OTHER_DATES = /justering|justerad|anslag|uppsättande|nedtagande|förvaring|överklag|sista dag|publicer/iu;
const DOC_TYPE = /^(?:justerat\s+|utdrag\s+ur\s+|preliminärt\s+)?(?:sammanträdesprotokoll|mötesprotokoll|protokoll|minnesanteckningar|mötesanteckningar|anteckningar|kallelse)(?:\s+(?:från|för|vid|med|över)\b)?[\s,:–-]*/iu;
const REMOTE = /^(?:digitalt|digital|distans|på distans|via teams|teams|zoom|via zoom|videomöte|hybridmöte|digitalt möte|digitalt via \S+|digitalt \(teams\)|telefonmöte)\.?$/iu;
const WEEKDAY = /\b(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\b/giu;

export function parseHeader(lines: Line[]): Header {
  const header: Header = { body: null, date: null, time: null, place: null };
  if (lines.length === 0) return header;
  // Tabs are kept: "Plats<TAB>Kommunhuset" is a label and its value.
  const paras = paragraphs(lines).map((p) => ({ text: p.map((l) => l.text).join(' '), raw: p.map((l) => l.text) }));

  // The title: the lines set as headings at the top, or else the first paragraph up to its first label line.
  const titleLines = lines[0]!.heading ? takeWhile(lines, (l) => l.heading) : takeWhile(paragraphs(lines)[0] ?? [], (l, i) => i === 0 || !isFieldLine(l.text));
  const title = joinLines(titleLines.map((l) => l.text));

  // Labelled fields first: they say what they are.
  for (const p of paras) {
    for (const raw of p.raw.length > 1 ? [...p.raw, p.text] : [p.text]) {
      const text = raw.trim();
      let m: RegExpExecArray | null;
      if ((m = PLACE_AND_TIME.exec(text))) {
        const value = m[1]!;
        const date = findDate(value);
        const time = findTime(value, true);
        header.date ??= date?.iso ?? null;
        header.time ??= time?.value ?? null;
        let place = value;
        if (date) place = place.replace(date.match, ' ');
        if (time) place = place.replace(time.match, ' ');
        header.place ??= cleanPlace(place);
      } else if ((m = DATE_LABEL.exec(text))) {
        header.date ??= findDate(m[1]!)?.iso ?? null;
        header.time ??= findTime(m[1]!, false)?.value ?? null;
      } else if ((m = TIME_LABEL.exec(text))) {
        header.time ??= findTime(m[1]!, true)?.value ?? null;
      } else if ((m = PLACE_LABEL.exec(text))) {
        header.place ??= cleanPlace(m[1]!);
      } else if ((m = BODY_LABEL.exec(text))) {
        header.body ??= cleanBody(m[1]!);
      } else if (REMOTE.test(text)) {
        header.place ??= text.replace(/\.$/, '');
      }
    }
  }

  // Then the title and any unlabelled line: "Kommunstyrelsen 2025-02-14 kl. 13.00".
  if (!header.date) {
    for (const p of [{ text: title }, ...paras]) {
      if (OTHER_DATES.test(p.text)) continue;
      const date = findDate(p.text);
      if (date) {
        header.date = date.iso;
        break;
      }
    }
  }
  if (!header.time) {
    for (const p of [{ text: title }, ...paras]) {
      if (OTHER_DATES.test(p.text)) continue;
      const time = findTime(p.text, false);
      if (time) {
        header.time = time.value;
        break;
      }
    }
  }

  if (!header.body) header.body = bodyFromTitle(title, paras.map((p) => p.text));
  return header;
}

/** A header field rather than more of the title: "Tid: …", "Sammanträdesdatum 2025-03-04". */
function isFieldLine(text: string): boolean {
  return [LABEL, DATE_LABEL, TIME_LABEL, PLACE_LABEL, PLACE_AND_TIME, BODY_LABEL].some((re) => re.test(text)) || REMOTE.test(text);
}

function bodyFromTitle(title: string, paras: string[]): string | null {
  const fromTitle = cleanBody(title);
  if (fromTitle) return fromTitle;
  // "PROTOKOLL" alone on top: the body is the next plain line.
  for (const text of paras.slice(1, 4)) {
    if (/[:\t]/.test(text) || REMOTE.test(text)) continue;
    const body = cleanBody(text);
    if (body) return body;
  }
  return null;
}

/** A title minus document type, date, time and weekday: "Protokoll Kommunstyrelsen 2025-02-14" -> "Kommunstyrelsen". */
function cleanBody(text: string): string | null {
  let t = text.replace(/\t+/g, ' ').trim();
  if (/^(?:Tid|Plats|Datum|Närvarande|Beslutande|Ledamöter|Ersättare)\b/iu.test(t)) return null;
  t = t.replace(DOC_TYPE, '');
  const date = findDate(t);
  if (date) t = t.replace(date.match, ' ');
  const time = findTime(t, false);
  if (time) t = t.replace(time.match, ' ');
  t = t
    .replace(WEEKDAY, ' ')
    .replace(/\s+(?:den|,|–|-)\s*$/u, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,:–-]+|[\s,:–-]+$/gu, '')
    .trim();
  // What is left must look like a name: starts with a capital, has letters, is not a sentence.
  if (!t || !/^\p{Lu}/u.test(t) || t.length > 120 || /[.!?]$/.test(t)) return null;
  return t;
}

function cleanPlace(text: string): string | null {
  const t = text
    .replace(/\bkl(?:ockan)?\.?\s*$/iu, '')
    .replace(WEEKDAY, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:–-]+|[\s,;:–-]+$/gu, '')
    .replace(/\s+,/g, ',')
    .trim();
  return t || null;
}

function takeWhile<T>(items: T[], keep: (item: T, index: number) => boolean): T[] {
  const out: T[] = [];
  for (const [i, item] of items.entries()) {
    if (!keep(item, i)) break;
    out.push(item);
  }
  return out;
}
