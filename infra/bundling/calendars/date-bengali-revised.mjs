// Stands in for `date-bengali-revised`: see ./left-out.mjs.
import { leftOut } from './left-out.mjs';

export default leftOut('date-bengali-revised');
