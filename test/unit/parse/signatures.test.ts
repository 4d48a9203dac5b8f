import { describe, it, expect } from 'vitest';
import { parseText } from './helpers';
import { parsePlaceDate, parseStamp } from '../../../shared/minutes/signatures';

const signed = (closing: string) => parseText(`§ 1. Avslutning\nOrdförande avslutar mötet.\n\n${closing}`);

describe('e-sign stamps', () => {
  it('reads name and time with offset', () => {
    expect(parseStamp('Helena Proos (Feb 19, 2025 18:56 GMT+1)')).toEqual({ name: 'Helena Proos', date: '2025-02-19', time: '2025-02-19T18:56:00+01:00' });
  });

  it('reads a summer-time offset and a two-digit offset', () => {
    expect(parseStamp('Anna Berg (Jun 3, 2025 09:05 GMT+2)')!.time).toBe('2025-06-03T09:05:00+02:00');
    expect(parseStamp('Anna Berg (Jun 3, 2025 09:05 GMT+02:00)')!.time).toBe('2025-06-03T09:05:00+02:00');
  });

  it('reads a Swedish stamp with a zone name', () => {
    expect(parseStamp('Anna Berg (19 feb. 2025 18:56 CET)')!.time).toBe('2025-02-19T18:56:00+01:00');
  });

  it('keeps the date but no time when the stamp has no zone', () => {
    expect(parseStamp('Anna Berg (Feb 19, 2025 18:56)')).toEqual({ name: 'Anna Berg', date: '2025-02-19', time: null });
  });

  it('does not read a person with a party as a stamp', () => {
    expect(parseStamp('Anna Berg (S)')).toBeNull();
  });
});

describe('place and date lines', () => {
  it('reads "Uppsala 19/02/25 2025"', () => {
    expect(parsePlaceDate('Uppsala 19/02/25 2025')).toEqual({ place: 'Uppsala', date: '2025-02-19' });
  });

  it('reads "Gävle, 2025-02-18" and "Stockholm den 18 februari 2025"', () => {
    expect(parsePlaceDate('Gävle, 2025-02-18')).toEqual({ place: 'Gävle', date: '2025-02-18' });
    expect(parsePlaceDate('Stockholm den 18 februari 2025')).toEqual({ place: 'Stockholm', date: '2025-02-18' });
  });

  it('rejects a short year that disagrees with the full one', () => {
    expect(parsePlaceDate('Uppsala 19/02/24 2025')).toBeNull();
  });

  it('rejects a name and a placeholder', () => {
    expect(parsePlaceDate('Helena Proos')).toBeNull();
    expect(parsePlaceDate('Ort och datum')).toBeNull();
  });
});

describe('signatures in the minutes', () => {
  it('combines the place line and the stamp that follow each other, one entry per signer', () => {
    const m = signed(`
Vid protokollet
Eva-Lena Aspetorp

Justeras
Uppsala 19/02/25 2025
Helena Proos (Feb 19, 2025 18:56 GMT+1)
Helena Proos
Gävle 18/02/25 2025
Patrik Stenvard (Feb 18, 2025 05:54 GMT+1)
Patrik Stenvard`);
    expect(m.signatures).toEqual([
      { name: 'Helena Proos', place: 'Uppsala', date: '2025-02-19', time: '2025-02-19T18:56:00+01:00' },
      { name: 'Patrik Stenvard', place: 'Gävle', date: '2025-02-18', time: '2025-02-18T05:54:00+01:00' },
    ]);
    expect([m.chair, m.adjusters, m.secretary]).toEqual(['Helena Proos', ['Patrik Stenvard'], 'Eva-Lena Aspetorp']);
  });

  it('records a stamp without a place line with the stamp date', () => {
    expect(signed('Justeras\nHelena Proos (Feb 19, 2025 18:56 GMT+1)\nHelena Proos').signatures).toEqual([
      { name: 'Helena Proos', place: null, date: '2025-02-19', time: '2025-02-19T18:56:00+01:00' },
    ]);
  });

  it('records a filled-in place and date before a name as a signature without time', () => {
    expect(signed('Justeras\nUppsala 2025-02-19\nHelena Proos\nPatrik Stenvard').signatures).toEqual([
      { name: 'Helena Proos', place: 'Uppsala', date: '2025-02-19', time: null },
    ]);
  });

  it('has no signatures when the names stand alone (a draft)', () => {
    expect(signed('Justeras\nHelena Proos\nPatrik Stenvard').signatures).toEqual([]);
  });
});
