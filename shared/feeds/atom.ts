// Atom feeds (RFC 4287) of published protocols, one entry per protocol with
// its notice of adjustment: what a resident following a body wants to hear
// of. Built from the API's public views only. Text from PDFs may hold
// characters XML 1.0 cannot carry even as references (C0 controls, U+FFFE/F,
// lone surrogates): they are dropped, the rest escaped, so the feed is always
// well-formed.
import type { NoticeRecord } from '../domain/records';

export interface FeedEntry {
  /** Absolute URL of the protocol page, which is also the entry's id. */
  url: string;
  title: string;
  /** RFC 3339 time of the last significant change (publication). */
  updated: string;
  summary: string;
  pdfUrl: string | null;
}

export interface Feed {
  /** Absolute URL of the feed itself: its id and its rel="self" link. */
  self: string;
  /** Absolute URL of the page for people (the board, or the body's decisions). */
  alternate: string;
  title: string;
  author: string;
  /** Used for `updated` when there is no entry. */
  now: string;
  entries: FeedEntry[];
}

// eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for XML content or an attribute value: what XML cannot carry dropped, the rest escaped. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** The entry summary of a published protocol: the notice's facts, in Swedish as the notice is. */
export function noticeSummary(notice: NoticeRecord | null): string {
  if (!notice) return 'Protokollet är justerat och publicerat.';
  return `Justerat ${notice.adjustedOn}, anslaget ${notice.postedOn}. Sista dag för överklagande: ${notice.appealEndsOn}. Anslaget tas ned ${notice.takeDownOn}.`;
}

function entryXml(e: FeedEntry): string {
  return [
    '<entry>',
    `<id>${xmlText(e.url)}</id>`,
    `<title>${xmlText(e.title)}</title>`,
    `<updated>${xmlText(e.updated)}</updated>`,
    `<link rel="alternate" type="text/html" href="${xmlText(e.url)}"/>`,
    e.pdfUrl ? `<link rel="enclosure" type="application/pdf" href="${xmlText(e.pdfUrl)}"/>` : '',
    `<summary>${xmlText(e.summary)}</summary>`,
    '</entry>',
  ].join('');
}

export function atomFeed(feed: Feed): string {
  const updated = feed.entries.reduce((latest, e) => (e.updated > latest ? e.updated : latest), feed.entries.length ? '' : feed.now);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">',
    `<id>${xmlText(feed.self)}</id>`,
    `<title>${xmlText(feed.title)}</title>`,
    `<updated>${xmlText(updated)}</updated>`,
    `<author><name>${xmlText(feed.author)}</name></author>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlText(feed.alternate)}"/>`,
    ...feed.entries.map(entryXml),
    '</feed>',
    '',
  ].join('\n');
}
