// The ways real minutes write items, decisions, people and headers, beyond the two seeds:
// one case per form, written as the corpus of real minutes writes it.
import { describe, it, expect } from 'vitest';
import { parseText } from './helpers';

describe('items in every numbered form', () => {
  it('reads what OCR makes of the paragraph sign: "$ 1.", "& 2.", "8 3."', () => {
    const m = parseText('$ 1. Öppnande\nText.\n\n& 2. Val av justerare\nText.\n\n8 3. Avslutning\nText.');
    expect(m.items.map((i) => [i.number, i.title])).toEqual([
      ['§ 1', 'Öppnande'],
      ['§ 2', 'Val av justerare'],
      ['§ 3', 'Avslutning'],
    ]);
  });

  it('reads an organ prefix ("Ks 12") and a table column rule ("1. | Titel")', () => {
    expect(parseText('Ks 12 Budget\nText.\n\nKs 13 Taxor\nText.').items.map((i) => i.number)).toEqual(['§ 12', '§ 13']);
    expect(parseText('1. | Val av justerare\nText.\n\n2. | Ekonomi\nText.').items.map((i) => i.title)).toEqual(['Val av justerare', 'Ekonomi']);
  });

  it('reads sub-items "6.1" under their item', () => {
    const m = parseText('1. Ekonomi\nText.\n\n2. Övrigt\nText.\n\n2.1 Städdag\nText.\n\n2.2 Nycklar\nText.\n\n3. Avslutning\nText.');
    expect(m.items.map((i) => i.number)).toEqual(['1', '2', '2.1', '2.2', '3']);
  });

  it('does not take a table of contents for the items', () => {
    const m = parseText('Innehåll\n§ 1 Öppnande\t3\n§ 2 Budget\t4\n\n§ 1\nÖppnande\nMötet öppnas.\n\n§ 2\nBudget\nBudgeten godkänns.');
    expect(m.items.map((i) => [i.number, i.title, i.text])).toEqual([
      ['§ 1', 'Öppnande', 'Mötet öppnas.'],
      ['§ 2', 'Budget', 'Budgeten godkänns.'],
    ]);
  });

  it('keeps a heading and what was said on the same line apart', () => {
    const m = parseText('§ 1 Mötets öppnande 17:54\nText.\n\n§ 2 Val av justerare: Anna Berg valdes.\n\n§ 3 Avslutning\nText.');
    expect(m.items.map((i) => i.title)).toEqual(['Mötets öppnande', 'Val av justerare', 'Avslutning']);
    expect(m.adjusters).toEqual(['Anna Berg']);
  });

  it('yields the header of minutes without a numbered item', () => {
    const m = parseText('Protokoll fört vid Stackens vårmöte 2023, torsdagen den 23:e februari klockan 19.30 i Q21.\n\nVal av mötesordförande\nMarcus Dicander valdes till mötesordförande.');
    expect(m.items).toEqual([]);
    expect([m.body, m.date, m.place, m.chair]).toEqual(['Stackens vårmöte', '2023-02-23', 'Q21', 'Marcus Dicander']);
  });
});

