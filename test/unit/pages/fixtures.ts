// Test data for the pages: a realistic protocol of Samverkansnämnd
// Sjukvårdsregion Mellansverige (names as in the public seed, addresses on
// example.se), one LinkView per link state, notices, outbox mails, and a
// hostile variant whose every PDF-derived string tries to become markup.
import type { OutboxEntry } from '../../../shared/pages/outbox';
import type { DecisionRecord, ItemRecord, NoticeRecord, ProtocolRecord, SignerRecord } from '../../../shared/domain/records';
import type { LinkState, LinkView } from '../../../shared/flow/sign';
import type { Html } from '../../../shared/html/html';
import { homePage } from '../../../shared/pages/home';
import { noticeBoardPage } from '../../../shared/pages/notices';
import { outboxPage } from '../../../shared/pages/outbox';
import { signPage, unknownLinkPage, type SignNotice } from '../../../shared/pages/sign';
import { secretaryPage, type SecretaryPageInput } from '../../../shared/pages/secretary';
import { bodyProtocolsPage, type BodyProtocolsInput } from '../../../shared/pages/secretary-body';
import { reason } from '../../../shared/domain/reasons';
import type { BodyDirectory } from '../../../shared/domain/records';
import { publicPages } from './public-fixtures';

export const STATES: LinkState[] = ['open', 'signed', 'changes-requested', 'paused', 'expired', 'superseded', 'adjusted', 'published', 'closed'];

export const TOKEN = 'q3Jk9xT2mP7vW4sN8bR1cY6hL0dF5gA3eZ2uI9oK7tM';
export const TOKEN_HASH = 'a'.repeat(64);
export const DRAFT_SHA = '3f1c9a7e5b2d8c4f6a0e1b3d5c7f9a2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a';
export const PROTOCOL_ID = '01JMB8Z4Q6X7Y2K9D3F5H8N1PV';

