import { describe, it, expect } from 'vitest';
import { parseText } from './helpers';

const minutes = (header: string, items = '', closing = '') =>
  parseText(`${header}\n\n§ 1. Mötets öppnande\nMötet öppnas.\n\n${items}\n\n${closing}`);

describe('chair', () => {
  it('reads "Ordförande Magnus Persson inleder …"', () => {
    expect(parseText('1. Inledning\nOrdförande Magnus Persson inleder och hälsar välkomna till mötet.').chair).toBe('Magnus Persson');
  });

  it('does not take the next word of "Ordförande öppnar mötet" as a name', () => {
    const m = parseText('§ 1. Öppnande\nOrdförande öppnar mötet.');
    expect(m.chair).toBeNull();
    expect(m.warnings).toContain('Ordförande framgår inte av dokumentet.');
  });

  it('does not take "X, ordförande Ledningsgruppen" for the meeting chair', () => {
    expect(parseText('§ 1. Aktuellt\nÅsa Dederling, ordförande Ledningsgruppen, informerar.').chair).toBeNull();
  });

  it('reads "Ordförande: …" in the header', () => {
    expect(minutes('Kommunstyrelsen\nOrdförande: Anna Berg').chair).toBe('Anna Berg');
  });

  it('reads "Ordförande" with the name on the next line in the signature block', () => {
    expect(minutes('Kommunstyrelsen', '', 'Ordförande\nAnna Berg').chair).toBe('Anna Berg');
  });

  it('reads the ordförande of the attendance list', () => {
    expect(parseText('§ 1. Upprop\nAnna Berg (S) ordförande Per Olsson (M)').chair).toBe('Anna Berg');
  });

  it('takes the first name under "Justeras" when nothing else says', () => {
    const m = minutes('Kommunstyrelsen', '', 'Justeras\nHelena Proos\nPatrik Stenvard');
    expect(m.chair).toBe('Helena Proos');
    expect(m.adjusters).toEqual(['Patrik Stenvard']);
  });

  it('takes the name under "Justeras" that was not elected adjuster, whatever the order', () => {
    const m = minutes('Kommunstyrelsen', '§ 2. Val av justerare\nBeslut\natt utse Patrik Stenvard att justera protokollet.', 'Justeras\nPatrik Stenvard\nHelena Proos');
    expect(m.chair).toBe('Helena Proos');
    expect(m.adjusters).toEqual(['Patrik Stenvard']);
  });

  it('warns when sources disagree and keeps the stronger one', () => {
    const m = parseText('Kommunstyrelsen\nOrdförande: Anna Berg\n\n§ 1. Öppnande\nOrdförande Per Olsson öppnar mötet.');
    expect(m.chair).toBe('Anna Berg');
    expect(m.warnings).toContain('Olika uppgifter om ordförande: Anna Berg, Per Olsson; Anna Berg har valts.');
  });
});

describe('adjusters', () => {
  it('reads "… väljs Patrik Stenvard" in the Val av justeringsperson item', () => {
    const m = minutes('Kommunstyrelsen', '§ 2. Val av justeringsperson\nBeslut\ntill att jämte ordförande justera protokoll väljs Patrik Stenvard.');
    expect(m.adjusters).toEqual(['Patrik Stenvard']);
  });

  it('reads two adjusters elected together', () => {
    const m = minutes('Kommunstyrelsen', '§ 2. Val av justerare\nBeslut\natt utse Anna Berg (S) och Per Olsson (M) att justera protokollet.');
    expect(m.adjusters).toEqual(['Anna Berg', 'Per Olsson']);
  });

  it('reads the item text when the election has no decision heading', () => {
    const m = minutes('Kommunstyrelsen', '§ 2. Val av justerare\nPer Olsson utses att justera protokollet.');
    expect(m.adjusters).toEqual(['Per Olsson']);
  });

  it('reads "Justerare: …" in the header', () => {
    expect(minutes('Kommunstyrelsen\nJusterare: Per Olsson').adjusters).toEqual(['Per Olsson']);
  });

  it('reads "Utses att justera" with a tab', () => {
    expect(minutes('Kommunstyrelsen\nUtses att justera\tPer Olsson (M)').adjusters).toEqual(['Per Olsson']);
  });

  it('reads the names after the first under "Justeras"', () => {
    expect(minutes('Kommunstyrelsen', '', 'Justeras\nAnna Berg\nPer Olsson\nEva Lind').adjusters).toEqual(['Per Olsson', 'Eva Lind']);
  });

  it('reads names in tab-separated columns under "Justeras"', () => {
    const m = minutes('Kommunstyrelsen', '', 'Justeras\nAnna Berg\tPer Olsson');
    expect([m.chair, m.adjusters]).toEqual(['Anna Berg', ['Per Olsson']]);
  });

  it('warns about a name under "Justeras" that was not elected', () => {
    const m = minutes('Kommunstyrelsen', '§ 2. Val av justerare\nBeslut\natt utse Per Olsson att justera.', 'Justeras\nAnna Berg\nPer Olsson\nEva Lind');
    expect(m.adjusters).toEqual(['Per Olsson', 'Eva Lind']);
    expect(m.warnings).toContain('Eva Lind står under Justeras men valdes inte till justerare.');
  });

  it('warns about a protokoll without adjusters, but not about notes', () => {
    expect(parseText('§ 1. Öppnande\nText.').warnings).toContain('Justerare framgår inte av dokumentet.');
    expect(parseText('Minnesanteckningar\n1. Inledning\nText.').warnings).not.toContain('Justerare framgår inte av dokumentet.');
  });
});

describe('secretary', () => {
  it('reads the name after "Vid protokollet"', () => {
    expect(minutes('Kommunstyrelsen', '', 'Vid protokollet\n\nEva-Lena Aspetorp').secretary).toBe('Eva-Lena Aspetorp');
  });

  it('reads the name after "Vid anteckningarna"', () => {
    expect(parseText('1. Övrigt\nInga frågor.\n\nVid anteckningarna\nAgnes Savetun').secretary).toBe('Agnes Savetun');
  });

  it('reads "Sekreterare" with the name on the same line', () => {
    expect(minutes('Kommunstyrelsen', '', 'Sekreterare\tEva-Lena Aspetorp').secretary).toBe('Eva-Lena Aspetorp');
  });

  it('reads "Sekreterare: …" in the header', () => {
    expect(minutes('Kommunstyrelsen\nSekreterare: Eva-Lena Aspetorp').secretary).toBe('Eva-Lena Aspetorp');
  });

  it('reads the sekreterare of the attendance list', () => {
    expect(parseText('§ 1. Upprop\nAnna Berg (S)\n\nÖvriga närvarande:\nEva Lind, sekreterare').secretary).toBe('Eva Lind');
  });

  it('does not count the secretary among the adjusters', () => {
    const m = minutes('Kommunstyrelsen', '', 'Vid protokollet\nEva Lind\n\nJusteras\nAnna Berg\nPer Olsson');
    expect([m.secretary, m.chair, m.adjusters]).toEqual(['Eva Lind', 'Anna Berg', ['Per Olsson']]);
  });

  it('warns when missing', () => {
    expect(parseText('1. Inledning\nText.').warnings).toContain('Sekreterare framgår inte av dokumentet.');
  });
});

describe('adjusters with a substitute', () => {
  it('does not take the substitute adjuster for an adjuster', () => {
    const m = minutes('Kommunstyrelsen', '§ 2. Val av justerare\nBeslut\natt utse Bo Berg (M) med Anna Andersson (S) som ersättare att justera protokollet.');
    expect(m.adjusters).toEqual(['Bo Berg']);
  });
});
