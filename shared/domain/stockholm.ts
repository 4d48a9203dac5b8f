// Dates and times as a body in Sweden sees them (Europe/Stockholm). Apart from
// the holiday rule in calendar.ts on purpose: that one loads date-holidays'
// rule engine with moment-timezone (about 0.7 MB, some 50 ms of import), which
// only the index function needs; every other function imports this module.
export const ZONE = 'Europe/Stockholm';

// Formatters are made once: constructing an Intl.DateTimeFormat costs far more than formatting with it.
// And on first use, not at import: the first formatter a process makes loads ICU's locale and zone
// data (some 15 ms), which a cold start of a function that formats no date should not pay.
let date: Intl.DateTimeFormat | undefined;
let offset: Intl.DateTimeFormat | undefined;

/** The calendar date (YYYY-MM-DD) of an instant in Stockholm. */
export function stockholmDate(at: Date): string {
  date ??= new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  return date.format(at);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from one date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** The instant a date ends in Stockholm (23:59:59.999 local time). */
export function endOfDay(date: string): Date {
  const noonUtc = new Date(`${date}T12:00:00Z`);
  const offsetMinutes = zoneOffsetMinutes(noonUtc);
  return new Date(Date.parse(`${date}T23:59:59.999Z`) - offsetMinutes * 60_000);
}

function zoneOffsetMinutes(at: Date): number {
  offset ??= new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' });
  const name = offset.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

// en-GB names the zone "CET"/"CEST" for Stockholm and "GMT-4" elsewhere (ASCII minus); the
// numeric parts are reassembled into ISO order. One formatter per zone and precision, made once.
const ZONED = new Map<string, Intl.DateTimeFormat>();

function zonedFormat(timeZone: string, seconds: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${seconds}`;
  let format = ZONED.get(key);
  if (!format) {
    const clock: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}) };
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', ...clock, hourCycle: 'h23', timeZoneName: 'short' });
    ZONED.set(key, format);
  }
  return format;
}

/**
 * "2025-02-19 18:56 CET" (or with seconds): local wall-clock time with the zone's
 * abbreviation, so a reader of a stamp, a page or a mail never has to guess
 * whether 18:56 was UTC. Input that is not a date is returned unchanged.
 */
export function formatZoned(at: Date | string, timeZone: string = ZONE, seconds = false): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return typeof at === 'string' ? at : String(at);
  const parts = Object.fromEntries(zonedFormat(timeZone, seconds).formatToParts(date).map((p) => [p.type, p.value]));
  const time = `${parts.hour}:${parts.minute}${seconds ? `:${parts.second}` : ''}`;
  return `${parts.year}-${parts.month}-${parts.day} ${time} ${parts.timeZoneName ?? timeZone}`;
}

/** "2025-02-19 18:56 CET": what a person in Sweden reads on a stamp, a page or in a mail. */
export function formatStockholm(at: Date | string): string {
  return formatZoned(at, ZONE);
}