/** Strings that try to escape into markup or reorder the page. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  quotes: `O'Brien & "Bästa" \`mallen\``,
  rtl: 'Patrik \u202Efdp.exe',
  zeroWidth: 'Pa\u200Btrik\u200D Sten\uFEFFvard',
} as const;

export function protocol(overrides: Partial<ProtocolRecord> = {}): ProtocolRecord {
  return {
    id: PROTOCOL_ID,
    body: 'samverkansnamnd-mellansverige',
    bodyName: 'Samverkansnämnd Sjukvårdsregion Mellansverige',
    kind: 'protokoll',
    date: '2025-02-14',
    time: '09:00-12:00',
    place: 'Digitalt',
    chair: 'Helena Proos',
    adjusters: ['Patrik Stenvard'],
    secretary: 'Eva-Lena Aspetorp',
    attendees: [],
    signatures: [],
    warnings: [],
    status: 'ROUTED',
    reason: null,
    statusSince: '2025-02-17T08:05:00.000Z',
    receivedAt: '2025-02-17T08:04:12.000Z',
    updatedAt: '2025-02-17T08:05:00.000Z',
    source: { bucket: 'justera-local', key: 'drafts/samverkansnamnd-mellansverige/Protokoll 2025-02-14.pdf', eTag: '"abc"', size: 182_113 },
    draftKey: `originals/${PROTOCOL_ID}.pdf`,
    draftSha256: DRAFT_SHA,
    pages: 12,
    itemCount: 5,
    decisionCount: 6,
    supersedes: null,
    supersededBy: null,
    deadline: '2025-02-28T22:59:59.999Z',
    pending: ['s1', 's2'],
    adjustedAt: null,
    signedKey: null,
    signedSha256: null,
    sealedAt: null,
    publishedAt: null,
    events: [],
    ...overrides,
  };
}

export function signer(overrides: Partial<SignerRecord> = {}): SignerRecord {
  return {
    protocolId: PROTOCOL_ID,
    id: 's1',
    name: 'Helena Proos',
    email: 'ordforande@example.se',
    role: 'ordförande',
    step: 1,
    status: 'pending',
    tokenHashes: [TOKEN_HASH],
    expiresAt: '2025-02-28T22:59:59.999Z',
    invitedAt: '2025-02-17T08:05:00.000Z',
    firstViewedAt: null,
    views: 0,
    signature: null,
    comment: null,
    reminders: [],
    events: [],
    ...overrides,
  };
}

const ITEMS: [string, string, string, string[]][] = [
  ['§ 1', 'Mötets öppnande', 'Ordförande Helena Proos hälsade alla välkomna och förklarade mötet öppnat.', []],
  ['§ 2', 'Fastställande av dagordning', 'Förslag till dagordning har skickats ut i förväg.', ['att fastställa dagordningen.']],
  [
    '§ 3',
    'Val av justeringsperson',
    'Ordförande föreslår att Patrik Stenvard väljs att jämte ordförande justera protokollet.',
    ['till att jämte ordförande justera protokollet väljs Patrik Stenvard.'],
  ],
  [
    '§ 8',
    'Budgetdirektiv 2026 för samverkansnämnden',
    'Samverkansnämnden ska enligt avtalet fastställa budgetdirektiv för kommande år.\n\nKansliet har tagit fram ett förslag som har beretts i\npresidiet och i tjänstepersonsberedningen.',
    ['att fastställa budgetdirektiv 2026 enligt förslaget,', 'att överlämna budgetdirektivet till regionerna i sjukvårdsregionen.'],
  ],
  ['§ 9', 'Mötets avslutande', 'Ordförande tackade för visat intresse och avslutade mötet.', ['att lägga informationen till handlingarna.']],
];

export function items(): ItemRecord[] {
  return ITEMS.map(([number, title, text], index) => ({ protocolId: PROTOCOL_ID, index, number, title, text }));
}

export function decisions(p: ProtocolRecord = protocol()): DecisionRecord[] {
  return ITEMS.flatMap(([itemNumber, itemTitle, , texts], itemIndex) =>
    texts.map((text, index) => ({
      protocolId: p.id,
      body: p.body,
      bodyName: p.bodyName,
      date: p.date,
      itemIndex,
      itemNumber,
      itemTitle,
      index,
      text,
      status: 'draft' as const,
    })),
  );
}

/** A LinkView whose records agree with the state, as stateOf() would derive it. */
export function linkView(state: LinkState, tweak: { protocol?: Partial<ProtocolRecord>; signer?: Partial<SignerRecord> } = {}): LinkView {
  const protocolStatus: Record<LinkState, ProtocolRecord['status']> = {
    open: 'ROUTED',
    signed: 'ROUTED',
    'changes-requested': 'CHANGES_REQUESTED',
    paused: 'CHANGES_REQUESTED',
    expired: 'EXPIRED',
    superseded: 'SUPERSEDED',
    adjusted: 'SEALED',
    published: 'PUBLISHED',
    closed: 'NEEDS_ATTENTION',
  };
  // After signing, a signer's link follows the protocol to the end.
  const signedMe = state === 'signed' || state === 'adjusted' || state === 'published';
  const allSigned = state === 'adjusted' || state === 'published';
  const p = protocol({
    status: protocolStatus[state],
    ...(allSigned ? { adjustedAt: '2025-02-19T17:56:00.000Z', pending: [] } : {}),
    ...tweak.protocol,
  });
  const me = signer({
    status: signedMe ? 'signed' : state === 'changes-requested' ? 'changes-requested' : 'pending',
    signature:
      signedMe ? { at: '2025-02-19T17:56:00.000Z', ip: '192.0.2.10', userAgent: 'Mozilla/5.0', pdfSha256: DRAFT_SHA } : null,
    comment: state === 'changes-requested' ? 'I § 8 ska det stå "2026", inte "2025".' : null,
    ...tweak.signer,
  });
  const other = signer({
    id: 's2',
    name: 'Patrik Stenvard',
    email: 'justerare@example.se',
    role: 'justerare',
    tokenHashes: ['b'.repeat(64)],
    status: state === 'paused' ? 'changes-requested' : allSigned ? 'signed' : 'pending',
    signature: allSigned ? { at: '2025-02-18T10:12:00.000Z', ip: '192.0.2.11', userAgent: 'Mozilla/5.0', pdfSha256: DRAFT_SHA } : null,
  });
  const secretary = signer({
    id: 's3',
    name: 'Eva-Lena Aspetorp',
    email: 'sekreterare@example.se',
    role: 'sekreterare',
    step: 0,
    tokenHashes: ['c'.repeat(64)],
    status: 'signed',
    signature: { at: '2025-02-17T08:30:00.000Z', ip: '192.0.2.12', userAgent: 'Mozilla/5.0', pdfSha256: DRAFT_SHA },
  });
  const notice =
    state === 'published'
      ? {
          protocolId: p.id,
          body: p.body,
          bodyName: p.bodyName ?? p.body,
          kind: p.kind,
          meetingDate: p.date,
          paragraphs: '§ 1–12',
          adjustedOn: '2025-02-19',
          postedOn: '2025-02-20',
          appealEndsOn: '2025-03-13',
          takeDownOn: '2025-03-14',
          keptAt: 'Regionkansliet, Storgatan 1',
          protocolUrl: `https://justera.example.se/protocols/${p.id}`,
          pdfUrl: `https://justera.example.se/protocols/${p.id}/pdf`,
        }
      : null;
  return { state, protocol: p, signer: me, signers: [secretary, me, other], items: items(), decisions: decisions(p), tokenHash: TOKEN_HASH, notice };
}

