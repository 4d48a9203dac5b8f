// Closure on the pages: a signer's link after signing follows the protocol to
// its end (waiting, paused, adjusted, published), a change request from a
// second tab says it was not sent, the action stays in reach on a long page,
// and the notice carries every fact the law and practice ask for.
import { describe, expect, it } from 'vitest';
import { noticeBoardPage } from '../../../shared/pages/notices';
import { signPage } from '../../../shared/pages/sign';
import { PDF_URL, PROTOCOL_ID, STATES, TOKEN, linkView, notice } from './fixtures';
import { find, textOf } from './markup';

const render = (view: ReturnType<typeof linkView>, lang: 'sv' | 'en' = 'sv', notice?: Parameters<typeof signPage>[0]['notice']) =>
  signPage({ view, lang, token: TOKEN, pdfUrl: PDF_URL, notice }).value;

describe("a signer's link after signing", () => {
  it('waiting for others: thanks, who has signed, and no forms', () => {
    const out = render(linkView('signed'));
    expect(textOf(out)).toContain('Tack – du har justerat protokollet');
    expect(textOf(out)).toContain('Har inte justerat än');
    expect(find(out, 'form')).toHaveLength(0);
  });

  it('paused by a change request: says so, with who asked (the public reason) and when this signer signed', () => {
    const view = linkView('paused', {
      signer: { status: 'signed', signature: { at: '2025-02-18T09:00:00.000Z', ip: '192.0.2.1', userAgent: 'x', pdfSha256: 'a' } },
      protocol: { reason: { code: 'CHANGES_REQUESTED', sv: 'Patrik Stenvard (justerare) begärde en ändring. Kommentaren har skickats till sekreteraren.', en: 'Patrik Stenvard (adjuster) requested a change.' } },
    });
    const text = textOf(render(view));
    expect(text).toContain('Justeringen är pausad');
    expect(text).toContain('Du justerade 2025-02-18 10:00 CET.');
    expect(text).toContain('Patrik Stenvard (justerare) begärde en ändring.');
    expect(text).not.toContain('Tack – du har justerat');
    expect(textOf(render(view, 'en'))).toContain('Patrik Stenvard (adjuster) requested a change.');
  });

  it('adjusted: being sealed, the PDF comes by mail', () => {
    expect(textOf(render(linkView('adjusted')))).toContain('Det stämplas och förseglas nu');
  });

  it('published: the signed PDF and the notice dates', () => {
    const out = render(linkView('published'));
    const text = textOf(out);
    expect(text).toContain('Protokollet är justerat och anslaget');
    expect(text).toContain('sista dag att överklaga är 2025-03-13');
    expect(find(out, 'a', { href: `https://justera.example.se/protocols/${PROTOCOL_ID}/pdf` })).toHaveLength(1);
    expect(find(out, 'form')).toHaveLength(0);
  });
});

describe('a change request after signing (two tabs)', () => {
  it('says the request was not sent', () => {
    const out = render(linkView('signed'), 'sv', 'change-not-sent');
    expect(out).toContain('role="alert"');
    expect(textOf(out)).toContain('Din begäran om ändring skickades inte: du hade redan justerat protokollet');
    expect(textOf(render(linkView('signed'), 'en', 'change-not-sent'))).toContain('Your change request was not sent');
  });

  it('a plain repeat of the signature shows no error', () => {
    expect(render(linkView('signed'), 'sv', 'refused')).not.toContain('role="alert"');
  });
});

