import { describe, it, expect } from 'vitest';
import { findDate, findTime, findTodayMention, isoDate, parseStampTime } from '../../../shared/minutes/dates';

describe('findDate', () => {
  const cases: [string, string][] = [
    ['den 14 februari 2025', '2025-02-14'],
    ['14 feb. 2025', '2025-02-14'],
    ['torsdagen den 1:a maj 2025', '2025-05-01'],
    ['2025-02-14', '2025-02-14'],
    ['2025-2-4', '2025-02-04'],
    ['14/2 2025', '2025-02-14'],
    ['14/2/2025', '2025-02-14'],
    ['14.2.2025', '2025-02-14'],
  ];
  for (const [text, iso] of cases) it(`reads ${text}`, () => expect(findDate(text)?.iso).toBe(iso));

  it('returns the first date when there are several', () => {
    expect(findDate('Mötet 2025-02-14, justering 2025-02-20')?.iso).toBe('2025-02-14');
  });

  it('returns the matched text so that it can be stripped', () => {
    expect(findDate('Nämnden den 14 februari 2025')?.match).toBe('den 14 februari 2025');
  });

  it('does not read a date without a year', () => {
    expect(findDate('den 4–5 juni')).toBeNull();
    expect(findDate('den 31 mars')).toBeNull();
  });

  it('rejects dates that do not exist', () => {
    expect(isoDate(2025, 2, 29)).toBeNull();
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(findDate('31/4 2025')).toBeNull();
  });
});

describe('findTime', () => {
  it('reads "Kl. 9-12" as a range with minutes', () => expect(findTime('Kl. 9-12', true)?.value).toBe('09:00-12:00'));
  it('reads "09.00–12.00"', () => expect(findTime('09.00–12.00', true)?.value).toBe('09:00-12:00'));
  it('reads "13.15" in a Tid field', () => expect(findTime('13.15', true)?.value).toBe('13:15'));
  it('reads "kl. 13.00 till 15.30"', () => expect(findTime('kl. 13.00 till 15.30', false)?.value).toBe('13:00-15:30'));
  it('needs "kl" outside a Tid field', () => expect(findTime('§ 1-7', false)).toBeNull());
  it('does not read a date range as a time', () => expect(findTime('13-14 mars', true)).toBeNull());
  it('does not read an ISO date as a time', () => expect(findTime('2025-02-14', true)).toBeNull());
});

describe('findTodayMention', () => {
  it('finds "Idag, den 10 april"', () => expect(findTodayMention('Idag, den 10 april, hålls ett möte.')).toBe('Idag, den 10 april'));
  it('ignores a date that is not "today"', () => expect(findTodayMention('Nästa möte den 13 maj.')).toBeNull());
});

describe('parseStampTime', () => {
  it('reads the Acrobat Sign form', () => expect(parseStampTime('Feb 18, 2025 05:54 GMT+1')).toBe('2025-02-18T05:54:00+01:00'));
  it('reads UTC', () => expect(parseStampTime('Feb 18, 2025 05:54 UTC')).toBe('2025-02-18T05:54:00Z'));
  it('reads CEST', () => expect(parseStampTime('18 juni 2025 05:54 CEST')).toBe('2025-06-18T05:54:00+02:00'));
  it('returns null without a zone', () => expect(parseStampTime('Feb 18, 2025 05:54')).toBeNull());
});
