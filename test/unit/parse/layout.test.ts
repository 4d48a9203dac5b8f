import { describe, it, expect } from 'vitest';
import type { ExtractedPage, TextLine } from '../../../shared/minutes/extract';
import { markFurniture } from '../../../shared/minutes/extract';
import { joinLines, layout } from '../../../shared/minutes/layout';
import { linesFromText, parseMinutes } from '../../../shared/minutes/parse';

/** Lines as a PDF would give them: y falls by `gap` before each line; widths from the text length. */
function pdfLines(rows: [text: string, gap: number, size?: number][]): TextLine[] {
  let y = 800;
  return rows.map(([text, gap, size = 11]) => {
    y -= gap;
    return { page: 1, text, x: 57, y, width: text.length * 5.5, size, furniture: false };
  });
}

const FULL = 'x'.repeat(88); // sets the right margin at 57 + 88 * 5.5

describe('paragraphs from positions', () => {
  it('starts a paragraph where the gap is wider than the line pitch', () => {
    const l = layout(pdfLines([
      ['Första raden i stycket som', 0],
      ['fortsätter här.', 12.6],
      ['Nytt stycke.', 18.6],
      [FULL, 12.6],
      [FULL, 12.6],
    ]));
    expect(l.lines.map((x) => x.para)).toEqual([true, false, true, false, false]);
  });

  it('starts a paragraph after a sentence that ends well before the margin when paragraphs are not spaced', () => {
    const l = layout(pdfLines([
      [FULL, 0],
      ['Region Jönköpings län.', 11.4],
      ['I samband med uppstart.', 11.4],
      [FULL, 11.4],
    ]));
    expect(l.lines.map((x) => x.para)).toEqual([true, false, true, false]);
  });

  it('keeps a full line that ends a sentence in the same paragraph', () => {
    const full = `${'x'.repeat(84)} slut.`;
    const l = layout(pdfLines([
      [full, 0],
      ['Nästa mening i samma stycke.', 11.4],
    ]));
    expect(l.lines.map((x) => x.para)).toEqual([true, false]);
  });

  it('marks headings set larger than the body text', () => {
    const l = layout(pdfLines([
      ['§ 1. Öppnande', 0, 12.5],
      [FULL, 18.9],
      [FULL, 12.6],
    ]));
    expect(l.sized).toBe(true);
    expect(l.lines.map((x) => x.heading)).toEqual([true, false, false]);
  });

  it('joins across a paragraph gap when the sentence resumes in lower case', () => {
    const l = layout(pdfLines([
      ['De 25 miljoner kronor är öronmärkta', 0],
      ['till aktiviteter för forskningen.', 18.6],
      [FULL, 12.6],
      [FULL, 18.6],
      [FULL, 12.6],
    ]));
    expect(l.lines[1]!.para).toBe(false);
  });

  it('treats plain-text lines as the author\u2019s: no paragraph without a blank line', () => {
    const l = layout(linesFromText('Första.\nAndra.\n\nTredje.'));
    expect(l.lines.map((x) => [x.para, x.hard])).toEqual([
      [true, true],
      [false, true],
      [true, true],
    ]);
  });
});

describe('joinLines', () => {
  it('joins with spaces and collapses tabs', () => expect(joinLines(['a\tb', 'c'])).toBe('a b c'));
  it('keeps a dash that stands apart', () => expect(joinLines(['2025 –', 'förändring'])).toBe('2025 – förändring'));
  it('keeps "kort-, medel- och"', () => expect(joinLines(['på kort-, medel-', 'och lång sikt'])).toBe('på kort-, medel- och lång sikt'));
  it('keeps the hyphen of "e-"', () => expect(joinLines(['via e-', 'post'])).toBe('via e-post'));
});

describe('linesFromText', () => {
  it('turns "# " into a larger heading and drops the mark', () => {
    const [h, t] = linesFromText('# Kommunstyrelsen\nText');
    expect([h!.text, h!.size > t!.size]).toEqual(['Kommunstyrelsen', true]);
  });

  it('keeps tabs inside a line', () => {
    expect(linesFromText('Plats\tKommunhuset')[0]!.text).toBe('Plats\tKommunhuset');
  });

  it('starts a new page at a form feed', () => {
    expect(linesFromText('a\n\fb').map((l) => l.page)).toEqual([1, 2]);
  });
});

describe('markFurniture', () => {
  const page = (number: number, lines: [string, number][]): ExtractedPage => ({
    number,
    width: 595,
    height: 842,
    lines: lines.map(([text, y]) => ({ page: number, text, x: 57, y, width: 100, size: 11, furniture: false })),
  });

  it('does not take a year wrapped onto its own line at the top of the first page for a page number', () => {
    const pages = [page(1, [['Nämnden den 14 februari', 786], ['2025', 768]]), page(2, [['Text', 700]])];
    markFurniture(pages);
    expect(pages[0]!.lines.map((l) => l.furniture)).toEqual([false, false]);
  });

  it('still marks a bare page number and a repeated footer', () => {
    const pages = [page(1, [['Text', 700], ['Justerandes signatur', 40], ['1', 30]]), page(2, [['Text', 700], ['Justerandes signatur', 40], ['2', 30]])];
    markFurniture(pages);
    expect(pages.flatMap((p) => p.lines.map((l) => l.furniture))).toEqual([false, true, true, false, true, true]);
  });
});

describe('parseMinutes on positioned lines', () => {
  it('reads a decision whose clauses are separated by paragraph gaps and wrapped inside', () => {
    const m = parseMinutes(pdfLines([
      ['§ 8. Budgetdirektiv 2026', 0, 12.5],
      ['Beslut', 18.9],
      ['att godkänna föreslagna budgetdirektiv för de gemensamt finansierade verksamheterna 2026, och', 18.6],
      ['att uppdra till ledningsgruppen att återkomma med budgetförslag 2026 för de gemensamt finansierade', 18.6],
      ['verksamheterna till nämndens sammanträde 4 juni 2025.', 12.6],
      ['§ 9. Övrigt', 34, 12.5],
      ['Inga övriga frågor togs upp och mötet avslutades i god ordning efter en kort diskussion.', 18.9],
    ]));
    expect(m.items[0]!.decisions).toEqual([
      'att godkänna föreslagna budgetdirektiv för de gemensamt finansierade verksamheterna 2026',
      'att uppdra till ledningsgruppen att återkomma med budgetförslag 2026 för de gemensamt finansierade verksamheterna till nämndens sammanträde 4 juni 2025.',
    ]);
  });

  it('does not start a clause at a wrapped line that happens to begin with "att"', () => {
    const m = parseMinutes(pdfLines([
      ['§ 1. Uppdrag', 0, 12.5],
      ['Beslut', 18.9],
      [`att ge förvaltningen i uppdrag ${'x'.repeat(70)}`, 18.6],
      ['att återkomma till nämnden i maj.', 12.6],
      ['§ 2. Övrigt', 34, 12.5],
      [FULL, 18.9],
      [FULL, 12.6],
    ]));
    expect(m.items[0]!.decisions).toEqual([`att ge förvaltningen i uppdrag ${'x'.repeat(70)} att återkomma till nämnden i maj.`]);
  });
});
