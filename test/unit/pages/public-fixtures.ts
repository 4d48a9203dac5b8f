// The public pages with realistic data (the Mellansverige protocol of
// fixtures.ts, published and sealed) and with hostile strings, for the page
// tests and the browser's axe checks.
import type { Html } from '../../../shared/html/html';
import { detailView, summaryView } from '../../../shared/api/views';
import { decisionsPage } from '../../../shared/pages/decisions';
import { accessibilityPage } from '../../../shared/pages/public-accessibility';
import { noticeArchivePage } from '../../../shared/pages/public-archive';
import { protocolPage } from '../../../shared/pages/public-protocol';
import { protocolsPage } from '../../../shared/pages/public-protocols';
import { subscribeButtonPage, subscribeMessagePage, subscribePage, tooManyPage } from '../../../shared/pages/subscribe';
import type { DecisionRecord, ProtocolRecord } from '../../../shared/domain/records';
import { HOSTILE, decisions, items, notice, protocol } from './fixtures';

const BASE = 'https://justera.example.se';
export const FINGERPRINT = 'b'.repeat(64);
export const SIGNED_SHA = 'c'.repeat(64);

export function published(overrides: Partial<ProtocolRecord> = {}): ProtocolRecord {
  return protocol({
    status: 'PUBLISHED',
    adjustedAt: '2025-02-19T17:56:00.000Z',
    sealedAt: '2025-02-19T17:57:00.000Z',
    publishedAt: '2025-02-19T17:57:05.000Z',
    signedKey: `signed/${protocol().id}.pdf`,
    signedSha256: SIGNED_SHA,
    ...overrides,
  });
}

export function adjustedDecisions(p: ProtocolRecord = published()): DecisionRecord[] {
  return decisions(p).map((d) => ({ ...d, status: 'adjusted' as const }));
}

function hostileProtocol(): ProtocolRecord {
  return published({ bodyName: HOSTILE.script, chair: HOSTILE.attribute, adjusters: [HOSTILE.rtl], place: HOSTILE.quotes, secretary: HOSTILE.zeroWidth });
}

export function publicPages(): { name: string; path: string; page: Html }[] {
  const p = published();
  const detail = (lang: 'sv' | 'en', record: ProtocolRecord = p, today = '2025-03-01') =>
    protocolPage({ lang, protocol: detailView(record, items(), adjustedDecisions(record), [], notice(), BASE), organisation: 'Region Exempel', fingerprints: [FINGERPRINT], baseUrl: BASE, today });
  const bodies = [{ slug: p.body, name: p.bodyName ?? p.body }, { slug: 'regionsjukvardsledningen-sydost', name: 'Regionsjukvårdsledningen, Sydöstra sjukvårdsregionen' }];
  const found = adjustedDecisions(p);
  return [
    { name: 'decisions sv', path: '/beslut', page: decisionsPage({ lang: 'sv', search: {}, bodies, decisions: found, next: 'eyJrIjoiMSJ9' }) },
    { name: 'decisions en, a search', path: '/beslut-en', page: decisionsPage({ lang: 'en', search: { q: 'budget', body: p.body, from: '2025-01-01', to: '2025-12-31' }, bodies, decisions: found.slice(0, 2), next: null }) },
    { name: 'decisions none', path: '/beslut-tom', page: decisionsPage({ lang: 'sv', search: { q: 'xyzzy' }, bodies, decisions: [], next: null }) },
    { name: 'decisions refused', path: '/beslut-fel', page: decisionsPage({ lang: 'sv', search: { from: '2025-03-01', to: '2025-01-01' }, bodies, decisions: [], next: null, problem: 'from: from must not be after to' }) },
    { name: 'decisions hostile', path: '/beslut-hostile', page: decisionsPage({ lang: 'sv', search: { q: HOSTILE.attribute }, bodies, decisions: adjustedDecisions(hostileProtocol()), next: null }) },
    { name: 'protocol sv', path: '/protocols/published-sv', page: detail('sv') },
    { name: 'protocol en', path: '/protocols/published-en', page: detail('en') },
    { name: 'protocol, notice taken down', path: '/protocols/taken-down', page: detail('sv', p, '2025-06-01') },
    { name: 'protocol not published', path: '/protocols/routed', page: detail('sv', protocol()) },
    { name: 'protocol hostile', path: '/protocols/hostile', page: detail('sv', hostileProtocol()) },
    { name: 'protocols list', path: '/protocols', page: protocolsPage({ lang: 'sv', protocols: [summaryView(p, BASE)], nextQuery: 'cursor=abc' }) },
    { name: 'protocols list empty en', path: '/protocols-en', page: protocolsPage({ lang: 'en', protocols: [], nextQuery: null }) },
    { name: 'notice archive', path: '/anslagstavla/arkiv', page: noticeArchivePage([notice({ takeDownOn: '2025-03-14' }), notice({ protocolId: '01JMC2A7B9C4D6E8F0G2H4J6K8', bodyName: HOSTILE.script, meetingDate: null })]) },
    { name: 'notice archive empty', path: '/anslagstavla/arkiv-tom', page: noticeArchivePage([]) },
    { name: 'accessibility sv', path: '/tillganglighet', page: accessibilityPage('sv') },
    { name: 'accessibility en', path: '/tillganglighet-en', page: accessibilityPage('en') },
    ...subscriptionPages(bodies[0]!),
  ];
}

/** Every page of an e-mail subscription, both languages, and the form with a hostile body name. */
function subscriptionPages(body: { slug: string; name: string }): { name: string; path: string; page: Html }[] {
  const token = 'A'.repeat(43);
  return (['sv', 'en'] as const).flatMap((lang) => [
    { name: `subscribe ${lang}`, path: `/prenumeration/form-${lang}`, page: subscribePage(lang, body) },
    { name: `subscribe ${lang}, a bad address`, path: `/prenumeration/fel-${lang}`, page: subscribePage(lang, body, lang === 'sv' ? 'Skriv en giltig e-postadress.' : 'Enter a valid e-mail address.') },
    { name: `subscribe sent ${lang}`, path: `/prenumeration/skickat-${lang}`, page: subscribeMessagePage(lang, 'sent', body.name) },
    { name: `subscribe confirm ${lang}`, path: `/prenumeration/bekrafta/${lang}`, page: subscribeButtonPage(lang, 'confirm', `/prenumeration/bekrafta/${token}`) },
    { name: `subscribe confirmed ${lang}`, path: `/prenumeration/bekraftad-${lang}`, page: subscribeMessagePage(lang, 'confirmed', body.name) },
    { name: `unsubscribe ${lang}`, path: `/prenumeration/avsluta/${lang}`, page: subscribeButtonPage(lang, 'unsubscribe', `/prenumeration/avsluta/${token}`) },
    { name: `unsubscribed ${lang}`, path: `/prenumeration/avslutad-${lang}`, page: subscribeMessagePage(lang, 'unsubscribed') },
    { name: `subscription link invalid ${lang}`, path: `/prenumeration/ogiltig-${lang}`, page: subscribeMessagePage(lang, 'invalid') },
    { name: `subscription unknown body ${lang}`, path: `/prenumeration/okand-${lang}`, page: subscribeMessagePage(lang, 'unknownBody') },
    { name: `subscription 429 ${lang}`, path: `/prenumeration/for-manga-${lang}`, page: tooManyPage(lang, 1500) },
    ...(lang === 'sv' ? [{ name: 'subscribe hostile', path: '/prenumeration/hostile', page: subscribePage('sv', { slug: body.slug, name: HOSTILE.script }, HOSTILE.attribute) }] : []),
  ]);
}
