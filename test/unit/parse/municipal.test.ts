// A municipal protokoll in the common template: a first page with labelled
// fields in two columns, the signature table at the top, case numbers after
// the paragraph sign, and decisions with lead-ins, proposals and reservations.
import { describe, it, expect } from 'vitest';
import { parse } from './helpers';

const text = [
  'SAMMANTRÄDESPROTOKOLL',
  'Kommunstyrelsen',
  'Sammanträdesdatum 2025-03-04',
  '',
  'Plats och tid\tKommunhuset, Sessionssalen, kl. 13.00–15.30',
  'Beslutande\tAnna Andersson (S), ordförande',
  '\tBo Berg (M), vice ordförande',
  '\tCecilia Carlsson (C)',
  '\tDavid Dahl (S), tjänstgörande ersättare för Erik Ek (S)',
  'Övriga närvarande\tFia Fors, kommundirektör',
  '\tGun Gran, sekreterare',
  'Utses att justera\tBo Berg (M)',
  'Justeringens plats och tid\tKommunhuset 2025-03-06',
  'Underskrifter\tSekreterare\tGun Gran\tParagrafer\t§ 12-15',
  '\tOrdförande\tAnna Andersson',
  '\tJusterande\tBo Berg',
  '',
  '§ 12 Dnr KS 2025/12',
  'Budget 2026',
  '',
  'Ärendebeskrivning',
  'Förvaltningen har tagit fram ett förslag till budget.',
  '',
  'Förslag till beslut',
  'att godkänna budgeten.',
  '',
  'Beslut',
  'Kommunstyrelsen föreslår kommunfullmäktige besluta',
  'att anta budgeten för 2026, samt',
  'att fastställa skattesatsen till 21,50 kronor.',
  '',
  'Reservation',
  'Moderaterna reserverar sig mot beslutet.',
  '',
  'Beslutet skickas till',
  'Ekonomienheten',
  '',
  '§ 13 Dnr KS 2025/20',
  'Delegationsbeslut',
  '',
  'Beslut',
  'Kommunstyrelsen beslutar',
  'att lägga redovisningen till handlingarna.',
  '',
  'Paragrafen förklaras omedelbart justerad.',
].join('\n');

describe('a municipal protokoll', () => {
  const m = parse(text);

  it('reads the header fields', () => {
    expect([m.kind, m.body, m.date, m.time, m.place]).toEqual(['protokoll', 'Kommunstyrelsen', '2025-03-04', '13:00-15:30', 'Kommunhuset, Sessionssalen']);
  });

  it('reads the attendance, without the replaced member and without the signature table', () => {
    expect(m.attendees.map((a) => [a.name, a.party, a.role])).toEqual([
      ['Anna Andersson', 'S', 'ordförande'],
      ['Bo Berg', 'M', 'vice ordförande'],
      ['Cecilia Carlsson', 'C', 'ledamot'],
      ['David Dahl', 'S', 'tjänstgörande ersättare'],
      ['Fia Fors', null, null],
      ['Gun Gran', null, 'sekreterare'],
    ]);
  });

  it('reads chair, adjuster and secretary from the signature table', () => {
    expect([m.chair, m.adjusters, m.secretary]).toEqual(['Anna Andersson', ['Bo Berg'], 'Gun Gran']);
  });

  it('takes the title from the line after the case number', () => {
    expect(m.items.map((i) => [i.number, i.title])).toEqual([
      ['§ 12', 'Budget 2026'],
      ['§ 13', 'Delegationsbeslut'],
    ]);
  });

  it('keeps proposal, reservation and distribution in the text and the clauses as decisions', () => {
    const [budget] = m.items;
    expect(budget!.decisions).toEqual(['att anta budgeten för 2026', 'att fastställa skattesatsen till 21,50 kronor.']);
    expect(budget!.text).toBe(
      'Ärendebeskrivning\n\nFörvaltningen har tagit fram ett förslag till budget.\n\nFörslag till beslut\n\natt godkänna budgeten.\n\nReservation\n\nModeraterna reserverar sig mot beslutet.\n\nBeslutet skickas till\n\nEkonomienheten',
    );
  });

  it('reads "Beslut" followed by a "Kommunstyrelsen beslutar" lead-in, and the immediate adjustment', () => {
    const delegation = m.items[1]!;
    expect(delegation.decisions).toEqual(['att lägga redovisningen till handlingarna.']);
    expect(delegation.adjustedImmediately).toBe(true);
    expect(delegation.text).toBe('Paragrafen förklaras omedelbart justerad.');
  });

  it('has nothing to warn about', () => {
    expect(m.warnings).toEqual([]);
  });
});
