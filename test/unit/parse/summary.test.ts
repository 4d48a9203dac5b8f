import { describe, it, expect } from 'vitest';
import { formatSummary } from '../../../shared/minutes/summary';
import type { ParsedMinutes } from '../../../shared/minutes/model';

const minutes: ParsedMinutes = {
  kind: 'protokoll',
  body: 'Samverkansnämnd Sjukvårdsregion Mellansverige',
  date: '2025-02-14',
  time: '09:00-12:00',
  place: 'Digitalt',
  attendees: [
    { name: 'Helena Proos', party: 'S', role: 'ordförande', organisation: 'Region Uppsala', paragraphs: null },
    { name: 'Patrik Stenvard', party: 'M', role: 'ledamot', organisation: 'Region Gävleborg', paragraphs: null },
    { name: 'Jonas Claesson', party: null, role: 'tjänsteperson', organisation: 'Region Örebro län', paragraphs: null },
  ],
  chair: 'Helena Proos',
  adjusters: ['Patrik Stenvard'],
  secretary: 'Eva-Lena Aspetorp',
  items: [
    { number: '§ 1', title: 'Sammanträdet öppnas', text: 'Ordförande öppnar mötet.', decisions: [] },
    { number: '§ 3', title: 'Val av justeringsperson', text: '', decisions: ['till att jämte ordförande justera protokoll väljs Patrik Stenvard.'], adjustedImmediately: true },
  ],
  signatures: [{ name: 'Helena Proos', place: 'Uppsala', date: '2025-02-19', time: '2025-02-19T18:56:00+01:00' }],
  warnings: ['Numreringen hoppar över § 2 (från § 1 till § 3).'],
  evidence: {},
};

describe('formatSummary', () => {
  const text = formatSummary(minutes);

  it('shows the meeting', () => {
    expect(text).toContain('protokoll');
    expect(text).toContain('Samverkansnämnd Sjukvårdsregion Mellansverige');
    expect(text).toContain('2025-02-14');
    expect(text).toContain('09:00-12:00');
    expect(text).toContain('Digitalt');
  });

  it('shows who chairs, adjusts and keeps the minutes, and how many attended', () => {
    expect(text).toMatch(/Ordförande \/ chair:\s+Helena Proos/);
    expect(text).toMatch(/Justerare \/ adjusters:\s+Patrik Stenvard/);
    expect(text).toMatch(/Sekreterare \/ secretary:\s+Eva-Lena Aspetorp/);
    expect(text).toMatch(/Närvarande \/ attendees:\s+3 \(2 beslutande \/ voting, 1 tjänstepersoner \/ officials\)/);
  });

  it('lists each item with its decisions', () => {
    expect(text).toContain('§ 1   Sammanträdet öppnas');
    expect(text).toContain('§ 3   Val av justeringsperson (omedelbart justerad / adjusted at once)');
    expect(text).toContain('– till att jämte ordförande justera protokoll väljs Patrik Stenvard.');
  });

  it('lists existing signatures and warnings', () => {
    expect(text).toContain('Helena Proos, Uppsala, 2025-02-19T18:56:00+01:00');
    expect(text).toContain('! Numreringen hoppar över § 2 (från § 1 till § 3).');
  });

  it('shows unknown values as a dash', () => {
    const empty = formatSummary({ ...minutes, body: null, date: null, adjusters: [], attendees: [], signatures: [], warnings: [] });
    expect(empty).toMatch(/Organ \/ body:\s+–/);
    expect(empty).toMatch(/Justerare \/ adjusters:\s+–/);
    expect(empty).not.toContain('Varningar');
  });
});
