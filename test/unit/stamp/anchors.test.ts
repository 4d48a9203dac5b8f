import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocument, type ExtractedDocument, type TextLine } from '../../../shared/minutes/extract';
import { findSignatureAnchors, normalizeName } from '../../../shared/stamp/anchors';
import { fixture } from './helpers';

/** A document from lines written as "page|y|text", x at 56.8, 11 pt, 6 pt per character. */
function doc(rows: string[]): ExtractedDocument {
  const lines: TextLine[] = rows.map((row) => {
    const [page, y, text] = row.split('|') as [string, string, string];
    return { page: Number(page), x: 56.8, y: Number(y), width: text.length * 6, size: 11, text, furniture: false };
  });
  const pageCount = Math.max(...lines.map((l) => l.page));
  const pages = Array.from({ length: pageCount }, (_, i) => ({
    number: i + 1,
    width: 595.3,
    height: 841.9,
    lines: lines.filter((l) => l.page === i + 1),
  }));
  return { pages, lines };
}

describe('findSignatureAnchors on the fixtures', () => {
  let protokoll: ExtractedDocument;
  let anteckningar: ExtractedDocument;
  beforeAll(async () => {
    protokoll = await extractDocument(await fixture('003-protokoll-draft.pdf'));
    anteckningar = await extractDocument(await fixture('000-minnesanteckningar.pdf'));
  });

  it('finds the chair at the end of page 3 and the adjuster alone on page 4', () => {
    const anchors = findSignatureAnchors(protokoll, ['Helena Proos', 'Patrik Stenvard']);
    expect(anchors.get('Helena Proos')).toMatchObject({ page: 3, x: expect.closeTo(56.8, 1), y: expect.closeTo(38.8, 1) });
    expect(anchors.get('Patrik Stenvard')).toMatchObject({ page: 4, y: expect.closeTo(803.3, 1) });
    // "väljs Patrik Stenvard" in § 3 (page 1) is a mention, not the signature line.
    expect(anchors.get('Patrik Stenvard')!.page).toBe(4);
  });

  it('finds the keeper of the notes under "Vid anteckningarna"', () => {
    const anchors = findSignatureAnchors(anteckningar, ['Agnes Savetun']);
    expect(anchors.get('Agnes Savetun')).toMatchObject({ page: 4, y: expect.closeTo(593.8, 1) });
  });

  it('prefers the printed name after an old e-sign stamp in an already signed file', async () => {
    const signed = await extractDocument(await fixture('003-protokoll-signed.pdf'));
    const anchors = findSignatureAnchors(signed, ['Helena Proos', 'Patrik Stenvard']);
    const helena = signed.lines.find((l) => l.text === 'Helena Proos' && l.page === anchors.get('Helena Proos')!.page);
    expect(helena).toBeDefined();
    expect(anchors.get('Helena Proos')!.y).toBeCloseTo(helena!.y, 3);
    expect(anchors.get('Patrik Stenvard')!.width).toBeLessThan(80); // the name alone, not the stamp line
  });

  it('leaves out names that are not printed in the block', () => {
    expect(findSignatureAnchors(protokoll, ['Eva Nilsson']).has('Eva Nilsson')).toBe(false);
  });
});

describe('findSignatureAnchors matching', () => {
  it('ignores case, diacritics and extra spaces', () => {
    expect(normalizeName('  ÅSA  Öhrn-Müller ')).toBe('asa ohrn-muller');
    const d = doc(['1|700|Justeras', '1|680|Åsa Öhrn', '1|660|Jörgen  Striem']);
    const anchors = findSignatureAnchors(d, ['asa ohrn', 'JÖRGEN STRIEM']);
    expect(anchors.get('asa ohrn')?.y).toBe(680);
    expect(anchors.get('JÖRGEN STRIEM')?.y).toBe(660);
  });

  it('takes the last standalone occurrence over one with an annotation', () => {
    const d = doc(['1|700|Justeras', '1|680|Helena Proos, ordförande', '1|640|Helena Proos', '1|600|Ort och datum']);
    expect(findSignatureAnchors(d, ['Helena Proos']).get('Helena Proos')?.y).toBe(640);
  });

  it('accepts a name with its role or party when it is not alone', () => {
    const d = doc(['1|700|Ordförande', '1|680|Helena Proos (M)']);
    expect(findSignatureAnchors(d, ['Helena Proos']).get('Helena Proos')).toMatchObject({ y: 680, width: 16 * 6 });
  });

  it('finds names in columns and estimates where each column starts', () => {
    const d = doc(['1|700|Ordförande\tJusterare', '1|680|Helena Proos\tPatrik Stenvard']);
    const anchors = findSignatureAnchors(d, ['Helena Proos', 'Patrik Stenvard']);
    expect(anchors.get('Helena Proos')!.x).toBeCloseTo(56.8, 1);
    expect(anchors.get('Patrik Stenvard')!.x).toBeGreaterThan(anchors.get('Helena Proos')!.x + anchors.get('Helena Proos')!.width);
  });

  it('does not take a sentence starting with "Ordförande" for a block heading', () => {
    const d = doc(['1|700|Ordförande Helena Proos hälsar alla välkomna till mötet och går igenom dagordningen.', '1|680|Helena Proos']);
    // No heading: only a name alone among the last lines of the last page counts.
    expect(findSignatureAnchors(d, ['Helena Proos']).get('Helena Proos')?.y).toBe(680);
    const prose = doc(['1|700|Ordförande Helena Proos hälsar alla välkomna till mötet och går igenom dagordningen.']);
    expect(findSignatureAnchors(prose, ['Helena Proos']).size).toBe(0);
  });

  it('does not use an attendance list early in a long document', () => {
    const rows = ['1|780|Ordförande', '1|760|Helena Proos'];
    for (const page of [2, 3])
      for (let i = 0; i < 40; i++) rows.push(`${page}|${780 - i * 15}|Punkt ${i + 1} behandlades och lades till handlingarna.`);
    expect(findSignatureAnchors(doc(rows), ['Helena Proos']).size).toBe(0);
  });
});
