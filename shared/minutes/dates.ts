// Swedish dates and times as secretaries write them. Every parser returns the
// matched text too, so callers can strip it (a title minus its date is the body).

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, mars: 3, mar: 3, april: 4, apr: 4, maj: 5, juni: 6, jun: 6,
  juli: 7, jul: 7, augusti: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10,
  november: 11, nov: 11, december: 12, dec: 12,
  // English, as some associations write their minutes.
  january: 1, february: 2, march: 3, may: 5, june: 6, july: 7, august: 8, october: 10, oct: 10,
};
const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const WEEKDAY = '(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?';

export interface FoundDate {
  iso: string;
  /** The text that was read as the date, for stripping. */
  match: string;
  index: number;
}

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => [number, number, number] }[] = [
  // 2025-02-14
  { re: /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/, read: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  // (tisdagen) den 14 februari 2025, 14:e feb. 2025
  {
    re: new RegExp(`(?:${WEEKDAY}\\s+)?(?:den\\s+)?(?<!\\d)(\\d{1,2})(?::[ae])?\\s+(${MONTH_NAMES})\\.?\\s+(\\d{4})(?!\\d)`, 'i'),
    read: (m) => [+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!],
  },
  // 14/2 2025, 14/2/2025, 14.2.2025
  { re: /(?:den\s+)?(?<![\d/.])(\d{1,2})[/.](\d{1,2})(?:[/.]|\s+)(\d{4})(?!\d)/, read: (m) => [+m[3]!, +m[2]!, +m[1]!] },
  // "vårmöte 2023, torsdagen den 23:e februari": the year before the day
  {
    re: new RegExp(`(?<!\\d)(\\d{4}),?\\s+(?:${WEEKDAY},?\\s+)?den\\s+(\\d{1,2})(?::[ae])?\\s+(${MONTH_NAMES})\\b(?!\\.?\\s+\\d{4})`, 'i'),
    read: (m) => [+m[1]!, MONTHS[m[3]!.toLowerCase()]!, +m[2]!],
  },
  // English: "October 8, 2020"
  { re: new RegExp(`(?<![\\p{L}])(${MONTH_NAMES})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})(?!\\d)`, 'iu'), read: (m) => [+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!] },
];

/**
 * Compact dates that only a title or a header line may carry, never running text (where six or
 * eight digits are amounts or case numbers): "2013 10 09", "20141114", "140504", "18 05 02".
 */
const COMPACT: { re: RegExp; read: (m: RegExpExecArray) => [number, number, number] }[] = [
  { re: /(?<![\d-])((?:19|20)\d{2})\s(\d{2})\s(\d{2})(?![\d-])/, read: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  { re: /(?<![\d-])((?:19|20)\d{2})(\d{2})(\d{2})(?![\d-])/, read: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  { re: /(?<![\d-])(\d{2})\s?(\d{2})\s?(\d{2})(?![\d-])/, read: (m) => [2000 + +m[1]!, +m[2]!, +m[3]!] },
];

/** A date in a title or header line, compact forms included. */
export function findHeaderDate(text: string): FoundDate | null {
  const plain = findDate(text);
  if (plain) return plain;
  for (const { re, read } of COMPACT) {
    const m = re.exec(text);
    if (!m) continue;
    const iso = isoDate(...read(m));
    if (iso) return { iso, match: m[0], index: m.index };
  }
  return null;
}

/** The first date in `text`, validated against the calendar. */
export function findDate(text: string): FoundDate | null {
  let best: FoundDate | null = null;
  for (const { re, read } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const iso = isoDate(...read(m));
    if (iso && (!best || m.index < best.index)) best = { iso, match: m[0], index: m.index };
  }
  return best;
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "Idag, den 10 april" in running text: a hint at the meeting date worth a warning, never the date itself. */
export function findTodayMention(text: string): string | null {
  const m = new RegExp(`(?:idag|i dag),?\\s+(?:${WEEKDAY},?\\s+)?den\\s+\\d{1,2}(?::[ae])?\\s+(?:${MONTH_NAMES})\\b(?:\\s+\\d{4})?`, 'i').exec(text);
  return m ? m[0] : null;
}

export interface FoundTime {
  /** "09:00-12:00" or "13:15". */
  value: string;
  match: string;
}

const CLOCK = '(\\d{1,2})(?:[.:](\\d{2}))?';

/**
 * A clock time or range. Outside a "Tid:" field a time needs "kl." in front, so
 * that "13-14 mars" or "§ 1-7" are never read as times.
 */
export function findTime(text: string, labelled: boolean): FoundTime | null {
  const prefix = labelled ? '(?:kl(?:ockan)?\\.?\\s*)?' : 'kl(?:ockan)?\\.?\\s*';
  const range = new RegExp(`(?<![\\d./-])${prefix}${CLOCK}\\s*(?:[-–]|till)\\s*(?:kl\\.?\\s*)?${CLOCK}(?![\\d/]|\\.\\d|\\s*(?:${MONTH_NAMES}))`, 'i');
  const m = range.exec(text);
  if (m) {
    const from = clock(m[1]!, m[2]);
    const to = clock(m[3]!, m[4]);
    if (from && to) return { value: `${from}-${to}`, match: m[0] };
  }
  const single = new RegExp(`(?<![\\d./-])${prefix}${CLOCK}(?![\\d/-]|\\.\\d|\\s*(?:${MONTH_NAMES}))`, 'i');
  const s = single.exec(text);
  // A bare "13" in a Tid field is a time, but a lone number elsewhere is not.
  if (s && (s[2] !== undefined || /kl/i.test(s[0]) || labelled)) {
    const at = clock(s[1]!, s[2]);
    if (at) return { value: at, match: s[0] };
  }
  return null;
}

function clock(hours: string, minutes: string | undefined): string | null {
  const h = +hours;
  const m = minutes === undefined ? 0 : +minutes;
  if (h > 24 || m > 59) return null;
  return `${pad(h)}:${pad(m)}`;
}

const EN_MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/**
 * The time inside an e-sign stamp: "Feb 19, 2025 18:56 GMT+1" (Adobe Acrobat Sign)
 * or "19 feb. 2025 18:56 CET". Returns an ISO date-time with offset.
 */
export function parseStampTime(text: string): string | null {
  return parseStampParts(text)?.time ?? null;
}

/** The date and (when the zone is given) the time of a stamp. */
export function parseStampParts(text: string): { date: string; time: string | null } | null {
  let m = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(.*)$/.exec(text.trim());
  let year: number, month: number | undefined, day: number;
  if (m) {
    month = EN_MONTHS[m[1]!.toLowerCase()];
    day = +m[2]!;
    year = +m[3]!;
  } else {
    m = new RegExp(`^(\\d{1,2})\\s+(${MONTH_NAMES}|[A-Za-z]{3})\\.?,?\\s+(\\d{4}),?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*(.*)$`, 'i').exec(text.trim());
    if (!m) return null;
    month = MONTHS[m[2]!.toLowerCase()] ?? EN_MONTHS[m[2]!.toLowerCase()];
    day = +m[1]!;
    year = +m[3]!;
  }
  const date = month ? isoDate(year, month, day) : null;
  if (!date || +m[4]! > 23 || +m[5]! > 59) return null;
  // Without a zone the moment is unknown; the day is still the day the signer saw.
  const offset = zoneOffset(m[7] ?? '');
  return { date, time: offset === null ? null : `${date}T${pad(+m[4]!)}:${m[5]}:${m[6] ?? '00'}${offset}` };
}

function zoneOffset(zone: string): string | null {
  const z = zone.trim().toUpperCase();
  if (z === '' || z === 'Z' || z === 'UTC' || z === 'GMT') return z === '' ? null : 'Z';
  if (z === 'CET' || z === 'MET') return '+01:00';
  if (z === 'CEST' || z === 'MEST') return '+02:00';
  const m = /^(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return null;
  return `${m[1]}${pad(+m[2]!)}:${m[3] ?? '00'}`;
}

/**
 * The date on a signer's place line. Acrobat Sign fills in "19/02/25" (day,
 * month, two-digit year), often followed by the full year; Swedish forms are
 * read by findDate.
 */
export function findSignDate(text: string): FoundDate | null {
  const m = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{2})(?:\s+(\d{4}))?(?![\d/])/.exec(text);
  if (m) {
    const full = m[4] ? +m[4] : 2000 + +m[3]!;
    // The trailing year must agree with the short one, or the line is not what we think it is.
    if (m[4] && full % 100 !== +m[3]!) return null;
    const iso = isoDate(full, +m[2]!, +m[1]!);
    if (iso) return { iso, match: m[0], index: m.index };
  }
  return findDate(text);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
