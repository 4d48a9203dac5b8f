// Small building blocks shared by the pages. Everything shown comes from
// uploaded PDFs, so data only ever enters markup through `html` (escaped), URLs
// only through `safeUrl` (escaping alone would let "javascript:" through), and
// inline text through `bidi` so that a stray RTL override or other bidi control
// in a name cannot reorder the text around it.
import { html, type Html } from '../html/html';

export type Lang = 'sv' | 'en';

/**
 * Inline text from data, isolated for bidirectional layout: an unmatched
 * U+202E (or an Arabic or Hebrew name) stays inside its own box.
 */
export function bidi(text: string | null | undefined): Html {
  return html`<bdi>${text ?? ''}</bdi>`;
}

/**
 * A URL that may go into href/data: http(s) or a same-site path, query or
 * fragment. Anything else (javascript:, data:, protocol-relative //host) gives
 * null and the caller shows text without a link.
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const value = url.trim();
  if (/^[/?#]/.test(value)) return value.startsWith('//') || value.startsWith('/\\') ? null : value;
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? value : null;
  } catch {
    return null;
  }
}

/** A link when the URL is safe, otherwise the label as plain text. */
export function link(url: string | null | undefined, label: Html | string): Html {
  const href = safeUrl(url);
  return href ? html`<a href="${href}">${label}</a>` : html`${label}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "fredag 14 februari 2025" / "Friday 14 February 2025"; unparseable input is shown as it came. */
export function longDate(date: string, lang: Lang): string {
  if (!ISO_DATE.test(date)) return date;
  const at = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return date;
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(at);
}

/** A calendar date as a <time> element; machine-readable only when it is a real ISO date. */
export function dateTag(date: string, lang: Lang, long = false): Html {
  const shown = long ? longDate(date, lang) : date;
  return ISO_DATE.test(date) ? html`<time datetime="${date}">${shown}</time>` : html`${bidi(shown)}`;
}

/** The link to the same page in the other language: a relative query, so no token is ever repeated. */
export function languageSwitch(lang: Lang): Html {
  return lang === 'sv'
    ? html`<nav class="lang" aria-label="Språk"><a href="?lang=en" hreflang="en" lang="en">In English</a></nav>`
    : html`<nav class="lang" aria-label="Language"><a href="?lang=sv" hreflang="sv" lang="sv">På svenska</a></nav>`;
}
