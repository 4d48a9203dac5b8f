import { describe, it, expect } from 'vitest';
import { parseText } from './helpers';
import type { Attendee } from '../../../shared/minutes/model';
import type { TextLine } from '../../../shared/minutes/extract';
import { parseMinutes } from '../../../shared/minutes/parse';

/** Attendance read from an "Upprop" item. */
const upprop = (list: string) => parseText(`§ 1. Upprop\n${list}\n\n§ 2. Övrigt\nInga övriga frågor.`).attendees;
const person = (name: string, fields: Partial<Attendee> = {}): Attendee => ({ name, party: null, role: null, organisation: null, paragraphs: null, ...fields });

describe('people on a line', () => {
  it('reads several people with parties on one line', () => {
    expect(upprop('Sofia Jarl (C) Björn Ljungqvist (M)')).toEqual([
      person('Sofia Jarl', { party: 'C', role: 'ledamot' }),
      person('Björn Ljungqvist', { party: 'M', role: 'ledamot' }),
    ]);
  });

  it('splits columns at tabs', () => {
    expect(upprop('Patrik Stenvard (M) Lena Emanuelsson (SD)\tJan Lahenkorva (S) tj ers').map((a) => [a.name, a.role])).toEqual([
      ['Patrik Stenvard', 'ledamot'],
      ['Lena Emanuelsson', 'ledamot'],
      ['Jan Lahenkorva', 'tjänstgörande ersättare'],
    ]);
  });

  it('reads names of three words, hyphenated names and particles', () => {
    expect(upprop('Mikael Andersson Elfgrén (M) Björn-Owe Björk (KD) Johan von Knorring (S)').map((a) => a.name)).toEqual([
      'Mikael Andersson Elfgrén',
      'Björn-Owe Björk',
      'Johan von Knorring',
    ]);
  });

  it('reads a PDF line that wrapped in the middle of a name', () => {
    // The first line runs to the margin, so the break is a wrap, not the author's.
    const wrapped = 'Mikael Andersson Elfgrén (M) Ingvar Jonsson (SD) Kenneth Östberg (S)\tMalin Gabrielsson (KD) ers Lina';
    let y = 800;
    const line = (text: string, gap: number, size = 11): TextLine => ({ page: 1, text, x: 57, y: (y -= gap), width: text.length * 5.5, size, furniture: false });
    const m = parseMinutes([
      line('§ 1. Upprop', 0, 12.5),
      line(wrapped, 18.9),
      line('Eriksson (L) ers Barbro Larsson (C) ers', 12.6),
      line('§ 2. Övrigt', 34, 12.5),
      line('Inga övriga frågor togs upp och ordföranden tackade alla för ett givande möte.', 18.9),
    ]);
    expect(m.attendees.map((a) => [a.name, a.role])).toEqual([
      ['Mikael Andersson Elfgrén', 'ledamot'],
      ['Ingvar Jonsson', 'ledamot'],
      ['Kenneth Östberg', 'ledamot'],
      ['Malin Gabrielsson', 'ersättare'],
      ['Lina Eriksson', 'ersättare'],
      ['Barbro Larsson', 'ersättare'],
    ]);
  });

  it('reads one name per plain-text line without taking two lines for one name', () => {
    expect(upprop('Tjänstepersoner:\nAnna Berg\nPer Olsson').map((a) => a.name)).toEqual(['Anna Berg', 'Per Olsson']);
  });

  it('leaves out the member a substitute serves for', () => {
    expect(upprop('David Dahl (S), tjänstgörande ersättare för Erik Ek (S)\nCecilia Carlsson (C)').map((a) => [a.name, a.role])).toEqual([
      ['David Dahl', 'tjänstgörande ersättare'],
      ['Cecilia Carlsson', 'ledamot'],
    ]);
  });

  it('ignores the sentence that introduces the list', () => {
    expect(upprop('Vid upprop var följande närvarande:\n\nAnna Berg (S)')).toEqual([person('Anna Berg', { party: 'S', role: 'ledamot' })]);
  });
});

