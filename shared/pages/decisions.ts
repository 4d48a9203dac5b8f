// The public decision search (/beslut): the same query as GET /decisions
// (body, meeting dates, words matched at word starts with case and diacritics
// ignored), for people. Only adjusted decisions are shown: a draft may still
// change, the public record is what was adjusted. Pages follow the API's
// cursors, so a link to "next" is the API's `next` and nothing else.
import type { DecisionRecord } from '../domain/records';
import { html, paragraphs, type Html } from '../html/html';
import { layout } from './layout';
import { bidi, dateTag, languageSwitch, type Lang } from './parts';

export interface DecisionSearch {
  body?: string;
  from?: string;
  to?: string;
  q?: string;
}

export interface DecisionsPageInput {
  lang: Lang;
  search: DecisionSearch;
  /** Bodies to choose from: slug and public name only. */
  bodies: { slug: string; name: string }[];
  decisions: DecisionRecord[];
  /** The API's cursor of the next page, null on the last. */
  next: string | null;
  /** A query the API refused, in words; no results are shown then. */
  problem?: string;
}

const TEXT = {
  sv: {
    title: 'Sök beslut',
    lede: 'Sök bland justerade beslut. Varje ord ska finnas i beslutet, som början av ett ord; stora och små bokstäver och accenter spelar ingen roll.',
    body: 'Organ',
    anyBody: 'Alla organ',
    from: 'Sammanträde från',
    to: 'Sammanträde till',
    dateHint: 'ÅÅÅÅ-MM-DD',
    words: 'Ord',
    wordsHint: 'Till exempel: budget regionstyrelse',
    search: 'Sök',
    results: 'Beslut',
    none: 'Inga justerade beslut matchar sökningen.',
    next: 'Nästa sida',
    protocol: 'Protokollet',
    meeting: 'Sammanträde',
    problem: 'Sökningen kunde inte göras',
    api: 'Samma sökning som öppna data (JSON):',
    feed: 'Följ nya justerade protokoll som flöde (Atom)',
  },
  en: {
    title: 'Search decisions',
    lede: 'Search adjusted decisions. Every word must occur in the decision as the start of a word; case and accents do not matter.',
    body: 'Body',
    anyBody: 'All bodies',
    from: 'Meeting from',
    to: 'Meeting to',
    dateHint: 'YYYY-MM-DD',
    words: 'Words',
    wordsHint: 'For example: budget board',
    search: 'Search',
    results: 'Decisions',
    none: 'No adjusted decisions match the search.',
    next: 'Next page',
    protocol: 'The protocol',
    meeting: 'Meeting',
    problem: 'The search could not be made',
    api: 'The same search as open data (JSON):',
    feed: 'Follow newly adjusted minutes as a feed (Atom)',
  },
} as const;

/** The query string of a search (without the cursor unless given), for links that keep it. */
export function searchQuery(search: DecisionSearch, lang: Lang, cursor?: string): string {
  const params = new URLSearchParams();
  for (const key of ['body', 'from', 'to', 'q'] as const) if (search[key]) params.set(key, search[key]);
  if (lang === 'en') params.set('lang', 'en');
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

function apiQuery(search: DecisionSearch): string {
  const params = new URLSearchParams();
  for (const key of ['body', 'from', 'to', 'q'] as const) if (search[key]) params.set(key, search[key]);
  params.set('status', 'adjusted');
  return params.toString();
}

function form(input: DecisionsPageInput): Html {
  const t = TEXT[input.lang];
  const s = input.search;
  return html`<form method="get" action="/beslut" class="panel" role="search" aria-label="${t.title}">
${input.lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
<div class="field"><label class="label" for="q">${t.words}</label><p class="hint" id="q-hint">${t.wordsHint}</p>
<input type="text" id="q" name="q" value="${s.q ?? ''}" maxlength="200" aria-describedby="q-hint"></div>
<div class="field"><label class="label" for="body">${t.body}</label>
<select id="body" name="body"><option value="">${t.anyBody}</option>${input.bodies.map(
    (b) => html`<option value="${b.slug}"${b.slug === s.body ? html` selected` : ''}>${b.name}</option>`,
  )}</select></div>
<div class="field"><label class="label" for="from">${t.from}</label><p class="hint" id="from-hint">${t.dateHint}</p>
<input type="date" id="from" name="from" value="${s.from ?? ''}" aria-describedby="from-hint"></div>
<div class="field"><label class="label" for="to">${t.to}</label><p class="hint" id="to-hint">${t.dateHint}</p>
<input type="date" id="to" name="to" value="${s.to ?? ''}" aria-describedby="to-hint"></div>
<button type="submit">${t.search}</button>
</form>`;
}

function result(d: DecisionRecord, lang: Lang): Html {
  const t = TEXT[lang];
  return html`<li><p class="kicker">${bidi(d.bodyName)} · ${t.meeting} ${d.date ? dateTag(d.date, lang) : '–'}</p>
<p><strong>${bidi(d.itemNumber)}${d.itemTitle ? html` ${bidi(d.itemTitle)}` : ''}</strong></p>
<div class="decision">${paragraphs(d.text)}</div>
<p><a href="/protocols/${d.protocolId}${lang === 'en' ? '?lang=en' : ''}">${t.protocol}<span class="vh">, ${d.bodyName} ${d.date ?? ''} ${d.itemNumber}</span></a></p></li>`;
}

export function decisionsPage(input: DecisionsPageInput): Html {
  const t = TEXT[input.lang];
  const api = `/decisions?${apiQuery(input.search)}`;
  // The body's own feed when one is chosen, every body's otherwise.
  const feed = input.search.body ? `/feeds/${input.search.body}` : '/feeds';
  const results = input.problem
    ? html`<div class="error-summary" role="alert"><h2>${t.problem}</h2><p>${input.problem}</p></div>`
    : html`<section aria-labelledby="results-heading"><h2 id="results-heading">${t.results}</h2>
${input.decisions.length ? html`<ul class="rows">${input.decisions.map((d) => result(d, input.lang))}</ul>` : html`<p>${t.none}</p>`}
<nav class="buttons" aria-label="${t.results}">
${input.next ? html`<a class="button secondary" rel="next" href="/beslut?${searchQuery(input.search, input.lang, input.next)}">${t.next}</a>` : ''}
</nav></section>`;
  const main = html`<h1>${t.title}</h1>
<p class="lede">${t.lede}</p>
${form(input)}
${results}
<p class="small muted">${t.api} <a href="${api}"><span class="url">${api}</span></a></p>
<p class="small"><a href="${feed}" type="application/atom+xml">${t.feed}</a></p>`;
  return layout({ lang: input.lang, title: `${t.title} – Justera`, main, header: languageSwitchFor(input) });
}

/** The language switch keeps the search (a relative query with the other language). */
function languageSwitchFor(input: DecisionsPageInput): Html {
  if (!input.search.body && !input.search.from && !input.search.to && !input.search.q) return languageSwitch(input.lang);
  const other: Lang = input.lang === 'sv' ? 'en' : 'sv';
  const query = searchQuery(input.search, other);
  return other === 'en'
    ? html`<nav class="lang" aria-label="Språk"><a href="?${query}" hreflang="en" lang="en">In English</a></nav>`
    : html`<nav class="lang" aria-label="Language"><a href="?${query}" hreflang="sv" lang="sv">På svenska</a></nav>`;
}
