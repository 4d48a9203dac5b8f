// Every PDF rendering of the real seed minutes, parsed and compared with the
// JSON a careful reader would write for it (test/golden/expected/<name>.json).
// The expected files were written by reading the documents, not by saving the
// parser's output; where a rendering loses information (the .wrapped rendering
// has no paragraph spacing), the expected file says what that rendering shows.
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parsePdf } from '../../shared/minutes/index';
import type { ParsedMinutes } from '../../shared/minutes/model';

const fixtures = new URL('../../../shared/fixtures/', import.meta.url);
const expectedDir = new URL('./expected/', import.meta.url);
const pdfs = readdirSync(fixtures).filter((f) => f.endsWith('.pdf')).sort();

async function parse(name: string): Promise<ParsedMinutes> {
  const { minutes } = await parsePdf(new Uint8Array(readFileSync(new URL(name, fixtures))));
  // Compare as the JSON the CLI prints: optional fields that are absent stay absent. Where a
  // value was read (evidence) is the parser's account, not what the document says: checked below.
  const { evidence: _evidence, ...rest } = JSON.parse(JSON.stringify(minutes)) as ParsedMinutes;
  return rest as ParsedMinutes;
}

describe('golden: every fixture PDF', () => {
  it('finds the fixtures', () => {
    expect(pdfs.length).toBeGreaterThanOrEqual(4);
  });

  for (const pdf of pdfs) {
    const name = pdf.replace(/\.pdf$/, '');
    it(`${name} matches expected/${name}.json`, async () => {
      const file = new URL(`${name}.json`, expectedDir);
      expect(existsSync(file), `missing expected file test/golden/expected/${name}.json`).toBe(true);
      const expected = JSON.parse(readFileSync(file, 'utf8')) as ParsedMinutes;
      expect(await parse(pdf)).toEqual(expected);
    });
  }
});

describe('golden: what must hold whatever else changes', () => {
  for (const name of ['003-protokoll-draft.pdf', '003-protokoll-signed.pdf']) {
    it(`${name}: the protokoll of Samverkansnämnd Sjukvårdsregion Mellansverige`, async () => {
      const m = await parse(name);
      expect(m.kind).toBe('protokoll');
      expect(m.body).toBe('Samverkansnämnd Sjukvårdsregion Mellansverige');
      expect(m.date).toBe('2025-02-14');
      expect(m.time).toBe('09:00-12:00');
      expect(m.place).toBe('Digitalt');
      expect(m.items.map((i) => i.number)).toEqual(Array.from({ length: 13 }, (_, k) => `§ ${k + 1}`));
      expect(m.items.find((i) => i.number === '§ 8')!.decisions).toEqual([
        'att godkänna föreslagna budgetdirektiv för de gemensamt finansierade verksamheterna 2026',
        'att uppdra till ledningsgruppen att återkomma med budgetförslag 2026 för de gemensamt finansierade verksamheterna till nämndens sammanträde 4 juni 2025.',
      ]);
      expect(m.items.find((i) => i.number === '§ 3')!.decisions).toEqual(['till att jämte ordförande justera protokoll väljs Patrik Stenvard.']);
      expect(m.chair).toBe('Helena Proos');
      expect(m.adjusters).toEqual(['Patrik Stenvard']);
      expect(m.secretary).toBe('Eva-Lena Aspetorp');
      expect(m.attendees).toHaveLength(40);
      expect(m.attendees).toContainEqual({ name: 'Björn-Owe Björk', party: 'KD', role: 'tjänstgörande ersättare', organisation: 'Region Uppsala', paragraphs: '§ 1-6, 8-13' });
      expect(m.attendees).toContainEqual({ name: 'Johan von Knorring', party: null, role: 'tjänsteperson', organisation: 'Region Uppsala', paragraphs: null });
    });
  }

  it('003-protokoll-signed: the two e-sign stamps', async () => {
    const m = await parse('003-protokoll-signed.pdf');
    expect(m.signatures).toEqual([
      { name: 'Helena Proos', place: 'Uppsala', date: '2025-02-19', time: '2025-02-19T18:56:00+01:00' },
      { name: 'Patrik Stenvard', place: 'Gävle', date: '2025-02-18', time: '2025-02-18T05:54:00+01:00' },
    ]);
  });

  it('003-protokoll-draft: no signatures yet', async () => {
    expect((await parse('003-protokoll-draft.pdf')).signatures).toEqual([]);
  });

  for (const name of ['000-minnesanteckningar.pdf', '000-minnesanteckningar.wrapped.pdf']) {
    it(`${name}: the notes of Regionsjukvårdsledningen`, async () => {
      const m = await parse(name);
      expect(m.kind).toBe('minnesanteckningar');
      expect(m.items.map((i) => i.number)).toEqual(Array.from({ length: 15 }, (_, k) => String(k + 1)));
      expect(m.items.filter((i) => i.decisions.length > 0).map((i) => i.number)).toEqual(['4', '5', '8', '9', '10']);
      expect(m.chair).toBe('Magnus Persson');
      expect(m.secretary).toBe('Agnes Savetun');
      expect(m.body).toBeNull();
      expect(m.date).toBeNull();
      expect(m.warnings).toContain('Mötesdatum saknas i dokumentets huvud.');
      expect(m.warnings).toContain('Organets namn saknas i dokumentets huvud.');
    });
  }

  it('the two renderings of the notes agree on everything but paragraph breaks the wrapped one cannot show', async () => {
    const a = await parse('000-minnesanteckningar.pdf');
    const b = await parse('000-minnesanteckningar.wrapped.pdf');
    const flat = (m: ParsedMinutes) => ({ ...m, items: m.items.map((i) => ({ ...i, text: i.text.replace(/\n\n/g, ' ') })) });
    expect(flat(b)).toEqual(flat(a));
  });
});