/** A protocol record whose every PDF-derived string is hostile, for the secretary's page. */
export function hostileProtocol(): Partial<ProtocolRecord> {
  return {
    bodyName: HOSTILE.script,
    place: HOSTILE.attribute,
    time: HOSTILE.quotes,
    secretary: HOSTILE.rtl,
    date: HOSTILE.attribute,
    chair: HOSTILE.zeroWidth,
    adjusters: [HOSTILE.script, HOSTILE.rtl],
    warnings: [HOSTILE.attribute],
    reason: { code: 'SIGNERS_UNRESOLVED', sv: HOSTILE.script, en: HOSTILE.script },
    evidence: { chair: { page: 2, item: HOSTILE.attribute, line: HOSTILE.script, rule: HOSTILE.quotes } },
  };
}

/** Every PDF-derived string replaced by something hostile. */
export function hostileView(state: LinkState = 'open'): LinkView {
  const view = linkView(state, {
    protocol: {
      bodyName: HOSTILE.script,
      place: HOSTILE.attribute,
      time: HOSTILE.quotes,
      secretary: HOSTILE.rtl,
      date: HOSTILE.attribute,
    },
    signer: { name: HOSTILE.zeroWidth, comment: HOSTILE.script },
  });
  return {
    ...view,
    signers: view.signers.map((s, i) => ({ ...s, name: [HOSTILE.attribute, HOSTILE.zeroWidth, HOSTILE.rtl][i] ?? s.name })),
    items: view.items.map((item, i) => ({
      ...item,
      number: i === 0 ? HOSTILE.attribute : item.number,
      title: [HOSTILE.script, HOSTILE.attribute, HOSTILE.quotes, HOSTILE.rtl, HOSTILE.zeroWidth][i] ?? item.title,
      text: `${HOSTILE.script}\n\n${HOSTILE.attribute}`,
    })),
    decisions: [
      ...view.decisions.map((d) => ({ ...d, text: HOSTILE.attribute, itemNumber: HOSTILE.script, itemTitle: HOSTILE.rtl })),
      { ...view.decisions[0]!, itemIndex: 99, itemNumber: HOSTILE.script, itemTitle: HOSTILE.rtl, text: HOSTILE.quotes },
    ],
  };
}

