// Writes infra/bundling/stockholm-zone.json: Europe/Stockholm's entry out of
// moment-timezone's packed data for every zone (some 700 KB, of which the one
// zone the calendar needs is under 1 KB). date-holidays' rule engine loads
// moment-timezone; the Lambda bundles alias it to infra/bundling/moment-timezone.cjs,
// which loads this file only. `node scripts/moment-stockholm.mjs` after upgrading
// moment-timezone; a test fails while the extract and the installed data differ.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The zones the calendar reads (shared/domain/stockholm.ts ZONE; date-holidays' Swedish rules name the same). */
export const ZONES = ['Europe/Stockholm'];

/**
 * The packed entries behind ZONES, in moment-timezone's own load() shape: a zone
 * may be a link to another (since tzdata 2022 Europe/Stockholm is Europe/Berlin's
 * rules), so the link and the zone it points at are both kept.
 */
export function stockholmZoneData() {
  const data = require('moment-timezone/data/packed/latest.json');
  const zoneName = (packed) => packed.slice(0, packed.indexOf('|'));
  const links = data.links.filter((link) => link.split('|').some((name) => ZONES.includes(name)));
  const wanted = new Set([...ZONES, ...links.flatMap((link) => link.split('|'))]);
  const zones = data.zones.filter((packed) => wanted.has(zoneName(packed)));
  return { version: data.version, zones, links };
}

export function fileText() {
  return `${JSON.stringify(stockholmZoneData(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('../infra/bundling/stockholm-zone.json', import.meta.url), fileText());
}
