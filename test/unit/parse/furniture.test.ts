// Headers and footers repeated on every page are recognised and kept out of
// the paragraphs, on a real multi-page PDF (rendered by the samples' script).
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../shared/minutes/extract';
import { parsePdf } from '../../../shared/minutes/index';
import { renderMinutes } from '../../../samples/render';

const paragraph = (n: number) =>
  `## § ${n}. Ärende nummer ${n}\nNämnden behandlar ärende ${n} om äldreomsorgens lokaler i Åby och Örby. ${'Förvaltningen har utrett frågan och redovisar kostnader, tidplan och risker. '.repeat(6)}\nBeslut\natt godkänna förvaltningens förslag i ärende ${n}.\n`;

const source = `@header Kommunstyrelsen i Exempelby · Protokoll\n# Kommunstyrelsen i Exempelby den 10 november 2026\nTid: Kl. 13.00–15.30\nPlats: Kommunhuset\n\n${Array.from({ length: 12 }, (_, i) => paragraph(i + 1)).join('\n')}\nVid protokollet\n\nSara Lindqvist\n\nJusteras\n\nAnna Berglund\n\nErik Åström\n`;

describe('page furniture', () => {
  it('flags the repeated header and the page numbers on every page', async () => {
    const pdf = await renderMinutes(source);
    const doc = await extractDocument(pdf);
    expect(doc.pages.length).toBeGreaterThanOrEqual(3);
    for (const page of doc.pages) {
      const furniture = page.lines.filter((l) => l.furniture).map((l) => l.text);
      expect(furniture).toContain('Kommunstyrelsen i Exempelby · Protokoll');
      expect(furniture).toContain(`Sida ${page.number} av ${doc.pages.length}`);
    }
    expect(doc.lines.some((l) => /Sida \d+ av/.test(l.text) || l.text.includes('· Protokoll'))).toBe(false);
  });

  it('keeps furniture out of paragraph text and finds every paragraph and decision', async () => {
    const { minutes } = await parsePdf(await renderMinutes(source));
    expect(minutes.items).toHaveLength(12);
    expect(minutes.body).toBe('Kommunstyrelsen i Exempelby');
    for (const item of minutes.items) {
      expect(item.text).not.toMatch(/Sida \d+ av|· Protokoll/);
      expect(item.decisions).toHaveLength(1);
    }
    expect(minutes.chair).toBe('Anna Berglund');
    expect(minutes.adjusters).toEqual(['Erik Åström']);
    expect(minutes.secretary).toBe('Sara Lindqvist');
  });
});
