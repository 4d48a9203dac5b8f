// The Lambda bundles load moment-timezone with Europe/Stockholm's zone only
// (infra/bundling/moment-timezone.cjs, by an esbuild alias), and stand-ins that
// throw for the calendars Sweden's holiday rules never use (infra/bundling/calendars/).
// vitest resolves the same aliases, so the packages they replace are reached here by
// path or in a child process of plain node. These tests hold the extract to the
// installed package and show the calendar computed through the aliases, bundled and
// not, is the calendar the whole packages compute.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import HolidaysParser from 'date-holidays-parser';
import { build } from 'esbuild';
// The whole package, by path: vitest.config.ts aliases `moment-timezone` to the extract, as the bundles do.
import moment from '../../node_modules/moment-timezone/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/lambdas';
import { ESBUILD_LAMBDA } from '../../infra/functions';
import * as unbundled from '../../shared/domain/calendar';
import { SWEDISH_HOLIDAYS } from '../../shared/domain/holidays-se';

type Calendar = typeof unbundled;
type Moment = typeof moment;

const scratch = mkdtempSync(path.join(tmpdir(), 'justera-calendar-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Builds `source` as the Lambda bundles are built (the alias included), imports it, and tells which files went in. */
async function bundledModule<T>(name: string, source: string): Promise<{ module: T; inputs: string[] }> {
  const outfile = path.join(scratch, `${name}.mjs`);
  const out = await build({
    stdin: { contents: source, resolveDir: PROJECT_ROOT, sourcefile: `${name}.ts`, loader: 'ts' },
    absWorkingDir: PROJECT_ROOT,
    ...ESBUILD_LAMBDA,
    minify: true,
    outfile,
    metafile: true,
    logLevel: 'silent',
  });
  return { module: (await import(pathToFileURL(outfile).href)) as T, inputs: Object.keys(out.metafile.inputs) };
}

/** Every day from 2020-01-01 to 2035-12-31. */
function days(): string[] {
  const all: string[] = [];
  for (let d = '2020-01-01'; d <= '2035-12-31'; d = unbundled.addDays(d, 1)) all.push(d);
  return all;
}

describe('moment-timezone in the Lambda bundles: Europe/Stockholm only', () => {
  it('the extract is the installed package entry for Europe/Stockholm (run scripts/moment-stockholm.mjs after an upgrade)', async () => {
    // @ts-expect-error -- a plain .mjs script without types
    const { fileText, stockholmZoneData } = (await import('../../scripts/moment-stockholm.mjs')) as {
      fileText: () => string;
      stockholmZoneData: () => { version: string; zones: string[]; links: string[] };
    };
    const committed = readFileSync(path.join(PROJECT_ROOT, 'infra/bundling/stockholm-zone.json'), 'utf8');
    expect(committed).toBe(fileText());
    expect(stockholmZoneData().version).toBe(moment.tz.dataVersion);
  });

  it('a bundle carries the shim, and its Europe/Stockholm is the whole package\'s, to the last transition', async () => {
    const { module, inputs } = await bundledModule<{ default: Moment }>('moment', "export { default } from 'moment-timezone';");
    expect(inputs).toContain('infra/bundling/moment-timezone.cjs');
    expect(inputs.filter((i) => i.includes('moment-timezone/data/'))).toEqual([]);
    const slim = module.default;
    expect(slim.tz.names().sort()).toEqual(['Europe/Berlin', 'Europe/Stockholm']);
    expect(slim.tz.dataVersion).toBe(moment.tz.dataVersion);
    // The unpacked zone: every transition (untils), offset and abbreviation.
    expect({ ...slim.tz.zone('Europe/Stockholm') }).toEqual({ ...moment.tz.zone('Europe/Stockholm') });
    // And what the calendar reads of it: the local day and hour of instants around each change of offset in 2020–2035.
    const local = (m: Moment, t: number) => m.tz(t, 'Europe/Stockholm').format('YYYY-MM-DD HH:mm Z');
    const instants = moment.tz
      .zone('Europe/Stockholm')!
      .untils.filter((u) => u >= Date.UTC(2020, 0, 1) && u < Date.UTC(2036, 0, 1))
      .flatMap((u) => [u - 60_000, u, u + 60_000]);
    expect(instants).toHaveLength(16 * 2 * 3);
    expect(instants.map((t) => local(slim, t))).toEqual(instants.map((t) => local(moment, t)));
  });

  it('the Swedish calendar through the bundle equals the calendar unbundled, every day 2020–2035', async () => {
    const { module: bundled, inputs } = await bundledModule<Calendar>('calendar', "export * from './shared/domain/calendar';");
    expect(inputs).toContain('infra/bundling/moment-timezone.cjs');
    const all = days();
    expect(all).toHaveLength(5844);
    const nonWorking = all.filter((d) => bundled.isNonWorkingDay(d));
    expect(nonWorking).toEqual(all.filter((d) => unbundled.isNonWorkingDay(d)));
    // Not a vacuous comparison: 16 years of weekends and the Swedish holidays that fall on weekdays.
    expect(nonWorking.length).toBeGreaterThan(16 * 104 + 16 * 5);
    // The appeal period of a notice posted on each day (nextWorkingDay within it).
    expect(all.map((d) => bundled.appealPeriod(d))).toEqual(all.map((d) => unbundled.appealPeriod(d)));
    // Some 12,000 holiday look-ups a side: on a loaded machine this takes well over the default minute.
  }, 300_000);
});

type Rules = typeof SWEDISH_HOLIDAYS;
type Holiday = { date: string; start: string; end: string; name: string; type: string; rule: string };
const YEARS = Array.from({ length: 2100 - 1990 + 1 }, (_, i) => 1990 + i);

/** The holidays of each year as the installed packages compute them: plain node, no alias (with `extraDays` added to Sweden's rules). */
async function holidaysUnaliased(extraDays: Record<string, unknown> = {}, years = YEARS): Promise<Holiday[][]> {
  const script = `
    import HolidaysParser from 'date-holidays-parser';
    import { SWEDISH_HOLIDAYS } from './shared/domain/holidays-se.ts';
    const rules = structuredClone(SWEDISH_HOLIDAYS);
    Object.assign(rules.holidays.SE.days, JSON.parse(process.argv[1]));
    const parser = new HolidaysParser(rules, 'SE');
    console.log(JSON.stringify(${JSON.stringify(years)}.map((y) => parser.getHolidays(y))));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, JSON.stringify(extraDays)], {
    cwd: PROJECT_ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Holiday[][];
}

function holidaysOf(Parser: typeof HolidaysParser, rules: Rules): Holiday[][] {
  const parser = new Parser(rules, 'SE');
  return JSON.parse(JSON.stringify(YEARS.map((y) => parser.getHolidays(y)))) as Holiday[][];
}

describe('calendars Sweden never uses, left out of the bundles: stand-ins that throw', () => {
  it("Sweden's holidays 1990–2100 through the stand-ins, bundled and in vitest, are the whole packages' holidays", async () => {
    const { module: bundled, inputs } = await bundledModule<{ HolidaysParser: typeof HolidaysParser }>(
      'holidays',
      "export { default as HolidaysParser } from 'date-holidays-parser';",
    );
    expect(inputs.filter((i) => /node_modules\/(astronomia|date-chinese|date-bengali-revised|jalaali-js)\//.test(i))).toEqual([]);
    expect(inputs).toContain('infra/bundling/calendars/astronomia.mjs');
    const whole = await holidaysUnaliased();
    // Not a vacuous comparison: 30 days a year, Midsummer Eve among them.
    expect(whole.flat().length).toBeGreaterThanOrEqual(YEARS.length * 30);
    expect(whole[2025 - 1990]!.find((h) => h.name === 'midsommarafton')?.date).toBe('2025-06-20 00:00:00');
    expect(holidaysOf(bundled.HolidaysParser, SWEDISH_HOLIDAYS)).toEqual(whole);
    expect(holidaysOf(HolidaysParser, SWEDISH_HOLIDAYS)).toEqual(whole);
  }, 300_000);

  it('a rule that needs a left-out calendar fails loudly through the stand-ins, where the whole packages compute it', async () => {
    for (const [rule, calendar] of [
      ['march equinox', 'astronomia'],
      ['julian 12-25', 'astronomia'],
      ['chinese 01-0-01', 'date-chinese'],
      ['bengali-revised 1-01', 'date-bengali-revised'],
      ['1 Farvardin', 'jalaali-js'],
    ] as const) {
      const extra = { [rule]: { name: { en: rule }, type: 'public' } };
      const [whole] = await holidaysUnaliased(extra, [2025]);
      expect(whole!.some((h) => h.rule === rule), rule).toBe(true);
      const rules = structuredClone(SWEDISH_HOLIDAYS);
      Object.assign(rules.holidays.SE.days, extra);
      expect(() => holidaysOf(HolidaysParser, rules), rule).toThrow(new RegExp(`^${calendar}( \\S+)? is left out of the Lambda bundles`));
    }
  }, 300_000);
});