export function notice(overrides: Partial<NoticeRecord> = {}): NoticeRecord {
  return {
    protocolId: PROTOCOL_ID,
    body: 'samverkansnamnd-mellansverige',
    bodyName: 'Samverkansnämnd Sjukvårdsregion Mellansverige',
    kind: 'protokoll',
    meetingDate: '2025-02-14',
    paragraphs: '§ 1–12',
    keptAt: 'Regionkansliet, Storgatan 1',
    adjustedOn: '2025-02-19',
    postedOn: '2025-02-20',
    appealEndsOn: '2025-03-13',
    takeDownOn: '2025-03-14',
    protocolUrl: `https://justera.example.se/protocols/${PROTOCOL_ID}`,
    pdfUrl: `https://justera.example.se/protocols/${PROTOCOL_ID}/pdf`,
    ...overrides,
  };
}

export function notices(): NoticeRecord[] {
  return [
    notice(),
    notice({
      protocolId: '01JMC2A7B9C4D6E8F0G2H4J6K8',
      body: 'regionsjukvardsledningen-sydost',
      bodyName: 'Regionsjukvårdsledningen, Sydöstra sjukvårdsregionen',
      meetingDate: '2025-02-21',
      adjustedOn: '2025-02-26',
      postedOn: '2025-02-27',
      appealEndsOn: '2025-03-20',
      takeDownOn: '2025-03-21',
      protocolUrl: 'https://justera.example.se/protocols/01JMC2A7B9C4D6E8F0G2H4J6K8',
      pdfUrl: 'https://justera.example.se/protocols/01JMC2A7B9C4D6E8F0G2H4J6K8/pdf',
    }),
  ];
}

export function outboxEntries(): OutboxEntry[] {
  const link = `http://127.0.0.1:3000/sign/${TOKEN}`;
  return [
    {
      id: '20250217T080500000Z-1a2b3c4d',
      to: 'ordforande@example.se',
      subject: 'Justering: Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-14',
      date: '2025-02-17T08:05:00.000Z',
      text: `Hej Helena Proos,\n\nEva-Lena Aspetorp ber dig justera protokollet från Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-14 som ordförande.\n\nLäs och justera protokollet:\n${link}\n\nIn English: add ?lang=en for English.`,
      links: [link],
    },
    {
      id: '20250219T175700000Z-5e6f7a8b',
      to: 'sekreterare@example.se',
      subject: 'Justerat: Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-14',
      date: '2025-02-19T17:57:00.000Z',
      text: `Protokollet är justerat, stämplat och digitalt förseglat.\n\nHämta det justerade protokollet:\nhttp://127.0.0.1:3000/protocols/${PROTOCOL_ID}/pdf`,
      links: [`http://127.0.0.1:3000/protocols/${PROTOCOL_ID}/pdf`],
    },
  ];
}

export const PDF_URL = `/sign/${TOKEN}/pdf`;

export function sign(state: LinkState, lang: 'sv' | 'en' = 'sv', notice?: SignNotice): Html {
  return signPage({ view: linkView(state), lang, token: TOKEN, pdfUrl: PDF_URL, notice });
}

/** Every page the app serves, in each variant worth checking: used by the unit and the browser tests. */
export function directory(overrides: Partial<BodyDirectory> = {}): BodyDirectory {
  return {
    slug: 'samverkansnamnd-mellansverige',
    name: 'Samverkansnämnd Sjukvårdsregion Mellansverige',
    organisation: 'Sjukvårdsregion Mellansverige',
    secretary: { name: 'Eva-Lena Aspetorp', email: 'sekreterare@example.se' },
    signingOrder: 'parallel',
    deadlineDays: 14,
    reminderDays: [3, 7, 12],
    members: [
      { name: 'Helena Proos', email: 'ordforande@example.se', role: 'ordförande' },
      { name: 'Patrik Stenvard', email: 'justerare@example.se', role: 'ledamot' },
      { name: 'Sofia Jarl', email: 'ledamot@example.se', role: 'ledamot' },
    ],
    ...overrides,
  };
}