describe('decisions in sentences', () => {
  it('takes sentences in which the meeting decides, whole', () => {
    const m = parseText('§ 1. Budget\nBudgeten presenteras. Årsmötet beslutade att godkänna budgeten.\n\n§ 2. Avgift\nBeslutades att avgiften är 200 kr.');
    expect(m.items.map((i) => i.decisions)).toEqual([['Årsmötet beslutade att godkänna budgeten.'], ['Beslutades att avgiften är 200 kr.']]);
  });

  it('takes "Beslut att …" in running text as what follows the word, and "Vi beslutar att …" whole; "Beslut om att …" is the noun', () => {
    const m = parseText(
      '1. Ekonomi\nInget nytt. Björn kollar med banken. Beslut att flytta 500000 kr till fasträntekontot. Erik\n\n2. Underhåll\nVi har fått ett pris. Vi beslutar att Trädgårdsteamet åtgärdar bänkarna.\n\n3. Övrigt\nBeslut om att utöka Dropbox under 1 år.',
    );
    expect(m.items.map((i) => i.decisions)).toEqual([['att flytta 500000 kr till fasträntekontot.'], ['Vi beslutar att Trädgårdsteamet åtgärdar bänkarna.'], []]);
  });

  it('reads a numbered list under a decision label, one decision a line', () => {
    const m = parseText('§ 2 Budget 2025\nKommunfullmäktiges beslut\n1. Budgeten fastställs.\n2. Skattesatsen är 21,50 kr.\nBeslutsunderlag\nTjänsteskrivelse.');
    expect(m.items[0]!.decisions).toEqual(['Budgeten fastställs.', 'Skattesatsen är 21,50 kr.']);
  });

  it('does not take reports, proposals or the noun', () => {
    const m = parseText('§ 1. Info\nI januari beslöt styrelsen att byta bank. Styrelsen föreslår att årsmötet beslutar om ny avgift. Beslut om medlemsavgift bordläggs.');
    expect(m.items[0]!.decisions).toEqual([]);
  });

  it('reads an organ\'s decision label and ends a bulleted decision with its list', () => {
    const m = parseText('§ 4. Taxor\nText.\n\nSocialnämndens beslut\n• Taxan fastställs.\n• Taxan gäller från 1 mars.\n\nBeslutet expedieras till ekonomienheten.');
    expect(m.items[0]!.decisions).toEqual(['Taxan fastställs.', 'Taxan gäller från 1 mars.']);
  });
});

