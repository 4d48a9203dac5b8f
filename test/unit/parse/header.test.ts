import { describe, it, expect } from 'vitest';
import { parseText } from './helpers';

const header = (text: string) => parseText(`${text}\n\n§ 1. Mötets öppnande\nOrdförande öppnar mötet.`);

describe('body', () => {
  it('is the title without its date', () => {
    expect(header('Samverkansnämnd Sjukvårdsregion Mellansverige den 14 februari 2025').body).toBe('Samverkansnämnd Sjukvårdsregion Mellansverige');
  });

  it('drops a document type before the name', () => {
    expect(header('Protokoll Kommunstyrelsen 2025-02-14').body).toBe('Kommunstyrelsen');
    expect(header('Sammanträdesprotokoll för Socialnämnden').body).toBe('Socialnämnden');
    expect(header('Minnesanteckningar från Regionsjukvårdsledningen').body).toBe('Regionsjukvårdsledningen');
  });

  it('takes the next line when the title is only the document type', () => {
    expect(header('PROTOKOLL\n\nKommunstyrelsen\n\nDatum: 2025-02-14').body).toBe('Kommunstyrelsen');
  });

  it('reads an "Organ:" label', () => {
    expect(header('Sammanträdesprotokoll\nOrgan: Byggnadsnämnden').body).toBe('Byggnadsnämnden');
  });

  it('joins a title wrapped over two heading lines', () => {
    const m = parseText(`
      # Samverkansnämnd Sjukvårdsregion Mellansverige den 14 februari
      # 2025
      Tid: Kl. 9-12

      § 1. Mötets öppnande
      Ordförande öppnar mötet och hälsar alla välkomna. Dagordningen godkänns utan ändringar.
    `);
    expect(m.body).toBe('Samverkansnämnd Sjukvårdsregion Mellansverige');
    expect(m.date).toBe('2025-02-14');
  });

  it('is null with a warning when there is no header', () => {
    const m = parseText('1. Inledning\nText.');
    expect(m.body).toBeNull();
    expect(m.warnings).toContain('Organets namn saknas i dokumentets huvud.');
  });
});

describe('date', () => {
  const cases: [string, string][] = [
    ['Kommunstyrelsen den 14 februari 2025', '2025-02-14'],
    ['Kommunstyrelsen 14 februari 2025', '2025-02-14'],
    ['Kommunstyrelsen tisdagen den 4 mars 2025', '2025-03-04'],
    ['Kommunstyrelsen 2025-02-14', '2025-02-14'],
    ['Kommunstyrelsen 14/2 2025', '2025-02-14'],
    ['Kommunstyrelsen\nDatum: 2025-02-14', '2025-02-14'],
    ['Kommunstyrelsen\nDatum: den 3 juni 2025', '2025-06-03'],
    ['Kommunstyrelsen\nSammanträdesdatum 2025-02-14', '2025-02-14'],
    ['Kommunstyrelsen\nSammanträdesdatum\t14 februari 2025', '2025-02-14'],
    ['Kommunstyrelsen\nPlats och tid: Stadshuset 2025-02-14 kl. 13.00-16.00', '2025-02-14'],
  ];
  for (const [text, iso] of cases)
    it(`reads ${JSON.stringify(text)}`, () => {
      expect(header(text).date).toBe(iso);
    });

  it('rejects an impossible date', () => {
    expect(header('Kommunstyrelsen 2025-02-30').date).toBeNull();
  });

  it('does not take the adjustment date for the meeting date', () => {
    expect(header('Kommunstyrelsen\nJusteringens plats och tid: Stadshuset 2025-02-20').date).toBeNull();
  });

  it('never takes a date inside an item, but warns that the header has none', () => {
    const m = parseText('Kommunstyrelsen\n\n§ 1. Nästa möte\nNästa möte hålls den 4 juni 2025.');
    expect(m.date).toBeNull();
    expect(m.warnings).toContain('Mötesdatum saknas i dokumentets huvud.');
  });

  it('shows "Idag, den 10 april" in an item as a warning, not as the date', () => {
    const m = parseText('1. Inledning\nText.\n\n2. Uppdraget\nIdag, den 10 april, hålls ett andra möte.');
    expect(m.date).toBeNull();
    expect(m.warnings).toContain('Punkt 2 nämner ”Idag, den 10 april”; det kan vara mötesdagen, men datumet har inte gissats.');
  });
});

describe('time', () => {
  const cases: [string, string][] = [
    ['Tid: Kl. 9-12', '09:00-12:00'],
    ['Tid: 09.00–12.00', '09:00-12:00'],
    ['Tid: 13.15', '13:15'],
    ['Tid: kl 13:15-15:30', '13:15-15:30'],
    ['Tid\t09.00 - 11.30, ajournering 10.00-10.15', '09:00-11:30'],
    ['Plats och tid: Kommunhuset, kl. 13.00-16.00', '13:00-16:00'],
    ['2025-02-14 kl. 9–12', '09:00-12:00'],
  ];
  for (const [text, value] of cases)
    it(`reads ${JSON.stringify(text)}`, () => {
      expect(header(`Kommunstyrelsen\n${text}`).time).toBe(value);
    });

  it('does not take "13-14 mars" for a time', () => {
    expect(header('Kommunstyrelsen 13-14 mars').time).toBeNull();
  });

  it('is null with a warning when missing', () => {
    const m = header('Kommunstyrelsen 2025-02-14');
    expect(m.time).toBeNull();
    expect(m.warnings).toContain('Mötestid saknas i dokumentets huvud.');
  });
});

describe('place', () => {
  const cases: [string, string][] = [
    ['Plats: Digitalt', 'Digitalt'],
    ['Digitalt', 'Digitalt'],
    ['Plats: Stadshuset, sal A', 'Stadshuset, sal A'],
    ['Plats\tKommunhuset', 'Kommunhuset'],
    ['Plats och tid: Kommunhuset, kl. 13.00-16.00', 'Kommunhuset'],
    ['Plats och tid: Stadshuset 2025-02-14 kl. 13.00-16.00', 'Stadshuset'],
    ['Via Teams', 'Via Teams'],
  ];
  for (const [text, value] of cases)
    it(`reads ${JSON.stringify(text)}`, () => {
      expect(header(`Kommunstyrelsen\n\n${text}`).place).toBe(value);
    });

  it('is null with a warning when missing', () => {
    const m = header('Kommunstyrelsen 2025-02-14');
    expect(m.place).toBeNull();
    expect(m.warnings).toContain('Mötesplats saknas i dokumentets huvud.');
  });
});

describe('a full header', () => {
  it('reads the header of the seed protokoll', () => {
    const m = header('Samverkansnämnd Sjukvårdsregion Mellansverige den 14 februari 2025\n\nTid: Kl. 9-12\n\nPlats: Digitalt');
    expect([m.body, m.date, m.time, m.place]).toEqual(['Samverkansnämnd Sjukvårdsregion Mellansverige', '2025-02-14', '09:00-12:00', 'Digitalt']);
    expect(m.warnings.filter((w) => w.includes('huvud'))).toEqual([]);
  });
});