describe('the action within reach on a long page', () => {
  it('an open link has a bar that jumps to both forms, and the banner link is a button-sized target', () => {
    const out = render(linkView('open'));
    const [bar] = find(out, 'nav', { class: 'action-bar no-print' });
    expect(bar?.attrs['aria-label']).toBe('Snabbval');
    expect(find(out, 'a', { class: 'button', href: '#justera' })).toHaveLength(1);
    expect(find(out, 'a', { class: 'button secondary', href: '#andring' })).toHaveLength(1);
    expect(find(out, 'a', { class: 'button secondary', href: '#justera' })).toHaveLength(1);
    expect(out).toMatch(/\.action-bar\{position:sticky;bottom:0/);
  });

  it('a closed link has no bar', () => {
    expect(find(render(linkView('signed')), 'nav', { class: 'action-bar no-print' })).toHaveLength(0);
  });
});

describe('the notice', () => {
  const out = noticeBoardPage({ notices: [notice(), notice({ protocolId: 'm1', kind: 'minnesanteckningar', keptAt: null, paragraphs: '1–5' })], today: '2025-03-01', baseUrl: 'https://justera.example.se' }).value;

  it('states organ, kind, meeting date, paragraphs, adjustment, posting, taking down, where it is kept and the last day to appeal', () => {
    expect(out).toContain('<dt>Organ</dt><dd><bdi>Samverkansnämnd Sjukvårdsregion Mellansverige</bdi></dd>');
    expect(out).toContain('<dt>Handling</dt><dd>Protokoll</dd>');
    expect(out).toContain('<dt>Handling</dt><dd>Minnesanteckningar</dd>');
    expect(out).toContain('<dt>Paragrafer</dt><dd><bdi>§ 1–12</bdi></dd>');
    expect(out).toContain('<dt>Förvaringsplats</dt><dd><bdi>Regionkansliet, Storgatan 1</bdi><br>');
    for (const label of ['Sammanträdesdatum', 'Justeringsdatum', 'Anslaget', 'Tas ned']) expect(out).toContain(`<dt>${label}</dt>`);
    expect(out).toContain('Sista dag för överklagande');
  });

  it("links the protocol's public page with readable words, not its address", () => {
    const [a] = find(out, 'a', { href: `https://justera.example.se/protocols/${PROTOCOL_ID}` });
    expect(a).toBeTruthy();
    expect(out).toContain(`>Protokoll på webben<span class="vh">`);
    expect(textOf(out)).not.toContain(`https://justera.example.se/protocols/${PROTOCOL_ID}`);
    expect(out).toContain('Justerade minnesanteckningar (PDF)');
  });
});

describe('minnesanteckningar on the signing page', () => {
  it('are called by their name in the title and the headings', () => {
    for (const state of ['open', 'signed', 'published'] as const) {
      const out = render(linkView(state, { protocol: { kind: 'minnesanteckningar' } }));
      const title = /<title>([^<]*)<\/title>/.exec(out)![1]!;
      expect(title.toLowerCase(), state).toContain('minnesanteckningarna');
      const headings = [...out.matchAll(/<h[12][^>]*>([\s\S]*?)<\/h[12]>/g)].map((m) => m[1]!).join(' | ');
      expect(headings, state).not.toMatch(/protokoll/i);
    }
    expect(/<title>([^<]*)<\/title>/.exec(render(linkView('open', { protocol: { kind: 'minnesanteckningar' } }), 'en'))![1]).toContain('meeting notes');
  });

  it('are called so in every sentence of the Swedish page, in every state, with the words agreeing (de är justerade)', () => {
    // Our words only: no paragraphs read from the draft (which may say "protokoll"), and not the site's footer.
    const ours = (html: string) => textOf(html.replace(/<footer class="site-footer">[\s\S]*?<\/footer>/, ''));
    for (const state of STATES) {
      const view = { ...linkView(state, { protocol: { kind: 'minnesanteckningar' } }), items: [], decisions: [] };
      const text = ours(render(view));
      expect(text, state).not.toMatch(/protokoll/i);
      expect(text, state).toMatch(/minnesanteckningar/i);
    }
    const adjusted = textOf(render(linkView('adjusted', { protocol: { kind: 'minnesanteckningar' } })));
    expect(adjusted).toContain('Minnesanteckningarna är justerade');
    expect(adjusted).toContain('De stämplas och förseglas nu');
    expect(textOf(render(linkView('open', { protocol: { kind: 'minnesanteckningar' } })))).toContain('Jag har läst minnesanteckningarna och justerar dem som');
    // A protokoll keeps its words.
    expect(textOf(render(linkView('adjusted')))).toContain('Protokollet är justerat');
  });
});
