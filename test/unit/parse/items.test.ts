import { describe, it, expect } from 'vitest';
import { parseText } from './helpers';

const numbers = (text: string) => parseText(text).items.map((i) => i.number);
const titles = (text: string) => parseText(text).items.map((i) => i.title);

describe('protokoll numbering', () => {
  it('reads "§ 1." with a dot', () => {
    const m = parseText(`
      § 1. Mötets öppnande

      § 2. Val av justerare
    `);
    expect(m.kind).toBe('protokoll');
    expect(m.items.map((i) => [i.number, i.title])).toEqual([
      ['§ 1', 'Mötets öppnande'],
      ['§ 2', 'Val av justerare'],
    ]);
  });

  it('reads "§ 12" without a dot and "§12" without a space', () => {
    expect(numbers('§ 12 Budget\n\n§13 Övrigt')).toEqual(['§ 12', '§ 13']);
  });

  it('reads "12 §" with the sign after the number', () => {
    const m = parseText('12 § Budget 2026\n\n13 § Övrigt');
    expect(m.items.map((i) => [i.number, i.title])).toEqual([
      ['§ 12', 'Budget 2026'],
      ['§ 13', 'Övrigt'],
    ]);
  });

  it('reads "Paragraf 12"', () => {
    expect(numbers('Paragraf 12. Budget\n\nParagraf 13 Övrigt')).toEqual(['§ 12', '§ 13']);
  });

  it('allows numbering that continues through the year (§ 45)', () => {
    expect(numbers('§ 45 Budget\n\n§ 46 Övrigt')).toEqual(['§ 45', '§ 46']);
  });

  it('takes the title from the next line when the number stands alone', () => {
    expect(titles('§ 5\nBudget 2026\n\nText.')).toEqual(['Budget 2026']);
  });

  it('does not read a paragraph range in an attendance list as an item', () => {
    const m = parseText(`
      § 1. Upprop
      Anna Berg (S)
      § 1-7
      § 2. Övrigt
    `);
    expect(m.items.map((i) => i.number)).toEqual(['§ 1', '§ 2']);
  });

  it('does not read a reference in running text as an item', () => {
    expect(numbers('§ 1. Ärendet\n§ 2 i kommunallagen gäller.\n\n§ 2. Övrigt')).toEqual(['§ 1', '§ 2']);
  });

  it('prefers § items over numbered lines in the same document', () => {
    const m = parseText(`
      § 1. Budget
      1. Första punkten
      2. Andra punkten

      § 2. Övrigt
    `);
    expect(m.kind).toBe('protokoll');
    expect(m.items.map((i) => i.number)).toEqual(['§ 1', '§ 2']);
    expect(m.items[0]!.text).toBe('1. Första punkten 2. Andra punkten');
  });
});

describe('minnesanteckningar numbering', () => {
  it('reads "1." and "1)" and numbers them "1", "2"; minutes that do not call themselves notes are a protokoll', () => {
    const m = parseText('1. Inledning\n\n2) Ekonomi\n\n3. Övrigt');
    expect(m.kind).toBe('protokoll');
    expect(parseText('Minnesanteckningar\n\n1. Inledning\n\n2. Övrigt').kind).toBe('minnesanteckningar');
    expect(m.items.map((i) => [i.number, i.title])).toEqual([
      ['1', 'Inledning'],
      ['2', 'Ekonomi'],
      ['3', 'Övrigt'],
    ]);
  });

  it('does not take a year at a line start ("2025.") as an item', () => {
    const m = parseText(`
      1. Inledning
      Slutversionen publiceras senare under
      2025.

      2. Övrigt
    `);
    expect(m.items.map((i) => i.number)).toEqual(['1', '2']);
    expect(m.items[0]!.text).toBe('Slutversionen publiceras senare under 2025.');
  });

  it('does not take a list item ("- 3. …") or an out-of-order number as an item', () => {
    const m = parseText(`
      1. Inledning
      - 2. Inte en punkt
      5. Inte heller en punkt

      2. Ekonomi
    `);
    expect(m.items.map((i) => i.number)).toEqual(['1', '2']);
  });

  it('does not take numbered lines inside an item as items when the sequence does not fit', () => {
    const m = parseText(`
      1. Inledning

      2. Ekonomi
      Följande beslutades:
      1. Budgeten godkänns
      2. Prognosen noteras

      3. Övrigt
    `);
    expect(m.items.map((i) => i.number)).toEqual(['1', '2', '3']);
    expect(m.items[1]!.text).toBe('Följande beslutades:\n\n1. Budgeten godkänns 2. Prognosen noteras');
  });

  it('starts notes at 1: a lone "3." in a header is not an item', () => {
    expect(numbers('Minnesanteckningar\n3. Detta är ingen punkt\n\n1. Inledning\n\n2. Övrigt')).toEqual(['1', '2']);
  });

  it('does not take "2. att …" or a lower-case title as an item', () => {
    expect(numbers('1. Inledning\n2. att göra något\n\n2. Övrigt')).toEqual(['1', '2']);
  });

  it('allows one skipped number, with a warning', () => {
    const m = parseText('1. Inledning\n\n3. Övrigt');
    expect(m.items.map((i) => i.number)).toEqual(['1', '3']);
    expect(m.warnings).toContain('Numreringen hoppar över punkt 2 (från 1 till 3).');
  });

  it('warns about a skipped § in the same way', () => {
    expect(parseText('§ 1. A\n\n§ 3. B').warnings).toContain('Numreringen hoppar över § 2 (från § 1 till § 3).');
  });

  it('does not accept a gap of two numbers', () => {
    expect(numbers('1. Inledning\n\n4. Övrigt')).toEqual(['1']);
  });
});