describe('roles', () => {
  const role = (line: string) => upprop(line).map((a) => a.role);

  it('"ers" is ersättare', () => expect(role('Helena Koch (M) ers')).toEqual(['ersättare']));
  it('"ersättare" is ersättare', () => expect(role('Helena Koch (M) ersättare')).toEqual(['ersättare']));
  it('"tj ers" is tjänstgörande ersättare', () => expect(role('Jan Lahenkorva (S) tj ers')).toEqual(['tjänstgörande ersättare']));
  it('"tjg ers" is tjänstgörande ersättare', () => expect(role('Jan Lahenkorva (S) tjg ers')).toEqual(['tjänstgörande ersättare']));
  it('"tjänstgörande ersättare" is tjänstgörande ersättare', () => expect(role('Jan Lahenkorva (S), tjänstgörande ersättare')).toEqual(['tjänstgörande ersättare']));
  it('"ordförande" is ordförande', () => expect(role('Helena Proos (S) ordförande')).toEqual(['ordförande']));
  it('"vice ordförande" is vice ordförande', () => expect(role('Anna Berg (M), vice ordförande')).toEqual(['vice ordförande']));
  it('"1:e vice ordförande" is vice ordförande', () => expect(role('Anna Berg (M), 1:e vice ordförande')).toEqual(['vice ordförande']));
  it('"(ordförande)" in parentheses is ordförande', () => expect(role('Anna Berg (M) (ordförande)')).toEqual(['ordförande']));
  it('"sekreterare" is sekreterare', () => expect(role('Eva-Lena Aspetorp, sekreterare')).toEqual(['sekreterare']));
  it('a listed member without a role is ledamot', () => expect(role('Sofia Jarl (C)')).toEqual(['ledamot']));

  it('the role word belongs to the person before it, not after', () => {
    expect(upprop('Vivianne Macdisi (S) ers Björn-Owe Björk (KD) tj ers').map((a) => [a.name, a.role])).toEqual([
      ['Vivianne Macdisi', 'ersättare'],
      ['Björn-Owe Björk', 'tjänstgörande ersättare'],
    ]);
  });

  it('a name without party in a "Närvarande" list has no role rather than a guessed one', () => {
    expect(upprop('Närvarande:\nAnna Berg\tPer Olsson').map((a) => a.role)).toEqual([null, null]);
  });

  it('"Beslutande" makes every listed person a ledamot, party or not', () => {
    expect(upprop('Beslutande: Anna Berg, Per Olsson').map((a) => [a.name, a.role])).toEqual([
      ['Anna Berg', 'ledamot'],
      ['Per Olsson', 'ledamot'],
    ]);
  });

  it('"Ersättare:" and "Tjänstgörande ersättare:" lists give their role', () => {
    const a = upprop('Ledamöter:\nAnna Berg (S)\n\nTjänstgörande ersättare:\nPer Olsson (M)\n\nErsättare:\nEva Lind (C)');
    expect(a.map((x) => [x.name, x.role])).toEqual([
      ['Anna Berg', 'ledamot'],
      ['Per Olsson', 'tjänstgörande ersättare'],
      ['Eva Lind', 'ersättare'],
    ]);
  });

  it('people under "Frånvarande" are not attendees', () => {
    expect(upprop('Anna Berg (S)\n\nFrånvarande:\nPer Olsson (M)').map((a) => a.name)).toEqual(['Anna Berg']);
  });
});

describe('parties and paragraph ranges', () => {
  it('keeps the party without parentheses', () => {
    expect(upprop('Ingvar Jonsson (SD)')[0]!.party).toBe('SD');
  });

  it('normalises "§1-6" to "§ 1-6"', () => {
    expect(upprop('Sebastian Karlberg (S) tj ers §1-6')[0]!.paragraphs).toBe('§ 1-6');
  });

  it('reads a range before the next name', () => {
    expect(upprop('Christoffer Öqvist (M) § 1-7 Lars Lundqvist (KD)').map((a) => [a.name, a.paragraphs])).toEqual([
      ['Christoffer Öqvist', '§ 1-7'],
      ['Lars Lundqvist', null],
    ]);
  });

  it('normalises a single paragraph "§7"', () => {
    expect(upprop('Emilie Orring (M) §7')[0]!.paragraphs).toBe('§ 7');
  });

  it('normalises "§1-6,8-13" to "§ 1-6, 8-13"', () => {
    expect(upprop('Björn-Owe Björk (KD) tj ers §1-6,8-13')[0]!.paragraphs).toBe('§ 1-6, 8-13');
  });

  it('reads "(S), §1-7" and "ers, §1-7" with commas', () => {
    expect(upprop('Åsa Johansson (S), §1-7 Sara Hallin (KD) ers, §1-7').map((a) => [a.name, a.role, a.paragraphs])).toEqual([
      ['Åsa Johansson', 'ledamot', '§ 1-7'],
      ['Sara Hallin', 'ersättare', '§ 1-7'],
    ]);
  });

  it('continues the previous line with a range on its own line', () => {
    expect(upprop('Björn-Owe Björk (KD) tj ers\n§1-6,8-13')[0]!.paragraphs).toBe('§ 1-6, 8-13');
  });

  it('continues the previous paragraph with a range set apart', () => {
    expect(upprop('Björn-Owe Björk (KD) tj ers\n\n§ 1–6')[0]!.paragraphs).toBe('§ 1-6');
  });

  it('normalises "§§ 1–3 och 5"', () => {
    expect(upprop('Anna Berg (S) §§ 1–3 och 5')[0]!.paragraphs).toBe('§ 1-3, 5');
  });
});

