import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appealPeriod, endOfDay, formatStockholm, isNonWorkingDay, nextWorkingDay, stockholmDate } from '../../../shared/domain/calendar';

describe('the appeal period (three weeks, then the next working day)', () => {
  it.each([
    ['an ordinary Wednesday', '2025-02-19', '2025-03-12'],
    ['ends on a Saturday → Monday', '2025-02-22', '2025-03-17'],
    ['ends on a Sunday → Monday', '2025-02-23', '2025-03-17'],
    ['ends on Good Friday → the Tuesday after Easter Monday', '2025-03-28', '2025-04-22'],
    ['ends on Easter Monday → Tuesday', '2025-03-31', '2025-04-22'],
    ['ends on Midsummer Eve → the Monday after Midsummer', '2025-05-30', '2025-06-23'],
    ['ends on Christmas Eve → 27 December', '2024-12-03', '2024-12-27'],
    ['ends on Christmas Day → 27 December', '2025-12-04', '2025-12-29'],
    ["ends on New Year's Eve → 2 January", '2025-12-10', '2026-01-02'],
    ["ends on New Year's Day → 2 January", '2025-12-11', '2026-01-02'],
    ['ends on National Day', '2025-05-16', '2025-06-09'],
  ])('%s', (_, posted, last) => {
    const period = appealPeriod(posted);
    expect(period.appealEndsOn).toBe(last);
    expect(period.takeDownOn > period.appealEndsOn).toBe(true);
  });

  it('knows the days the law treats as holidays', () => {
    for (const d of ['2025-04-18', '2025-04-21', '2025-06-06', '2025-06-20', '2025-12-24', '2025-12-25', '2025-12-26', '2025-12-31', '2026-01-01', '2026-01-06', '2025-05-01', '2025-05-29'])
      expect(isNonWorkingDay(d), d).toBe(true);
    for (const d of ['2025-04-17', '2025-04-30', '2025-06-19', '2025-12-23', '2025-11-06']) expect(isNonWorkingDay(d), d).toBe(false);
    expect(nextWorkingDay('2025-06-20')).toBe('2025-06-23');
  });
});

describe('Stockholm time', () => {
  it('formats with CET in winter and CEST in summer', () => {
    expect(formatStockholm('2025-02-19T17:56:00Z')).toBe('2025-02-19 18:56 CET');
    expect(formatStockholm('2025-06-19T17:56:00Z')).toBe('2025-06-19 19:56 CEST');
  });

  it('knows the local date and the end of a local day', () => {
    expect(stockholmDate(new Date('2025-02-18T23:30:00Z'))).toBe('2025-02-19');
    expect(endOfDay('2025-02-28').toISOString()).toBe('2025-02-28T22:59:59.999Z');
    expect(endOfDay('2025-06-30').toISOString()).toBe('2025-06-30T21:59:59.999Z');
  });
});

describe("Sweden's holiday rules", () => {
  it('are the installed date-holidays data for Sweden (run scripts/holidays-se.mjs after an upgrade)', async () => {
    // @ts-expect-error -- a plain .mjs script without types
    const { moduleText } = (await import('../../../scripts/holidays-se.mjs')) as { moduleText: () => string };
    const committed = readFileSync(new URL('../../../shared/domain/holidays-se.ts', import.meta.url), 'utf8');
    expect(committed).toBe(moduleText());
  });
});