describe('who chairs, keeps the minutes and adjusts', () => {
  it('reads elections in their many forms', () => {
    const m = parseText(`
      § 1 Val av ordförande
      Till ordförande för stämman väljs Tomas Merio.

      § 2 Val av protokollförare
      Tomas Merio anmäler Marcus Holmgren att för dagen föra protokoll.

      § 3 Val av justerare
      Mötet väljer Kim Lindberger och Erik Welander till justeringspersoner tillika rösträknare.
    `);
    expect([m.chair, m.secretary, m.adjusters]).toEqual(['Tomas Merio', 'Marcus Holmgren', ['Kim Lindberger', 'Erik Welander']]);
    expect(m.evidence.chair).toMatchObject({ item: '§ 1', rule: 'election', line: 'Till ordförande för stämman väljs Tomas Merio.' });
  });

  it('reads "Protokollet justeras av ordföranden och …" and "Mötet valde … att justera protokollet"', () => {
    expect(parseText('§ 1 Justering\nProtokollet justeras av ordföranden och Anna Berg.\n\n§ 2 Övrigt\nText.').adjusters).toEqual(['Anna Berg']);
    expect(parseText('§ 1 Val av justerare\nMötet valde Bo Ek och Li Sund att justera protokollet.\n\n§ 2 Övrigt\nText.').adjusters).toEqual(['Bo Ek', 'Li Sund']);
  });

  it('reads a role sub-heading and first names in labelled lines', () => {
    const m = parseText(`
      1. Mötets öppnande
      2. Val av mötesfunktionärer
      mötesordförande: Markus
      mötessekreterare: Johan
      justeringsperson: Filip
      3. Avslutning
    `);
    expect([m.chair, m.secretary, m.adjusters]).toEqual(['Markus', 'Johan', ['Filip']]);
  });

  it('does not take a chair elected for a term for the meeting\'s chair', () => {
    const m = parseText('§ 1. Val av mötesordförande\nMötet väljer Christoffer Sjöbergsson.\n\n§ 2. Personval\nMötet beslutar att välja Frans Skarman till ordförande 18/19.');
    expect(m.chair).toBe('Christoffer Sjöbergsson');
  });

  it('reads the signature block column by column', () => {
    const m = parseText('1. Val av justerare\nEmil väljs till justerare.\n\n2. Avslutning\nText.\n\nVid protokollet\tJusteras\nIngrid Kristensen\tEmil Stigsson\n\nOrdförande\nBjörn Goffeng');
    expect([m.chair, m.secretary, m.adjusters]).toEqual(['Björn Goffeng', 'Ingrid Kristensen', ['Emil']]);
  });

  it('matches a scan\'s noisy name under an OCR\'d "Ordforande" to the one attendee it spells', () => {
    const closing = 'Vid protokollet\tJusteras\nIngrid Kristensen\tEmil Stigsson\n\nOrdforande\npeer ttt\nras\ti Få Poet\nBjortyGoffeng,C';
    const people = 'Närvarande: Björn Goffeng, Ingrid Kristensen, Emil Stigsson, Dick Hammer';
    const m = parseText(`Styrelsemöte\n${people}\n\n1. Val av justerare\nEmil väljs till justerare.\n\n2. Avslutning\nText.\n\n${closing}`);
    expect([m.chair, m.secretary, m.adjusters]).toEqual(['Björn Goffeng', 'Ingrid Kristensen', ['Emil']]);
    // Without items the whole text is header, where a label reaches only a few lines down.
    expect(parseText(`Styrelsemöte\n${people}\n\n${closing}`).chair).toBe('Björn Goffeng');
  });

  it('reads the names under column labels past a line of a scan\'s signature marks', () => {
    const m = parseText('1. Val av justerare\nEmil väljs till justerare.\n\n2. Avslutning\nText.\n\nVid protokollet\tJusteras\nlh ord hae\tfe Be\nIngrid Kristensen\tEmil Stigsson');
    expect([m.secretary, m.adjusters]).toEqual(['Ingrid Kristensen', ['Emil']]);
  });

  it('reads OCR\'d labels without diacritics ("Protokollforare", "Motesordforande")', () => {
    const m = parseText('1. Val av justerare\nEmil väljs till justerare.\n\n2. Avslutning\nText.\n\nProtokollforare\nIngrid Kristensen\n\nMotesordforande\nBjörn Goffeng');
    expect([m.chair, m.secretary]).toEqual(['Björn Goffeng', 'Ingrid Kristensen']);
  });

  it('takes no one for a noisy name line that two people of the minutes spell equally, or none', () => {
    const closing = (line: string) => `1. Val av justerare\nEmil väljs till justerare.\n\n2. Avslutning\nText.\n\nOrdforande\n${line}`;
    expect(parseText(`Närvarande: Anna Lindgren, Anna Lindberg, Emil Stigsson\n\n${closing('AnnaLindgrxn;')}`).chair).toBe('Anna Lindgren');
    expect(parseText(`Närvarande: Anna Lindgren, Anna Lindgran, Emil Stigsson\n\n${closing('AnnaLindgrxn;')}`).chair).toBeNull();
    expect(parseText(`Närvarande: Anna Lindgren, Emil Stigsson\n\n${closing('ras i Få Poet')}`).chair).toBeNull();
  });

  it('reads the municipal form whose labels and values came apart', () => {
    const m = parseText(`
      Barn- och utbildningsnämnden
      Plats och tid\tHenrik Larsen (M)
      Beslutande\tHelene Hellström (M)
      Utses att justera\tBengt Andersson (SD)
      Underskrifter\tCecilia Näslund (M)
      Sekreterare\tMartin Karlsson (S)
      Ordförande\tRoger Antonijev (S)
      Justerande\tNancy Karkouh (C)
      Paragrafer 131–146
      Antonia Gustafsson
      Anna Carlsson (S)
      Cecilia Hjort Attefall (KD)

      § 131 Informationsärenden
      Text.
    `);
    expect([m.chair, m.secretary, m.adjusters]).toEqual(['Anna Carlsson', 'Antonia Gustafsson', ['Cecilia Hjort Attefall']]);
  });
});

