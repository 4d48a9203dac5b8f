import { describe, expect, it } from 'vitest';
import type { BodyDirectory } from '../../../shared/domain/records';
import { checkBody, nameWords } from '../../../shared/flow/body-names';

const body = (slug: string, name: string, organisation = 'Exempelby kommun'): BodyDirectory => ({
  slug,
  name,
  organisation,
  secretary: { name: 'Sara Lindqvist', email: 'sara@example.se' },
  signingOrder: 'parallel',
  deadlineDays: 14,
  reminderDays: [3],
  members: [{ name: 'Anna Berglund', email: 'anna@example.se', role: 'ordförande' }],
});

const social = body('socialnamnden', 'Socialnämnden');
const ks = body('kommunstyrelsen', 'Kommunstyrelsen');

describe('the wrong folder', () => {
  it('folds case, diacritics, the genitive s and the definite ending', () => {
    expect([...nameWords('Socialnämndens')]).toEqual([...nameWords('SOCIALNÄMND')]);
    expect([...nameWords('Kommunstyrelsen')]).toEqual([...nameWords('kommunstyrelse')]);
    expect(nameWords('Styrelsen')).toEqual(new Set());
    expect(nameWords('Årsmöte')).toEqual(new Set());
    expect(nameWords('Styrelsemöte för')).toEqual(new Set());
  });

  it('a Kommunstyrelsen protocol under drafts/socialnamnden/ is another body, known or not', () => {
    expect(checkBody('Kommunstyrelsen', social, [])).toEqual({ kind: 'other', named: 'Kommunstyrelsen', known: [] });
    const r = checkBody('Kommunstyrelsens', social, [social, ks]);
    expect(r.kind === 'other' && r.known.map((b) => b.slug)).toEqual(['kommunstyrelsen']);
  });

  it('a name that matches another known body better trips even when it shares a word with this one', () => {
    const kultur = body('kultur', 'Kultur- och fritidsnämnden Exempelby');
    const here = body('social-exempelby', 'Socialnämnden Exempelby');
    const r = checkBody('Kultur- och fritidsnämnden Exempelby', here, [here, kultur]);
    expect(r.kind === 'other' && r.known[0]!.slug).toBe('kultur');
  });

  it('never trips on a missing, generic, containing or overlapping name', () => {
    expect(checkBody(null, social, [ks])).toEqual({ kind: 'same' });
    expect(checkBody('Styrelsen', social, [ks])).toEqual({ kind: 'same' });
    expect(checkBody('Årsmöte', social, [ks])).toEqual({ kind: 'same' });
    expect(checkBody('SOCIALNÄMNDEN', social, [ks])).toEqual({ kind: 'same' });
    expect(checkBody('Socialnämnden i Exempelby', social, [ks])).toEqual({ kind: 'same' });
    expect(checkBody('Kommunstyrelsens arbetsutskott', ks, [social])).toEqual({ kind: 'same' });
    expect(checkBody('Styrelsemöte för LiTHe kod', body('lithekod', 'LiTHe kod', 'LiTHe kod'), [])).toEqual({ kind: 'same' });
    expect(checkBody('Bostadsrättsföreningen Solgläntan', body('solglantan', 'Brf Solgläntan', 'Brf Solgläntan'), [])).toEqual({ kind: 'same' });
    // The organisation alone names no other body.
    expect(checkBody('Exempelby kommun', social, [ks])).toEqual({ kind: 'same' });
  });
});
