// Everything on these pages comes from uploaded PDFs (or mails built from
// them): hostile strings must arrive as inert text, escaped by construction.
import { describe, expect, it } from 'vitest';
import { noticeBoardPage } from '../../../shared/pages/notices';
import { outboxPage } from '../../../shared/pages/outbox';
import { safeUrl } from '../../../shared/pages/parts';
import { signPage } from '../../../shared/pages/sign';
import { HOSTILE, PDF_URL, STATES, TOKEN, hostileView, notice, outboxEntries } from './fixtures';
import { ALLOWED_TAGS, find, tags } from './markup';

function expectInert(out: string) {
  expect(out).not.toMatch(/<script/i);
  expect(out).not.toMatch(/<img/i);
  for (const tag of tags(out)) {
    expect(ALLOWED_TAGS.has(tag.name), tag.raw).toBe(true);
    expect(Object.keys(tag.attrs).some((a) => a.startsWith('on')), tag.raw).toBe(false);
  }
}

describe.each(STATES)('sign page with hostile data (%s)', (state) => {
  const out = signPage({ view: hostileView(state), lang: 'sv', token: TOKEN, pdfUrl: PDF_URL }).value;

  it('renders markup-like names and titles as text', () => {
    expectInert(out);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes quotes, ampersands and backticks', () => {
    expect(out).toContain('O&#39;Brien &amp; &quot;Bästa&quot; &#96;mallen&#96;');
  });

  it('isolates a right-to-left override and keeps zero-width characters as text', () => {
    expect(out).toContain(`<bdi>${HOSTILE.rtl}</bdi>`);
    expect(out).toContain(`<bdi>${HOSTILE.zeroWidth}</bdi>`);
    // Outside <bdi>, <p> and the like, no override can leak into the chrome: the title drops it.
    expect(out).toMatch(/<title>[^\u202e<]*<\/title>/);
  });
});

describe('hostile text in the other pages', () => {
  it('notice board', () => {
    const out = noticeBoardPage({
      notices: [notice({ bodyName: HOSTILE.script, meetingDate: HOSTILE.attribute, keptAt: HOSTILE.script, paragraphs: HOSTILE.attribute, protocolUrl: 'javascript:alert(1)', pdfUrl: 'data:text/html,<b>' })],
      today: '2025-03-01',
      baseUrl: 'https://justera.example.se',
    }).value;
    expectInert(out);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).not.toMatch(/href="(javascript:|data:text)/);
    // The protocol's page is linked with words: an unsafe address is neither linked nor shown.
    expect(out).not.toContain('javascript:alert(1)');
  });

  it('outbox', () => {
    const entry = { ...outboxEntries()[0]!, subject: HOSTILE.script, to: HOSTILE.attribute, text: `${HOSTILE.rtl}\n${HOSTILE.script} https://x.example.se/a"b<c`, links: ['javascript:alert(1)', 'https://x.example.se/ok'] };
    const out = outboxPage([entry]).value;
    expectInert(out);
    expect(out).not.toContain('href="javascript:');
    expect(find(out, 'a', { href: 'https://x.example.se/ok' })).toHaveLength(1);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('safeUrl', () => {
  it.each([
    ['/sign/abc/pdf', '/sign/abc/pdf'],
    ['?lang=en', '?lang=en'],
    ['#main', '#main'],
    ['https://justera.example.se/protocols/1', 'https://justera.example.se/protocols/1'],
    ['http://127.0.0.1:3000/outbox', 'http://127.0.0.1:3000/outbox'],
    ['javascript:alert(1)', null],
    [' JavaScript:alert(1)', null],
    ['data:text/html,x', null],
    ['//evil.example.com/x', null],
    ['/\\evil.example.com', null],
    ['vbscript:x', null],
    ['', null],
  ])('%s → %s', (url, expected) => {
    expect(safeUrl(url)).toBe(expected);
  });
});