describe('heading size', () => {
  it('takes only lines set larger as items when the document sets headings larger', () => {
    const m = parseText(`
      ## 1. Inledning
      Text.
      2. Detta är en numrerad rad i texten

      ## 2. Ekonomi
      Mer text.
    `);
    expect(m.items.map((i) => [i.number, i.title])).toEqual([
      ['1', 'Inledning'],
      ['2', 'Ekonomi'],
    ]);
    expect(m.items[0]!.text).toBe('Text. 2. Detta är en numrerad rad i texten');
  });

  it('joins a title wrapped onto a second heading line', () => {
    const m = parseText(`
      ## 1. Förslag på upplägg utifrån uppdrag att etablera
      ## sjukvårdsregional samverkansmodell
      Annica Öhrn informerar om det övergripande uppdraget att ta fram en samverkansmodell.

      ## 2. Övrigt
      Inga övriga frågor togs upp på mötet, och ordföranden tackade för visat intresse.
    `);
    expect(m.items[0]!.title).toBe('Förslag på upplägg utifrån uppdrag att etablera sjukvårdsregional samverkansmodell');
    expect(m.items[0]!.text).toBe('Annica Öhrn informerar om det övergripande uppdraget att ta fram en samverkansmodell.');
  });
});

describe('titles without sizes', () => {
  it('joins a wrapped title that continues in lower case', () => {
    const m = parseText(`
      1. Uppdaterad nationell cancerstrategi, status och arbete framåt
      i SÖSR med CCCN
      Martin Takac redogör.
    `);
    expect(m.items[0]!.title).toBe('Uppdaterad nationell cancerstrategi, status och arbete framåt i SÖSR med CCCN');
    expect(m.items[0]!.text).toBe('Martin Takac redogör.');
  });

  it('joins a title that ends on a word a title cannot end on', () => {
    expect(titles('1. Överenskommelsen 2025 och\nProcessmedel\nText.')).toEqual(['Överenskommelsen 2025 och Processmedel']);
  });

  it('keeps a capitalised line after the title as text', () => {
    const m = parseText('§ 5. Gemensamt finansierad verksamhet\nCentrum för sällsynta diagnoser');
    expect(m.items[0]!.title).toBe('Gemensamt finansierad verksamhet');
    expect(m.items[0]!.text).toBe('Centrum för sällsynta diagnoser');
  });

  it('drops a trailing full stop or colon from a title', () => {
    expect(titles('1. Övrigt.\n\n2. Nästa möte:')).toEqual(['Övrigt', 'Nästa möte']);
  });
});

describe('case numbers and out-of-sequence headings', () => {
  it('skips a case number on the line after a lone "§ 12"', () => {
    expect(titles('§ 12\nDnr KS 2025/12\nBudget 2026\n\nText.')).toEqual(['Budget 2026']);
  });

  it('warns about a § heading that breaks the sequence and reads it as text', () => {
    const m = parseText('§ 1. A\n\n§ 2. B\n\n§ 7. Fel nummer\n\n§ 3. C');
    expect(m.items.map((i) => i.number)).toEqual(['§ 1', '§ 2', '§ 3']);
    expect(m.warnings).toContain('Rubriken ”§ 7. Fel nummer” följer inte numreringen (efter § 2) och har lästs som text.');
  });

  it('warns about an item without a title', () => {
    expect(parseText('§ 1. A\n\n§ 2\n\n§ 3. C').warnings).toContain('§ 2 saknar rubrik.');
  });
});
