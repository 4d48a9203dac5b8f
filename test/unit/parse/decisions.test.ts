import { describe, it, expect } from 'vitest';
import { parseText } from './helpers';

/** The only item of a one-item protokoll. */
const item = (body: string) => parseText(`§ 1. Ärendet\n${body}`).items[0]!;

describe('decision headings', () => {
  for (const heading of ['Beslut', 'Beslut:', 'Nämndens beslut', 'Styrelsens beslut', 'Kommunstyrelsens beslut', 'Beslutade', 'Beslöt', 'Styrelsen beslöt', 'Nämnden beslutar', 'Beslutades']) {
    it(`"${heading}" followed by an att clause`, () => {
      const i = item(`Bakgrund i ärendet.\n\n${heading}\natt godkänna rapporten.`);
      expect(i.decisions).toEqual(['att godkänna rapporten.']);
      expect(i.text).toBe('Bakgrund i ärendet.');
    });
  }

  it('reads a decision on the same line after a colon', () => {
    expect(item('Beslut: att godkänna rapporten.').decisions).toEqual(['att godkänna rapporten.']);
  });

  it('reads a decision on the same line after a tab', () => {
    expect(item('Beslut\tatt godkänna rapporten.').decisions).toEqual(['att godkänna rapporten.']);
  });

  it('reads "Beslut att …" on one line', () => {
    expect(item('Beslut att godkänna rapporten.').decisions).toEqual(['att godkänna rapporten.']);
  });

  it('does not read "Beslutsunderlag", "Beslutet skickas till" or "Beslut fattades om" as headings', () => {
    const i = item('Beslutsunderlag\nTjänsteskrivelse.\n\nBeslut fattades om en ny upphandling.\n\nBeslutet skickas till\nEkonomienheten');
    expect(i.decisions).toEqual([]);
  });

  it('does not read a "Beslutsärenden:" label as a heading', () => {
    expect(item('Beslutsärenden:\n- Årsredovisning 2024').decisions).toEqual([]);
  });
});

describe('att clauses', () => {
  it('makes one decision per clause and keeps the leading "att"', () => {
    const i = item('Beslut\n\natt godkänna budgeten\n\natt uppdra åt förvaltningen att återkomma');
    expect(i.decisions).toEqual(['att godkänna budgeten', 'att uppdra åt förvaltningen att återkomma']);
  });

  it('continues a clause over line breaks until the next att clause starts a line', () => {
    const i = item(`
Beslut
att uppdra till ledningsgruppen att återkomma med budgetförslag 2026 för de gemensamt finansierade
verksamheterna till nämndens sammanträde 4 juni 2025.`);
    expect(i.decisions).toEqual(['att uppdra till ledningsgruppen att återkomma med budgetförslag 2026 för de gemensamt finansierade verksamheterna till nämndens sammanträde 4 juni 2025.']);
  });

  it('starts a new clause on every line that starts with att, blank line or not', () => {
    expect(item('Beslut\natt godkänna A\natt godkänna B').decisions).toEqual(['att godkänna A', 'att godkänna B']);
  });

  it('strips a trailing ", och" joiner', () => {
    expect(item('Beslut\natt godkänna budgeten, och\natt lägga rapporten till handlingarna.').decisions).toEqual([
      'att godkänna budgeten',
      'att lägga rapporten till handlingarna.',
    ]);
  });

  it('strips a trailing ", samt" and ";" joiner', () => {
    expect(item('Beslut\natt godkänna A, samt\natt godkänna B;\natt godkänna C').decisions).toEqual(['att godkänna A', 'att godkänna B', 'att godkänna C']);
  });

  it('reads bulleted att clauses', () => {
    expect(item('Beslut\n- att godkänna A\n- att godkänna B').decisions).toEqual(['att godkänna A', 'att godkänna B']);
  });

  it('drops a lead-in such as "Kommunstyrelsen beslutar" before the clauses', () => {
    expect(item('Beslut\nKommunstyrelsen föreslår kommunfullmäktige besluta\natt anta budgeten.').decisions).toEqual(['att anta budgeten.']);
  });

  it('accepts a capitalised "Att"', () => {
    expect(item('Beslut\nAtt godkänna rapporten.').decisions).toEqual(['Att godkänna rapporten.']);
  });
});