describe('whole first pages as municipalities and associations write them', () => {
  it('reads the municipal form with signature lines and names under them', () => {
    const m = parseText(
      'Kommunstyrelsen\tSAMMANTRÄDESPROTOKOLL\nSammanträdesdatum 2023-05-10\nPlats och tid\tKommunhuset, kl. 13.00–16.30\nBeslutande\tAnna Andersson (S), ordförande\n\tBo Berg (M)\nUtses att justera\tBo Berg (M)\nUnderskrifter\tSekreterare ..........\tParagrafer §§ 45-60\nEva Ek\n\n§ 45 Budget\nText.\n\n§ 46 Taxor\nText.',
    );
    expect([m.body, m.date, m.place, m.chair, m.secretary, m.adjusters]).toEqual(['Kommunstyrelsen', '2023-05-10', 'Kommunhuset', 'Anna Andersson', 'Eva Ek', ['Bo Berg']]);
  });

  it('reads an association\'s roles in parentheses and a list under "Justeras:"', () => {
    const m = parseText(
      'Protokoll fört vid styrelsemöte i Föreningen Eken 2023-03-01\nNärvarande: Anna Andersson (ordf.), Bo Berg (sekr), Cecilia Ceder\n\n§1 Mötets öppnande\nText.\n\n§2 Val av justerare\nStyrelsen valde Cecilia Ceder.\n\nJusteras: Anna Andersson, Cecilia Ceder',
    );
    expect([m.date, m.chair, m.secretary, m.adjusters]).toEqual(['2023-03-01', 'Anna Andersson', 'Bo Berg', ['Cecilia Ceder']]);
  });
});

describe('the header', () => {
  it('reads compact and English dates in a title', () => {
    expect(parseText('LiTHe Kod 20141114\n\n1. Öppnande\nText.').date).toBe('2014-11-14');
    expect(parseText('Styrelsemöte\n8 October 2020\n\n1. Öppnande\nText.').date).toBe('2020-10-08');
  });

  it('takes a body only where the minutes name one', () => {
    expect(parseText('LiTHe Kod 2013 10 09\n\n1. Öppnande\nText.').body).toBeNull();
    expect(parseText('Stenålderns samfällighet\nPROTOKOLL\nStyrelsemöte nr 3\n\n1. Öppnande\nText.').body).toBeNull();
    expect(parseText('PROTOKOLL ORDINARIE FÖRENINGSSTÄMMA 2024\n\n1. Öppnande\nText.').body).toBe('Ordinarie föreningsstämma');
    expect(parseText('Protokoll fört vid extra föreningsstämma med HSB:s Bostadsrättsförening Imatra i Akalla den 20 september 2022 i Folkets Husby\n\n§ 1. Öppnande\nText.')).toMatchObject({
      body: 'extra föreningsstämma med HSB:s Bostadsrättsförening Imatra i Akalla',
      date: '2022-09-20',
      place: 'Folkets Husby',
    });
  });

  it('ends the title sentence where the fields begin', () => {
    const m = parseText('Protokoll fört vid årsmöte med Bostadsrättsföreningen Linden\nDatum: 2023-05-20\nPlats: Föreningslokalen\n\n1. Stämmans öppnande\nText.');
    expect([m.body, m.date, m.place]).toEqual(['årsmöte med Bostadsrättsföreningen Linden', '2023-05-20', 'Föreningslokalen']);
  });

  it('reads a label over its value and a row of labels over a row of values', () => {
    expect(parseText('Mötesform\nÅrsmöte\nDatum\tPlats\n2023-07-25 kl 09.00\tKilagårds Gröna, Vesslunda\n\n§1 Mötet öppnas\nText.')).toMatchObject({
      body: 'Årsmöte',
      date: '2023-07-25',
      place: 'Kilagårds Gröna, Vesslunda',
    });
  });
});
