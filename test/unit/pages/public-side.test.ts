// The public pages for people: decision search, protocol pages, the list of
// protocols, the accessibility statement, and the Accept header that chooses
// between a page and JSON.
import { describe, expect, it } from 'vitest';
import { wantsHtml } from '../../../shared/api/public-pages';
import { detailView } from '../../../shared/api/views';
import type { HttpEvent } from '../../../shared/lambda/http';
import { decisionsPage } from '../../../shared/pages/decisions';
import { protocolPage } from '../../../shared/pages/public-protocol';
import { allPages, HOSTILE, items, notice, protocol, signer } from './fixtures';
import { ALLOWED_TAGS, find, tags, textOf } from './markup';
import { FINGERPRINT, SIGNED_SHA, adjustedDecisions, published } from './public-fixtures';

const BASE = 'https://justera.example.se';
const bodies = [{ slug: 'samverkansnamnd-mellansverige', name: 'Samverkansnämnd Sjukvårdsregion Mellansverige' }];

function detail(lang: 'sv' | 'en', p = published(), today = '2025-03-01'): string {
  const signers = [signer({ status: 'signed', email: 'ordforande@example.se' })];
  return protocolPage({ lang, protocol: detailView(p, items(), adjustedDecisions(p), signers, notice(), BASE), organisation: 'Region Exempel', fingerprints: [FINGERPRINT], baseUrl: BASE, today }).value;
}

describe('decision search page', () => {
  const found = adjustedDecisions();
  const out = decisionsPage({ lang: 'sv', search: { q: 'budget', body: bodies[0]!.slug }, bodies, decisions: found, next: 'CURSOR+/=' }).value;

  it('is a GET form with labelled fields for words, body and dates, filled with the search', () => {
    expect(find(out, 'form', { method: 'get', action: '/beslut' })).toHaveLength(1);
    for (const id of ['q', 'body', 'from', 'to']) expect(find(out, 'label', { for: id }), id).toHaveLength(1);
    expect(find(out, 'input', { id: 'q', value: 'budget' })).toHaveLength(1);
    expect(out).toContain('<option value="samverkansnamnd-mellansverige" selected>');
  });

  it('lists each decision with its text, § and a link to the protocol page', () => {
    const rows = find(out, 'li');
    expect(rows.length).toBeGreaterThanOrEqual(found.length);
    const text = textOf(out);
    for (const d of found) {
      expect(text).toContain(d.itemNumber);
      expect(text).toContain(d.text.split('\n')[0]!.replace(/&/g, '&amp;').slice(0, 20));
    }
    expect(find(out, 'a', { href: `/protocols/${found[0]!.protocolId}` }).length).toBe(found.length);
  });

  it('pages with the API cursor and keeps the search', () => {
    const next = find(out, 'a', { rel: 'next' });
    expect(next).toHaveLength(1);
    const url = new URL(next[0]!.attrs.href!.replace(/&amp;/g, '&'), BASE);
    expect(url.pathname).toBe('/beslut');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'budget', body: 'samverkansnamnd-mellansverige', cursor: 'CURSOR+/=' });
  });

  it('has no next link on the last page and says when nothing matched', () => {
    const none = decisionsPage({ lang: 'sv', search: { q: 'xyzzy' }, bodies, decisions: [], next: null }).value;
    expect(find(none, 'a', { rel: 'next' })).toHaveLength(0);
    expect(textOf(none)).toContain('Inga justerade beslut matchar sökningen.');
  });

  it('speaks English with lang=en kept in the form and the links', () => {
    const en = decisionsPage({ lang: 'en', search: { q: 'budget' }, bodies, decisions: found, next: 'c' }).value;
    expect(en).toContain('<html lang="en">');
    expect(find(en, 'input', { type: 'hidden', name: 'lang', value: 'en' })).toHaveLength(1);
    expect(find(en, 'a', { href: `/protocols/${found[0]!.protocolId}?lang=en` }).length).toBe(found.length);
    expect(find(en, 'a', { rel: 'next' })[0]!.attrs.href).toContain('lang=en');
    expect(find(en, 'a', { hreflang: 'sv' })[0]!.attrs.href).toBe('?q=budget');
  });

  it('shows a refused query as an alert and no results', () => {
    const bad = decisionsPage({ lang: 'sv', search: {}, bodies, decisions: found, next: null, problem: 'from must not be after to' }).value;
    expect(find(bad, 'div', { role: 'alert' })).toHaveLength(1);
    expect(find(bad, 'ul', { class: 'rows' })).toHaveLength(0);
  });

  it('renders hostile search words and decision text as text', () => {
    const hostile = decisionsPage({ lang: 'sv', search: { q: HOSTILE.attribute }, bodies, decisions: adjustedDecisions(published({ bodyName: HOSTILE.script })), next: null }).value;
    for (const t of tags(hostile)) expect(ALLOWED_TAGS.has(t.name), t.raw).toBe(true);
    expect(hostile).not.toContain('<script>');
    expect(hostile).not.toContain('<img');
    expect(hostile).toContain('&lt;script&gt;');
  });
});