const SIGNED_AT = { at: '2025-02-18T10:00:00.000Z', ip: '192.0.2.1', userAgent: 'test', pdfSha256: 'ab'.repeat(32) };

/** The secretary's page once the protocol is published: both signed, the notice up. */
export function publishedSecretaryInput(lang: 'sv' | 'en'): SecretaryPageInput {
  return secretaryInput(
    {
      lang,
      signers: [
        signer({ status: 'signed', firstViewedAt: '2025-02-17T09:00:00.000Z', signature: SIGNED_AT }),
        signer({ id: 's2', name: 'Patrik Stenvard', email: 'justerare@example.se', role: 'justerare', status: 'signed', signature: SIGNED_AT }),
      ],
      published: notices()[0]!,
    },
    { status: 'PUBLISHED', reason: null, adjusters: ['Patrik Stenvard'] },
  );
}

/** The body's page: the protocol the link opened among two others. */
export function bodyProtocolsInput(lang: 'sv' | 'en'): BodyProtocolsInput {
  const base = secretaryInput().protocol;
  return {
    directory: secretaryInput().directory,
    lang,
    token: TOKEN,
    current: base.id,
    protocols: [
      { ...base, status: 'ROUTED', reason: null },
      { ...base, id: 'older', date: '2025-01-20', status: 'PUBLISHED', reason: null, source: { ...base.source, key: 'drafts/samverkansnamnd-mellansverige/januari.pdf' } },
      { ...base, id: 'wrong', date: null, status: 'WITHDRAWN', reason: reason('WITHDRAWN', { cause: 'wrong-file' }) },
    ],
  };
}

/** The secretary's page of a protocol that names no adjuster (NEEDS_ATTENTION), with evidence for what was found. */
export function secretaryInput(overrides: Partial<SecretaryPageInput> = {}, p: Partial<ProtocolRecord> = {}): SecretaryPageInput {
  return {
    protocol: protocol({
      status: 'NEEDS_ATTENTION',
      reason: { code: 'SIGNERS_UNRESOLVED', sv: 'Protokollet anger ingen justerare ("Val av justerare …" eller namn under "Justeras").', en: 'Could not resolve who must adjust.' },
      chair: 'Helena Proos',
      adjusters: [],
      pending: [],
      deadline: null,
      warnings: ['Mötesdatum läst ur sidhuvudet.'],
      evidence: {
        body: { page: 1, item: null, line: 'Samverkansnämnd Sjukvårdsregion Mellansverige', rule: 'header-label' },
        date: { page: 1, item: null, line: 'Datum: 2025-02-14', rule: 'header-label' },
        chair: { page: 1, item: '§ 1', line: 'Till ordförande valdes Helena Proos', rule: 'election' },
        place: { page: null, item: null, line: 'Angiven av sekreteraren 2025-02-17', rule: 'secretary' },
      },
      ...p,
    }),
    directory: directory(),
    items: items(),
    signers: [],
    lang: 'sv',
    token: TOKEN,
    pdfUrl: `/secretary/${TOKEN}/pdf`,
    ...overrides,
  };
}

