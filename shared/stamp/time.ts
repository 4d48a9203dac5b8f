// Times as people read them on the stamp and the audit page: local wall-clock
// time with the zone's abbreviation (CET/CEST for Stockholm), so a reader
// never has to guess whether 18:56 was UTC.

export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, seconds: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${seconds}`;
  let f = formats.get(key);
  if (!f) {
    // en-GB gives "CET"/"CEST" for Stockholm and "GMT-4"-style names (ASCII minus)
    // elsewhere; the numeric parts are reassembled below into ISO order.
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formats.set(key, f);
  }
  return f;
}

/** "2025-02-19 18:56 CET" (or with seconds). Returns the input unchanged when it is not a date. */
export function formatZoned(iso: string, timeZone: string = DEFAULT_TIME_ZONE, seconds = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(formatter(timeZone, seconds).formatToParts(date).map((p) => [p.type, p.value]));
  const time = `${parts.hour}:${parts.minute}${seconds ? `:${parts.second}` : ''}`;
  return `${parts.year}-${parts.month}-${parts.day} ${time} ${parts.timeZoneName ?? timeZone}`;
}
