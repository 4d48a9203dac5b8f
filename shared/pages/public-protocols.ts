// The public list of protocols (GET /protocols asked for by a browser): the
// API's summaries of one page, newest meeting first, with the API's cursor for
// the next page. The routes ask for published protocols unless a status is given.
import type { z } from 'zod';
import type { protocolSummary } from '../api/schemas';
import { html, type Html } from '../html/html';
import { layout } from './layout';
import { bidi, dateTag, languageSwitch, type Lang } from './parts';

export interface ProtocolsPageInput {
  lang: Lang;
  protocols: z.infer<typeof protocolSummary>[];
  /** The query string of the next page (with the API's cursor), null on the last. */
  nextQuery: string | null;
}

const TEXT = {
  sv: { title: 'Publicerade protokoll', none: 'Inga protokoll.', next: 'Nästa sida', decisions: 'beslut', search: 'Sök bland besluten' },
  en: { title: 'Published minutes', none: 'No minutes.', next: 'Next page', decisions: 'decisions', search: 'Search the decisions' },
} as const;

export function protocolsPage(input: ProtocolsPageInput): Html {
  const t = TEXT[input.lang];
  const suffix = input.lang === 'en' ? '?lang=en' : '';
  const main = html`<h1>${t.title}</h1>
<p><a href="/beslut${suffix}">${t.search}</a></p>
${input.protocols.length
    ? html`<ul class="rows">${input.protocols.map(
        (p) => html`<li><a href="/protocols/${p.id}${suffix}">${bidi(p.bodyName ?? p.body)}${p.date ? html` ${dateTag(p.date, input.lang)}` : ''}</a><br><span class="muted">${p.decisions} ${t.decisions}</span></li>`,
      )}</ul>`
    : html`<p>${t.none}</p>`}
${input.nextQuery ? html`<nav aria-label="${t.title}"><a class="button secondary" rel="next" href="/protocols?${input.nextQuery}">${t.next}</a></nav>` : ''}`;
  return layout({ lang: input.lang, title: `${t.title} – Justera`, main, header: languageSwitch(input.lang) });
}