describe('proposals are not decisions', () => {
  it('"Förslag till beslut" stays in the text', () => {
    const i = item('Förslag till beslut\natt godkänna budgeten.\n\nBeslut\natt godkänna budgeten med ändringen.');
    expect(i.decisions).toEqual(['att godkänna budgeten med ändringen.']);
    expect(i.text).toBe('Förslag till beslut\n\natt godkänna budgeten.');
  });

  it('"Ordförandens förslag" stays in the text', () => {
    const i = item('Ordförandens förslag\natt bordlägga ärendet.');
    expect(i.decisions).toEqual([]);
    expect(i.text).toContain('att bordlägga ärendet.');
  });

  it('"Förvaltningens förslag till beslut" and "Arbetsutskottets förslag" stay in the text', () => {
    expect(item('Förvaltningens förslag till beslut\natt godkänna A.').decisions).toEqual([]);
    expect(item('Arbetsutskottets förslag\natt godkänna A.').decisions).toEqual([]);
  });

  it('a decision heading after a proposal starts decisions again', () => {
    expect(item('Förslag till beslut:\natt godkänna A.\n\nBeslut:\natt godkänna A.').decisions).toEqual(['att godkänna A.']);
  });

  it('a sub-heading such as "Beslutsunderlag" ends the decision part', () => {
    const i = item('Beslut\natt godkänna A.\n\nBeslutsunderlag\nTjänsteskrivelse 2025-01-10.');
    expect(i.decisions).toEqual(['att godkänna A.']);
    expect(i.text).toBe('Beslutsunderlag\n\nTjänsteskrivelse 2025-01-10.');
  });
});

describe('prose decisions', () => {
  // The rule: what follows the heading is what the body decided, one decision per
  // paragraph. Sentences about the decision — conflicts of interest, pointers to
  // attachments, reservations — stay in the item's text.
  it('takes the prose after "Beslut:" as the decision', () => {
    expect(item('Beslut:\nRegionsjukvårdsledningen ställer sig bakom ovan föreslagna nomineringar').decisions).toEqual([
      'Regionsjukvårdsledningen ställer sig bakom ovan föreslagna nomineringar',
    ]);
  });

  it('takes "till att … väljs Patrik Stenvard." as a decision', () => {
    expect(item('Beslut\n\ntill att jämte ordförande justera protokoll väljs Patrik Stenvard.').decisions).toEqual([
      'till att jämte ordförande justera protokoll väljs Patrik Stenvard.',
    ]);
  });

  it('keeps sentences of one paragraph together as one decision', () => {
    expect(item('Beslut:\nLedningen ställer sig bakom anmälan. Martin Takac får i uppdrag att skicka in den.').decisions).toEqual([
      'Ledningen ställer sig bakom anmälan. Martin Takac får i uppdrag att skicka in den.',
    ]);
  });

  it('makes one decision per paragraph', () => {
    expect(item('Beslut:\nEtt förslag ska tas fram.\n\nUppdraget ges till Mathias Landerdahl.').decisions).toEqual([
      'Ett förslag ska tas fram.',
      'Uppdraget ges till Mathias Landerdahl.',
    ]);
  });

  it('leaves a conflict-of-interest note and a pointer to an attachment in the text', () => {
    const i = item(`
Martin Takac redovisar förslaget.

Beslut:

Ledningen ställer sig bakom fördelningen av medel enligt det redovisade förslaget.

Martin Takac, som varit en del av bedömningsgruppen, deltar inte vid beslutet.

Mer information finns i bilaga.`);
    expect(i.decisions).toEqual(['Ledningen ställer sig bakom fördelningen av medel enligt det redovisade förslaget.']);
    expect(i.text).toBe('Martin Takac redovisar förslaget.\n\nMartin Takac, som varit en del av bedömningsgruppen, deltar inte vid beslutet.\n\nMer information finns i bilaga.');
  });

  it('splits a note off the end of a decision paragraph', () => {
    const i = item('Beslut:\nNämnden godkänner avtalet. Anna Berg (S) anmäler jäv och deltar inte i beslutet.');
    expect(i.decisions).toEqual(['Nämnden godkänner avtalet.']);
    expect(i.text).toBe('Anna Berg (S) anmäler jäv och deltar inte i beslutet.');
  });

  it('leaves a reservation in the text', () => {
    const i = item('Beslut\natt godkänna budgeten.\n\nModeraterna reserverar sig mot beslutet.');
    expect(i.decisions).toEqual(['att godkänna budgeten.']);
    expect(i.text).toBe('Moderaterna reserverar sig mot beslutet.');
  });

  it('marks an item adjusted at once and keeps the note in the text', () => {
    const i = item('Beslut\natt godkänna avtalet.\n\nParagrafen förklaras omedelbart justerad.');
    expect(i.decisions).toEqual(['att godkänna avtalet.']);
    expect(i.adjustedImmediately).toBe(true);
    expect(i.text).toBe('Paragrafen förklaras omedelbart justerad.');
  });

  it('does not set adjustedImmediately on ordinary items', () => {
    expect(item('Beslut\natt godkänna avtalet.').adjustedImmediately).toBeUndefined();
  });

  it('warns about a decision heading with nothing under it', () => {
    expect(parseText('§ 1. Ärendet\nBeslut\n\n§ 2. Övrigt').warnings).toContain('§ 1 har rubriken Beslut men ingen beslutstext.');
  });

  it('"Summering:" with a proposal in prose is not a decision', () => {
    const m = parseText('1. Färdplan\nSummering:\nLedningen föreslår att punkten återupptas vid nästa möte.');
    expect(m.items[0]!.decisions).toEqual([]);
  });

  it('a reported decision of another body in running text is not a decision', () => {
    expect(item('HSD-nätverket beslutade om en samverkansmodell i september 2024.').decisions).toEqual([]);
  });
});

