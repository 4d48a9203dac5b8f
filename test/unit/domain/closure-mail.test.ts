// Closure in the mails: the other signers learn that signing is paused (who
// asked, never the comment); subjects carry the date when it is known; every
// English line links the English page; minnesanteckningar are called so; the
// receipt carries every fact of the notice. And the audit page's labels and
// the notice's paragraph range.
import { describe, expect, it } from 'vitest';
import { PROTOCOL_EVENT_TYPES, SIGNER_EVENT_TYPES, type NoticeRecord, type ProtocolRecord, type SignerRecord } from '../../../shared/domain/records';
import { paragraphRange } from '../../../shared/flow/publish';
import { changesRequested, expiredToSecretary, invitation, pausedToSigner, problemToSecretary, receipt, routedToSecretary } from '../../../shared/mail/messages';
import { eventLabel } from '../../../shared/stamp/audit-page';

const reason = { code: 'CHANGES_REQUESTED', sv: 'Patrik Stenvard (justerare) begärde en ändring. Kommentaren har skickats till sekreteraren.', en: 'Patrik Stenvard (adjuster) requested a change.' };
const p = {
  id: 'p1',
  body: 'ks',
  bodyName: 'Kommunstyrelsen',
  kind: 'protokoll',
  date: '2026-11-10',
  status: 'CHANGES_REQUESTED',
  reason,
  source: { key: 'drafts/ks/ks-2026-11-10.pdf' },
  warnings: [],
  itemCount: 3,
  decisionCount: 2,
  deadline: null,
} as unknown as ProtocolRecord;
const requester = { name: 'Patrik Stenvard', role: 'justerare' } as SignerRecord;
const chair = { id: 's1', name: 'Helena Proos', email: 'ordf@example.se', role: 'ordförande', status: 'pending', expiresAt: '2026-11-24T22:59:59.999Z' } as SignerRecord;
const secretaryLink = 'http://127.0.0.1:3000/secretary/q3Jk9xT2mP7vW4sN8bR1cY6hL0dF5gA3eZ2uI9oK7tM';

describe('the paused mail to the other signers', () => {
  const message = pausedToSigner(p, chair, requester, 'sekr@example.se');

  it('says signing is paused, who asked and the public reason, and that there is nothing to do', () => {
    expect(message.to).toBe('ordf@example.se');
    expect(message.replyTo).toBe('sekr@example.se');
    expect(message.subject).toBe('Justeringen är pausad: Kommunstyrelsen 2026-11-10');
    expect(message.text).toContain('Patrik Stenvard (justerare) har begärt en ändring i protokollet');
    expect(message.text).toContain(reason.sv);
    expect(message.text).toContain('Du behöver inte göra något nu.');
    expect(message.links).toEqual([]);
    expect(message.text).not.toContain('vidarebefordra inte länken');
  });

  it('tells one who already signed that a corrected version comes with a new link', () => {
    const signed = pausedToSigner(p, { ...chair, status: 'signed' }, requester, null);
    expect(signed.text).toContain('Du har redan justerat.');
    expect(signed.text).toContain('You have already signed');
  });

  it('never carries the comment (the secretary alone gets it)', () => {
    const comment = 'Hemligt: § 4 ska strykas';
    expect(changesRequested(p, 'sekr@example.se', requester, comment).text).toContain(comment);
    expect(JSON.stringify(pausedToSigner(p, chair, requester, null))).not.toContain('Hemligt');
  });
});

describe('subjects', () => {
  it('carry the meeting date when it is known, and otherwise the file, never "(datum saknas)"', () => {
    const r = { code: 'X', sv: 'x', en: 'x' };
    expect(problemToSecretary(p, 'a@example.se', r, []).subject).toBe('Åtgärd krävs: Kommunstyrelsen 2026-11-10');
    const undated = problemToSecretary({ ...p, date: null }, 'a@example.se', r, []);
    expect(undated.subject).toBe('Åtgärd krävs: Kommunstyrelsen (ks-2026-11-10.pdf)');
    expect(undated.subject).not.toContain('datum saknas');
  });
});