describe('protocol page', () => {
  const out = detail('sv');

  it('shows meta, every § with its decisions, the notice and the signed PDF link', () => {
    const text = textOf(out);
    for (const label of ['Sammanträdesdatum', 'Plats', 'Ordförande', 'Justerare', 'Sekreterare']) expect(out).toContain(`<dt>${label}</dt>`);
    for (const i of items()) expect(text).toContain(i.title.replace(/&/g, '&amp;'));
    expect(find(out, 'div', { class: 'decision' }).length).toBe(new Set(adjustedDecisions().map((d) => d.itemIndex)).size);
    expect(find(out, 'a', { href: `${BASE}/protocols/${published().id}/pdf` })).toHaveLength(1);
    expect(text).toContain('Sista dag för överklagande');
    expect(out).toContain('<time datetime="2025-03-13">torsdag 13 mars 2025</time>');
    // The notice's facts as the board gives them: the §§ and where the protocol is kept.
    expect(text).toContain('Paragrafer§ 1–12');
    expect(text).toContain('FörvaringsplatsRegionkansliet, Storgatan 1');
  });

  it('explains the seal in words with the PDF hash and the certificate fingerprint', () => {
    const text = textOf(out);
    expect(text).toContain('Kontroll av förseglingen');
    expect(text).toContain('Region Exempels digitala sigill');
    expect(text).toContain(SIGNED_SHA);
    expect(text).toContain(FINGERPRINT);
    expect(find(out, 'a', { href: `${BASE}/seal-certificates` })).toHaveLength(1);
  });

  it('carries no e-mail address, IP or user agent', () => {
    expect(out).not.toMatch(/@example\.se|ordforande@|sekreterare@/);
    expect(out).not.toMatch(/127\.0\.0\.1|Mozilla/);
  });

  it('names minnesanteckningar so on the PDF link and when the notice is taken down', () => {
    const notes = detail('sv', published({ kind: 'minnesanteckningar' }), '2099-01-01');
    expect(textOf(notes)).toContain('Justerade minnesanteckningar (PDF)');
    expect(textOf(notes)).toContain('minnesanteckningarna finns kvar här');
    expect(textOf(notes)).not.toContain('Justerat protokoll (PDF)');
    expect(textOf(detail('en', published({ kind: 'minnesanteckningar' })))).toContain('Adjusted meeting notes (PDF)');
    expect(textOf(detail('sv'))).toContain('Justerat protokoll (PDF)');
  });

  it('names minnesanteckningar so before publication and when no item was read', () => {
    const page = (kind: 'protokoll' | 'minnesanteckningar', lang: 'sv' | 'en') =>
      textOf(protocolPage({ lang, protocol: detailView(published({ kind, status: 'ROUTED' }), [], [], [], null, BASE), organisation: 'Region Exempel', fingerprints: [], baseUrl: BASE, today: '2025-03-01' }).value);
    const notes = page('minnesanteckningar', 'sv');
    expect(notes).toContain('Minnesanteckningarna är inte publicerade än.');
    expect(notes).toContain('Inga punkter har lästs ut ur minnesanteckningarna');
    expect(notes).toContain('Punkter och beslut');
    expect(notes).not.toMatch(/protokollet|paragrafer/i); // (the site footer names protokoll in general)
    expect(page('minnesanteckningar', 'en')).toContain('These meeting notes are not published yet.');
    expect(page('protokoll', 'sv')).toContain('Protokollet är inte publicerat än.');
    expect(page('protokoll', 'sv')).toContain('Inga paragrafer har lästs ut ur protokollet');
  });

  it('says when the notice is taken down, and keeps the protocol', () => {
    expect(textOf(out)).not.toContain('Anslaget är nedtaget');
    expect(textOf(detail('sv', published(), notice().takeDownOn))).not.toContain('Anslaget är nedtaget');
    const later = detail('sv', published(), '2025-03-15');
    expect(textOf(later)).toContain('Anslaget är nedtaget; protokollet finns kvar här.');
    expect(textOf(later)).toContain('Paragrafer och beslut');
  });

  it('shows a protocol that is not published as such, without PDF or seal', () => {
    const routed = detail('sv', protocol());
    expect(textOf(routed)).toContain('Protokollet är inte publicerat än.');
    expect(textOf(routed)).not.toContain('Kontroll av förseglingen');
    expect(find(routed, 'a', { class: 'button wide' })).toHaveLength(0);
  });

  it('speaks English', () => {
    const en = detail('en');
    expect(en).toContain('<html lang="en">');
    expect(textOf(en)).toContain('Checking the seal');
    expect(textOf(en)).toContain('Last day to appeal');
  });

  it('renders hostile names as text', () => {
    const hostile = detail('sv', published({ bodyName: HOSTILE.script, chair: HOSTILE.attribute, place: HOSTILE.quotes, adjusters: [HOSTILE.rtl] }));
    for (const t of tags(hostile)) expect(ALLOWED_TAGS.has(t.name), t.raw).toBe(true);
    expect(hostile).toContain('<bdi>Patrik \u202Efdp.exe</bdi>');
  });
});

describe('every page', () => {
  it.each(allPages().map((p) => [p.name, p.page.value] as const))('%s links the accessibility statement from its footer', (_name, page) => {
    const footer = page.slice(page.indexOf('<footer'));
    const lang = /<html lang="(\w+)">/.exec(page)![1];
    expect(find(footer, 'a', { href: lang === 'en' ? '/tillganglighet?lang=en' : '/tillganglighet' })).toHaveLength(1);
  });
});

describe('Accept', () => {
  const event = (accept?: string) => ({ headers: accept === undefined ? {} : { Accept: accept } }) as unknown as HttpEvent;

  it('gives a browser HTML', () => {
    expect(wantsHtml(event('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'))).toBe(true);
    expect(wantsHtml(event('text/html'))).toBe(true);
  });

  it('gives API clients JSON: none, */*, application/json, or JSON preferred', () => {
    expect(wantsHtml(event())).toBe(false);
    expect(wantsHtml(event('*/*'))).toBe(false);
    expect(wantsHtml(event('application/json'))).toBe(false);
    expect(wantsHtml(event('application/json, text/html;q=0.5'))).toBe(false);
    expect(wantsHtml(event('text/*;q=0.9, application/json'))).toBe(false);
    expect(wantsHtml(event('text/html;q=0, */*'))).toBe(false);
  });
});
