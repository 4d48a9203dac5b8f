// The parse keeps whether the draft is PDF/A, and the mail that says the
// minutes were read tells the secretary how to export PDF/A when it is not:
// once, in both languages, and not at all for a PDF/A draft or a protocol read
// before this was kept.
import { describe, expect, it } from 'vitest';
import type { BodyDirectory, ProtocolRecord, SignerRecord } from '../../../shared/domain/records';
import { confirmToSecretary, routedToSecretary } from '../../../shared/mail/messages';
import { pdfaOfDraft } from '../../../shared/stamp/pdfa';
import { fixture, pdfaFixture } from '../stamp/helpers';

const protocol = (pdfa: string | null | undefined) =>
  ({ id: 'p1', body: 'ks', bodyName: 'Kommunstyrelsen', kind: 'protokoll', date: '2026-11-10', status: 'ROUTED', source: { key: 'drafts/ks/a.pdf' }, warnings: [], itemCount: 3, decisionCount: 2, deadline: null, ...(pdfa === undefined ? {} : { pdfa }) }) as unknown as ProtocolRecord;
const body = { secretary: { email: 'sekr@example.se' } } as BodyDirectory;
const chair = { id: 's1', name: 'Helena Proos', email: 'ordf@example.se', role: 'ordförande', status: 'pending', origin: 'minutes' } as unknown as SignerRecord;

const mails = (pdfa: string | null | undefined) => [routedToSecretary(protocol(pdfa), body, [chair], null), confirmToSecretary(protocol(pdfa), 'sekr@example.se', ['Helena Proos'], null)];

describe('PDF/A advice in the mails that say the minutes were read', () => {
  it('tells how to export PDF/A from Word and LibreOffice when the draft is not PDF/A', () => {
    for (const mail of mails(null)) {
      expect(mail.text).toContain('Utkastet är inte PDF/A');
      expect(mail.text).toContain('PDF/A-kompatibel');
      expect(mail.text).toContain('Arkiv (PDF/A, ISO 19005)');
      expect(mail.text).toContain('The draft is not PDF/A');
      expect(mail.text.match(/PDF\/A-kompatibel/g)).toHaveLength(1);
    }
  });

  it('says nothing of it for a PDF/A draft, or for one read before it was kept', () => {
    for (const mail of [...mails('PDF/A-2b'), ...mails(undefined)]) expect(mail.text).not.toMatch(/PDF\/A/);
  });
});

describe('pdfaOfDraft', () => {
  it('names the part of a PDF/A export and gives null for a plain PDF or bytes that are no PDF', async () => {
    expect(await pdfaOfDraft(await pdfaFixture('003-protokoll-draft.pdf'))).toMatch(/^PDF\/A-[123][abu]$/);
    expect(await pdfaOfDraft(await fixture('003-protokoll-draft.pdf'))).toBeNull();
    expect(await pdfaOfDraft(new TextEncoder().encode('not a pdf'))).toBeNull();
  });
});
