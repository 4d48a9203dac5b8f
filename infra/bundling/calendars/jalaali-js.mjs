// Stands in for `jalaali-js` (date-holidays-parser takes both functions apart when it is imported): see ./left-out.mjs.
import { leftOut } from './left-out.mjs';

export default { toJalaali: leftOut('jalaali-js toJalaali'), toGregorian: leftOut('jalaali-js toGregorian') };
