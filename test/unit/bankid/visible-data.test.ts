// The text the signer reads in the BankID app.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { visibleText } from '../../../shared/bankid/visible-data';

const sha256 = createHash('sha256').update('draft').digest();

describe('visibleText', () => {
  it('names body, meeting, paragraphs and the document digest, in Swedish', () => {
    expect(visibleText({ body: 'Kommunstyrelsen', meetingDate: '2026-11-30', paragraphs: { first: '101', last: '117' }, sha256 })).toBe(
      [
        '# Justering av protokoll',
        '',
        'Organ: Kommunstyrelsen',
        'Sammanträde: 2026-11-30',
        'Paragrafer: §§ 101–117',
        '',
        `Dokumentets SHA-256: ${sha256.toString('hex')}`,
      ].join('\n'),
    );
  });

  it('says one paragraph as one, and leaves the line out when there are none', () => {
    expect(visibleText({ body: 'Nämnden', meetingDate: '2026-11-30', paragraphs: { first: '5', last: '5' }, sha256 })).toContain('Paragraf: § 5\n');
    expect(visibleText({ body: 'Nämnden', meetingDate: '2026-11-30', sha256 })).not.toContain('§');
  });

  it('keeps what came from a PDF on its own line and without markdown', () => {
    const text = visibleText({ body: '*Nämnden*\n# Godkänt av alla\u2028+x+', meetingDate: '2026-11-30', sha256 });
    expect(text).toContain('Organ: Nämnden Godkänt av alla x\n');
    expect(text.split('\n').filter((l) => l.startsWith('#'))).toEqual(['# Justering av protokoll']);
  });

  it('takes only a SHA-256', () => {
    expect(() => visibleText({ body: 'N', meetingDate: '2026-11-30', sha256: new Uint8Array(20) })).toThrow(/SHA-256/);
  });
});
