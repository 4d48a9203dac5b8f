// The Atom builder: well-formed and valid by RFC 4287's rules with ordinary
// and with hostile text, and the checker itself refuses what breaks them.
import { describe, expect, it } from 'vitest';
import { atomFeed, noticeSummary, xmlText, type Feed, type FeedEntry } from '../../../shared/feeds/atom';
import { checkAtom } from '../../support/atom-check';
import { HOSTILE, notice } from '../pages/fixtures';

const BASE = 'https://justera.example.se';

function entry(n: number, over: Partial<FeedEntry> = {}): FeedEntry {
  return {
    url: `${BASE}/protocols/${String(n).padStart(20, '0')}`,
    title: `Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-1${n}: protokollet är justerat`,
    updated: `2025-02-1${n}T17:57:05.000Z`,
    summary: noticeSummary(notice()),
    pdfUrl: `${BASE}/protocols/${String(n).padStart(20, '0')}/pdf`,
    ...over,
  };
}

function feed(entries: FeedEntry[], over: Partial<Feed> = {}): Feed {
  return { self: `${BASE}/feeds`, alternate: `${BASE}/anslagstavla`, title: 'Justerade protokoll', author: 'Region Exempel', now: '2025-03-01T08:00:00.000Z', entries, ...over };
}

describe('atomFeed', () => {
  it('is a valid Atom feed: ids, titles, dates, links, unique entries, newest update as the feed update', () => {
    const parsed = checkAtom(atomFeed(feed([entry(1), entry(3), entry(2)])));
    expect(parsed.id).toBe(`${BASE}/feeds`);
    expect(parsed.title).toBe('Justerade protokoll');
    expect(parsed.updated).toBe('2025-02-13T17:57:05.000Z');
    expect(parsed.entries.map((e) => e.link)).toEqual([entry(1).url, entry(3).url, entry(2).url]);
    expect(parsed.entries[0]!.enclosure).toBe(entry(1).pdfUrl);
    expect(parsed.entries[0]!.summary).toContain('Sista dag för överklagande: 2025-03-13.');
  });

  it('has an updated date without entries too', () => {
    const parsed = checkAtom(atomFeed(feed([])));
    expect(parsed.updated).toBe('2025-03-01T08:00:00.000Z');
    expect(parsed.entries).toEqual([]);
  });

  it('stays well-formed with markup, quotes, controls and lone surrogates from a PDF, and keeps the readable text', () => {
    const nasty = `${HOSTILE.script} ${HOSTILE.quotes} a\u0001b\u000Bc\uFFFE \uD800x ${HOSTILE.rtl}`;
    const parsed = checkAtom(atomFeed(feed([entry(1, { title: nasty, summary: HOSTILE.attribute })], { title: nasty, author: nasty })));
    expect(parsed.title).toBe(`${HOSTILE.script} ${HOSTILE.quotes} abc x ${HOSTILE.rtl}`);
    expect(parsed.entries[0]!.summary).toBe(HOSTILE.attribute);
  });
});

describe('the checker', () => {
  const good = atomFeed(feed([entry(1), entry(2)]));

  it('refuses what is not well-formed', () => {
    expect(() => checkAtom(good.replace('</feed>', ''))).toThrow(/well-formed|unclosed|end/i);
    expect(() => checkAtom(good.replace('<title>Justerade', '<title>Just & erade'))).toThrow(/&/);
    expect(() => checkAtom(good.replace('<title>Justerade', '<title>Just\u0001erade'))).toThrow(/Char/);
    expect(() => checkAtom(good.replace('<title>Justerade', '<title><b>Justerade'))).toThrow(/well-formed/);
  });

  it('refuses repeated ids, relative URLs, a missing updated and non-RFC 3339 dates', () => {
    expect(() => checkAtom(atomFeed(feed([entry(1), entry(1)])))).toThrow(/repeat/);
    expect(() => checkAtom(atomFeed(feed([entry(1, { url: '/protocols/x' })])))).toThrow();
    expect(() => checkAtom(good.replace(/<updated>[^<]*<\/updated>/, ''))).toThrow(/updated/);
    expect(() => checkAtom(atomFeed(feed([entry(1, { updated: '2025-02-11' })])))).toThrow(/RFC 3339/);
  });
});

describe('xmlText', () => {
  it('escapes the five XML specials and drops what XML cannot carry', () => {
    expect(xmlText(`<a href="x">'&'</a>\u0000\u0007\u001F\t\n`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\t\n');
    expect(xmlText('😀 å')).toBe('😀 å');
  });
});
