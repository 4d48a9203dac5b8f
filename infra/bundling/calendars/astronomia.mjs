// Stands in for `astronomia` (158 KB minified): see ./left-out.mjs.
import { leftOut } from './left-out.mjs';

export const solstice = {
  march2: leftOut('astronomia solstice.march2'),
  june2: leftOut('astronomia solstice.june2'),
  september2: leftOut('astronomia solstice.september2'),
  december2: leftOut('astronomia solstice.december2'),
};

export const julian = {
  Calendar: leftOut('astronomia julian.Calendar'),
  CalendarJulian: leftOut('astronomia julian.CalendarJulian'),
};

export const planetposition = {
  // date-holidays-parser's Equinox.js makes Earth's planet when it is imported, to hand it to `solstice`
  // (which throws): constructing it must not throw, or no calendar would load at all.
  Planet: class Planet {},
};