describe('English lines link the English page', () => {
  it('every mail with a personal link gives it with ?lang=en in the English part', () => {
    const withLink = [
      invitation({ protocol: p, signer: chair, link: 'http://127.0.0.1:3000/sign/abc', secretary: 'Eva' }),
      problemToSecretary(p, 'a@example.se', reason, [], secretaryLink),
      changesRequested(p, 'a@example.se', requester, 'fel', secretaryLink),
      routedToSecretary(p, { secretary: { email: 'a@example.se' } } as never, [chair], secretaryLink),
      expiredToSecretary(p, 'a@example.se', [chair], secretaryLink),
    ];
    for (const m of withLink) {
      const english = m.text.slice(m.text.indexOf('In English'));
      const link = m.links[0]!;
      expect(english, m.subject).toContain(`${link}?lang=en`);
    }
  });
});

describe('minnesanteckningar are called by their name', () => {
  it('in the invitation and the paused mail', () => {
    const notes = { ...p, kind: 'minnesanteckningar' } as ProtocolRecord;
    for (const m of [invitation({ protocol: notes, signer: chair, link: 'http://127.0.0.1:3000/sign/abc', secretary: 'Eva' }), pausedToSigner(notes, chair, requester, null)]) {
      const swedish = m.text.slice(0, m.text.indexOf('In English'));
      expect(swedish, m.subject).toContain('minnesanteckningarna');
      expect(swedish.replace(reason.sv, ''), m.subject).not.toMatch(/protokoll/i);
    }
  });
});

describe('the receipt', () => {
  it('states every fact of the notice: kind, paragraphs, taken down, where it is kept', () => {
    const notice: NoticeRecord = {
      protocolId: 'p1',
      body: 'ks',
      bodyName: 'Kommunstyrelsen',
      kind: 'protokoll',
      meetingDate: '2026-11-10',
      paragraphs: '§ 1–12',
      adjustedOn: '2026-11-20',
      postedOn: '2026-11-21',
      appealEndsOn: '2026-12-14',
      takeDownOn: '2026-12-15',
      keptAt: 'Kommunkansliet, Storgatan 1',
      protocolUrl: 'http://127.0.0.1:3000/protocols/p1',
      pdfUrl: 'http://127.0.0.1:3000/protocols/p1/pdf',
    };
    const text = receipt({ protocol: { ...p, status: 'PUBLISHED' }, notice, to: 'a@example.se', replyTo: null, pdf: null, pdfUrl: notice.pdfUrl, boardUrl: 'http://127.0.0.1:3000/anslagstavla' }).text;
    for (const line of ['Organ: Kommunstyrelsen', 'Handling: Protokoll', 'Sammanträde: 2026-11-10', 'Paragrafer: § 1–12', 'Justerat: 2026-11-20', 'Anslaget: 2026-11-21', 'Tas ned: 2026-12-15', 'Sista dag att överklaga: 2026-12-14', 'Förvaringsplats: Kommunkansliet, Storgatan 1, http://127.0.0.1:3000/protocols/p1'])
      expect(text).toContain(line);
  });
});

describe('the audit page', () => {
  it('has a Swedish / English label for every event kind of a protocol and of a signer', () => {
    for (const type of [...PROTOCOL_EVENT_TYPES, ...SIGNER_EVENT_TYPES]) expect(eventLabel(type), type).toMatch(/^[^/]+ \/ [^/]+$/);
  });
});

describe("the notice's paragraphs", () => {
  it('run from the first to the last item as the document numbers them', () => {
    expect(paragraphRange([{ index: 1, number: '§ 12' }, { index: 0, number: '§ 1' }])).toBe('§ 1–12');
    expect(paragraphRange([{ index: 0, number: '1' }, { index: 4, number: '5' }])).toBe('1–5');
    expect(paragraphRange([{ index: 0, number: '§ 3' }])).toBe('§ 3');
    expect(paragraphRange([])).toBeNull();
  });
});
