// The samples are dated relative to today: a fresh start shows minutes inside
// the adjustment period, never "adjusted late" warnings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleMeetingDate, withMeetingDate } from '../../../infra/local/samples';
import { parsePdf } from '../../../shared/minutes/index';
import { renderMinutes } from '../../../samples/render';

const text = (slug: string) => readFileSync(new URL(`../../../samples/${slug}.txt`, import.meta.url), 'utf8');

describe('sample minutes', () => {
  it('meet two days before today (Stockholm date)', () => {
    expect(sampleMeetingDate(new Date('2027-03-01T10:00:00Z'))).toBe('2027-02-27');
  });

  it('put that date in the title line, in the form each uses', () => {
    expect(withMeetingDate(text('kommunstyrelsen-exempelby'), '2027-02-27').split('\n')[1]).toBe('# Kommunstyrelsen i Exempelby den 27 februari 2027');
    expect(withMeetingDate(text('vardsamverkan-exempelregionen'), '2027-02-27').split('\n')[0]).toBe('# Minnesanteckningar Vårdsamverkan Exempelregionen 2027-02-27');
  });

  it('parse to that date', async () => {
    for (const slug of ['kommunstyrelsen-exempelby', 'vardsamverkan-exempelregionen']) {
      const { minutes: parsed } = await parsePdf(await renderMinutes(withMeetingDate(text(slug), '2027-02-27')));
      expect(parsed.date, slug).toBe('2027-02-27');
    }
  });
});