export function allPages(): { name: string; path: string; page: Html }[] {
  const pages: { name: string; path: string; page: Html }[] = [];
  for (const lang of ['sv', 'en'] as const)
    for (const state of STATES) pages.push({ name: `sign ${state} ${lang}`, path: `/sign/${state}-${lang}`, page: sign(state, lang) });
  const errors: SignNotice[] = ['consent-missing', 'comment-missing', 'bad-action', 'refused'];
  for (const n of errors) pages.push({ name: `sign open sv ${n}`, path: `/sign/open-sv-${n}`, page: sign('open', 'sv', n) });
  pages.push({ name: 'sign open en consent-missing', path: '/sign/open-en-consent-missing', page: sign('open', 'en', 'consent-missing') });
  pages.push({ name: 'sign signed sv change-not-sent', path: '/sign/signed-sv-change-not-sent', page: sign('signed', 'sv', 'change-not-sent') });
  pages.push({ name: 'sign signed sv after post', path: '/sign/signed-sv-posted', page: sign('signed', 'sv', 'signed') });
  pages.push({ name: 'sign hostile', path: '/sign/hostile', page: signPage({ view: hostileView(), lang: 'sv', token: TOKEN, pdfUrl: PDF_URL }) });
  pages.push({ name: 'unknown link sv', path: '/sign/unknown-sv', page: unknownLinkPage('sv') });
  pages.push({ name: 'unknown link en', path: '/sign/unknown-en', page: unknownLinkPage('en') });
  pages.push({ name: 'notice board', path: '/anslagstavla', page: noticeBoardPage({ notices: notices(), today: '2025-03-01', baseUrl: 'http://127.0.0.1:3000' }) });
  pages.push({ name: 'notice board empty', path: '/anslagstavla-tom', page: noticeBoardPage({ notices: [], today: '2025-03-01', baseUrl: 'http://127.0.0.1:3000' }) });
  pages.push({ name: 'outbox', path: '/outbox', page: outboxPage(outboxEntries()) });
  pages.push({ name: 'outbox empty', path: '/outbox-tom', page: outboxPage([]) });
  pages.push({ name: 'secretary sv', path: '/secretary/attention-sv', page: secretaryPage(secretaryInput()) });
  pages.push({ name: 'secretary en', path: '/secretary/attention-en', page: secretaryPage(secretaryInput({ lang: 'en' })) });
  pages.push({
    name: 'secretary sv with an error',
    path: '/secretary/error-sv',
    page: secretaryPage(secretaryInput({ problem: { field: 'new-email', message: 'Skriv både namn och e-postadress för den nya personen.' } })),
  });
  pages.push({
    name: 'secretary routed, no items, chair from the directory',
    path: '/secretary/routed-sv',
    page: secretaryPage(
      secretaryInput(
        { items: [], notice: 'routed', signers: [signer({ origin: 'directory' }), signer({ id: 's2', name: 'Patrik Stenvard', email: 'justerare@example.se', role: 'justerare', status: 'signed' })] },
        { status: 'ROUTED', reason: null, chair: null, adjusters: ['Patrik Stenvard'] },
      ),
    ),
  });
  pages.push({ name: 'secretary hostile', path: '/secretary/hostile', page: secretaryPage(secretaryInput({}, hostileProtocol())) });
  for (const lang of ['sv', 'en'] as const) {
    pages.push({ name: `secretary published ${lang}`, path: `/secretary/published-${lang}`, page: secretaryPage(publishedSecretaryInput(lang)) });
    pages.push({ name: `secretary body page ${lang}`, path: `/secretary/body-${lang}`, page: bodyProtocolsPage(bodyProtocolsInput(lang)) });
  }
  pages.push({
    name: 'secretary withdrawn en',
    path: '/secretary/withdrawn-en',
    page: secretaryPage(secretaryInput({ lang: 'en', notice: 'withdrawn', signers: [signer()] }, { status: 'WITHDRAWN', reason: reason('WITHDRAWN', { cause: 'wrong-file' }) })),
  });
  pages.push({ name: 'home local', path: '/', page: homePage({ baseUrl: 'http://127.0.0.1:3000', local: true }) });
  pages.push({ name: 'home aws', path: '/hem', page: homePage({ baseUrl: 'https://justera.example.se', local: false }) });
  pages.push(...publicPages());
  return pages;
}
