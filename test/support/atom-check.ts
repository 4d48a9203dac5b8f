// The RFC 4287 rules a feed reader relies on, checked on the parsed XML
// (@xmldom/xmldom; any well-formedness error fails): feed id, title and
// updated; each entry's id, title, updated and alternate link; ids unique;
// every id and link an absolute URL; dates RFC 3339; an author for the feed.
import { DOMParser, type Element } from '@xmldom/xmldom';

export const ATOM = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface ParsedFeed {
  id: string;
  title: string;
  updated: string;
  entries: { id: string; title: string; updated: string; link: string; summary: string; enclosure: string | null }[];
}

function one(parent: Element, name: string): Element {
  const found = Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === name && (n as Element).namespaceURI === ATOM);
  if (found.length !== 1) throw new Error(`<${parent.localName}> has ${found.length} <${name}>, RFC 4287 wants exactly one`);
  return found[0]!;
}

function absolute(url: string, what: string): string {
  const parsed = new URL(url); // throws on a relative URL
  if (!/^https?:$/.test(parsed.protocol)) throw new Error(`${what} is not an http(s) URL: ${url}`);
  return url;
}

function date(value: string, what: string): string {
  if (!RFC3339.test(value) || Number.isNaN(Date.parse(value))) throw new Error(`${what} is not an RFC 3339 date: ${value}`);
  return value;
}

function links(parent: Element): Element[] {
  return Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === 'link');
}

// xmldom forgives two things XML 1.0 does not, so they are checked on the text:
// characters outside the Char production, and an '&' that starts no reference.
// eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point
const NOT_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BARE_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/** Parses the feed and throws on the first rule broken; returns what it read. */
export function checkAtom(xml: string): ParsedFeed {
  if (NOT_CHAR.test(xml)) throw new Error('not well-formed XML: a character outside XML 1.0 Char');
  if (BARE_AMPERSAND.test(xml)) throw new Error('not well-formed XML: an & that starts no reference');
  const errors: string[] = [];
  let doc: ReturnType<DOMParser['parseFromString']>;
  try {
    doc = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(xml, 'application/xml');
  } catch (e) {
    // xmldom throws on fatal errors such as mismatched tags.
    throw new Error(`not well-formed XML: ${(e as Error).message}`);
  }
  if (errors.length) throw new Error(`not well-formed XML:\n${errors.join('\n')}`);
  const feed = doc.documentElement!;
  if (feed.localName !== 'feed' || feed.namespaceURI !== ATOM) throw new Error('the root is not an Atom <feed>');
  const self = links(feed).find((l) => l.getAttribute('rel') === 'self');
  if (!self) throw new Error('no rel="self" link');
  absolute(self.getAttribute('href') ?? '', 'the self link');
  one(one(feed, 'author'), 'name');
  const entries = Array.from(feed.getElementsByTagNameNS(ATOM, 'entry')).map((e, i) => {
    const alternate = links(e).filter((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate');
    if (alternate.length !== 1) throw new Error(`entry ${i} has ${alternate.length} alternate links`);
    const enclosure = links(e).find((l) => l.getAttribute('rel') === 'enclosure');
    return {
      id: absolute(one(e, 'id').textContent ?? '', `entry ${i} id`),
      title: one(e, 'title').textContent ?? '',
      updated: date(one(e, 'updated').textContent ?? '', `entry ${i} updated`),
      link: absolute(alternate[0]!.getAttribute('href') ?? '', `entry ${i} link`),
      summary: one(e, 'summary').textContent ?? '',
      enclosure: enclosure ? absolute(enclosure.getAttribute('href') ?? '', `entry ${i} enclosure`) : null,
    };
  });
  const ids = entries.map((e) => e.id);
  if (new Set(ids).size !== ids.length) throw new Error(`entry ids repeat: ${ids.join(', ')}`);
  for (const e of entries) if (!e.title.trim()) throw new Error(`entry ${e.id} has an empty title`);
  return {
    id: absolute(one(feed, 'id').textContent ?? '', 'feed id'),
    title: one(feed, 'title').textContent ?? '',
    updated: date(one(feed, 'updated').textContent ?? '', 'feed updated'),
    entries,
  };
}