describe('organisations', () => {
  it('reads "För Region Dalarna:" as the organisation of the people after it', () => {
    const a = upprop('För Region Dalarna:\nSofia Jarl (C)\n\nFör Region Sörmland\nLars Lundqvist (KD)');
    expect(a.map((x) => [x.name, x.organisation])).toEqual([
      ['Sofia Jarl', 'Region Dalarna'],
      ['Lars Lundqvist', 'Region Sörmland'],
    ]);
  });

  it('reads organisations inline in a Tjänstepersoner list', () => {
    const a = upprop('Tjänstepersoner:\nRegion Dalarna: Karin Gunnars Hellgren och Åsa Dederling Region Örebro län: Jonas Claesson');
    expect(a).toEqual([
      person('Karin Gunnars Hellgren', { role: 'tjänsteperson', organisation: 'Region Dalarna' }),
      person('Åsa Dederling', { role: 'tjänsteperson', organisation: 'Region Dalarna' }),
      person('Jonas Claesson', { role: 'tjänsteperson', organisation: 'Region Örebro län' }),
    ]);
  });

  it('does not carry the last member organisation into the Tjänstepersoner list', () => {
    const a = upprop('För Region Gävleborg\nPatrik Stenvard (M)\n\nTjänstepersoner:\nMaria Linder');
    expect(a.at(-1)).toEqual(person('Maria Linder', { role: 'tjänsteperson' }));
  });

  it('reads "X kommun:" as an organisation', () => {
    expect(upprop('Tjänstepersoner:\nUppsala kommun: Anna Berg')[0]!.organisation).toBe('Uppsala kommun');
  });
});

describe('where attendance is read', () => {
  it('reads a labelled list in the header, before the first item', () => {
    const m = parseText('Kommunstyrelsen 2025-02-14\n\nBeslutande\tAnna Berg (S), ordförande\n\tPer Olsson (M)\n\nUtses att justera\tPer Olsson\n\n§ 1. Öppnande\nText.');
    expect(m.attendees.map((a) => [a.name, a.role])).toEqual([
      ['Anna Berg', 'ordförande'],
      ['Per Olsson', 'ledamot'],
    ]);
  });

  it('does not read people named in ordinary items', () => {
    const m = parseText('§ 1. Inera AB\nAndreas Svahn (S) och Patrik Sundström (M) beskriver samverkan.');
    expect(m.attendees).toEqual([]);
  });

  it('warns about a protokoll without attendance', () => {
    expect(parseText('§ 1. Öppnande\nText.').warnings).toContain('Närvarolista saknas.');
  });

  it('warns when the same person is listed twice, and keeps both', () => {
    const m = upprop('Tjänstepersoner:\nRegion Sörmland: Magnus Johansson och Magnus Johansson');
    expect(m).toHaveLength(2);
    const warnings = parseText('§ 1. Upprop\nTjänstepersoner:\nRegion Sörmland: Magnus Johansson och Magnus Johansson').warnings;
    expect(warnings).toContain('Magnus Johansson (Region Sörmland) står mer än en gång i närvarolistan.');
  });

  it('marks the chair of the meeting as ordförande in the list', () => {
    const m = parseText('§ 1. Upprop\nHelena Proos (S) Patrik Stenvard (M)\n\nJusteras\nHelena Proos\nPatrik Stenvard');
    expect(m.attendees.map((a) => [a.name, a.role])).toEqual([
      ['Helena Proos', 'ordförande'],
      ['Patrik Stenvard', 'ledamot'],
    ]);
  });
});

describe('a role before the name', () => {
  it('gives "Ordförande: Anna Berg (S)" at the start of a line to the person after it', () => {
    expect(upprop('Ordförande: Anna Berg (S)\nPer Olsson (M)').map((a) => [a.name, a.role])).toEqual([
      ['Anna Berg', 'ordförande'],
      ['Per Olsson', 'ledamot'],
    ]);
  });
});
