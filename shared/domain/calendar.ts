// Swedish calendar rules: dates as the body sees them (Europe/Stockholm), and
// the statutory rule for time limits (lag 1930:173): a period whose last day is
// a Saturday, Sunday, public holiday, Midsummer Eve, Christmas Eve or New
// Year's Eve runs to the next working day.
import HolidaysParser from 'date-holidays-parser';
import { SWEDISH_HOLIDAYS } from './holidays-se';
import { addDays } from './stockholm';

// Everything else that is dated lives in ./stockholm, which does not load date-holidays: import it from there unless the holiday rule is needed too.
export { ZONE, stockholmDate, addDays, daysBetween, endOfDay, formatStockholm } from './stockholm';

// date-holidays' rule engine with Sweden's rules only (holidays-se.ts, extracted from date-holidays' data).
const holidays = new HolidaysParser(SWEDISH_HOLIDAYS, 'SE');

/** Saturdays, Sundays, public holidays and the three eves the law treats as holidays. */
export function isNonWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return true;
  const found = holidays.isHoliday(new Date(`${date}T12:00:00`));
  return Array.isArray(found) && found.some((h) => h.type === 'public' || h.type === 'bank');
}

export function nextWorkingDay(date: string): string {
  let day = date;
  while (isNonWorkingDay(day)) day = addDays(day, 1);
  return day;
}

export interface AppealPeriod {
  postedOn: string;
  /** Last day an appeal (laglighetsprövning) can be lodged: three weeks after posting, moved to a working day. */
  appealEndsOn: string;
  /** The notice stays up until the appeal period has run out. */
  takeDownOn: string;
}

export function appealPeriod(postedOn: string): AppealPeriod {
  const appealEndsOn = nextWorkingDay(addDays(postedOn, 21));
  return { postedOn, appealEndsOn, takeDownOn: addDays(appealEndsOn, 1) };
}
