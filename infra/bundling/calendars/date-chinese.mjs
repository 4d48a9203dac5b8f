// Stands in for `date-chinese`: see ./left-out.mjs.
import { leftOut } from './left-out.mjs';

export const CalendarChinese = leftOut('date-chinese CalendarChinese');
export const CalendarKorean = leftOut('date-chinese CalendarKorean');
export const CalendarVietnamese = leftOut('date-chinese CalendarVietnamese');
