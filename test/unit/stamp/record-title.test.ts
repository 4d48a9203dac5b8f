// Minnesanteckningar are not protokoll: the sealed record's title, from which
// the stamp's footer and the PDF's metadata take their noun, names them so.
import { describe, expect, it } from 'vitest';
import { recordTitle } from '../../../shared/flow/stamp';
import { stampProtocol } from '../../../shared/stamp/stamp';
import { extractDocument } from '../../../shared/minutes/extract';
import { fixture, stampInput } from './helpers';

describe('the title of the sealed record', () => {
  it('calls minnesanteckningar so, and protokoll protokoll', () => {
    expect(recordTitle({ kind: 'minnesanteckningar', bodyName: 'Regionsjukvårdsledningen', body: 'rsl', date: '2025-02-07' })).toBe('Minnesanteckningar Regionsjukvårdsledningen 2025-02-07');
    expect(recordTitle({ kind: 'protokoll', bodyName: null, body: 'ks', date: null })).toBe('Protokoll ks');
    expect(recordTitle({ kind: null, bodyName: 'Kommunstyrelsen', body: 'ks', date: '2025-01-01' })).toBe('Protokoll Kommunstyrelsen 2025-01-01');
  });

  it('gives the footer its noun', async () => {
    const draft = await fixture('000-minnesanteckningar.pdf');
    const input = { ...stampInput(draft, await extractDocument(draft), [], 'm-1'), title: recordTitle({ kind: 'minnesanteckningar', bodyName: 'Regionsjukvårdsledningen', body: 'rsl', date: '2025-02-07' }) };
    const out = await extractDocument(await stampProtocol(input));
    // The footers are page furniture: read them page by page.
    const footers = out.pages.flatMap((p) => p.lines.filter((l) => / m-1 · Sida /.test(l.text)).map((l) => l.text));
    expect(footers).toHaveLength(out.pages.length);
    for (const footer of footers) expect(footer).toMatch(/^Minnesanteckningar m-1 · Sida \d+ av \d+$/);
  });
});