describe('item text', () => {
  it('is the body without the title, the decision heading and the decisions', () => {
    const i = item('Första stycket.\n\nAndra stycket.\n\nBeslut\natt lägga informationen till handlingarna.');
    expect(i.text).toBe('Första stycket.\n\nAndra stycket.');
  });

  it('joins lines of a paragraph with a space', () => {
    expect(item('En mening som\nfortsätter här.').text).toBe('En mening som fortsätter här.');
  });

  it('removes a hyphen that only broke a lower-case word at the margin', () => {
    expect(item('Ett utvecklings-\narbete pågår.').text).toBe('Ett utvecklingsarbete pågår.');
  });

  it('keeps the hyphen of a suspended compound ("hälso- och sjukvård")', () => {
    expect(item('Inom hälso-\noch sjukvården.').text).toBe('Inom hälso- och sjukvården.');
  });

  it('keeps the hyphen after an abbreviation ("AI-frågan")', () => {
    expect(item('Två teman, dels AI-\nfrågan.').text).toBe('Två teman, dels AI-frågan.');
  });

  it('keeps bulleted list items on their own lines', () => {
    const i = item('Följande punkter:\n\n- Protokoll från styrelsen\n- Rapport från mötet\n\n• RSG Standardisering');
    expect(i.text).toBe('Följande punkter:\n\n- Protokoll från styrelsen\n- Rapport från mötet\n• RSG Standardisering');
  });

  it('joins a wrapped bullet line to its bullet', () => {
    expect(item('- Ändring i priser för\nutomlänspatienter\n- Kluster Äster').text).toBe('- Ändring i priser för utomlänspatienter\n- Kluster Äster');
  });

  it('joins a paragraph broken in mid-sentence (lower case after no full stop)', () => {
    expect(item('Medlen är öronmärkta\n\ntill aktiviteter för forskningen.').text).toBe('Medlen är öronmärkta till aktiviteter för forskningen.');
  });

  it('joins a paragraph broken after a word a sentence cannot end on', () => {
    expect(item('- Lägesinformation om arbetsfördelning i\n\nSydöstra sjukvårdsregionen').text).toBe('- Lägesinformation om arbetsfördelning i Sydöstra sjukvårdsregionen');
  });

  it('turns tabs into spaces', () => {
    expect(item('Anna Berg (S)\tPer Olsson (M)').text).toBe('Anna Berg (S) Per Olsson (M)');
  });

  it('stops the last item at the signature block', () => {
    const m = parseText('§ 1. Avslutning\nOrdförande avslutar mötet.\n\nVid protokollet\nEva-Lena Aspetorp');
    expect(m.items[0]!.text).toBe('Ordförande avslutar mötet.');
  });
});
