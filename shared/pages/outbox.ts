// The local mail outbox: on one machine no mail leaves the computer, so this
// page is where a developer or newcomer reads what Justera sent and follows the
// signing links. The mails are Swedish, the page chrome too.
import { formatStockholm } from '../domain/stockholm';
import { html, type Html } from '../html/html';
import { layout } from './layout';
import { bidi, link, safeUrl } from './parts';

/** One mail in the local outbox, as the page lists it (infra/local/mail.ts writes them). */
export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  date: string;
  text: string;
  links: string[];
  /** Files the mail carried, by name and size (the .eml holds the bytes). */
  attachments?: { filename: string; size: number }[];
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** The plain-text body with its http(s) URLs as links; everything else escaped as text. */
function linkified(text: string): Html {
  const parts: Html[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const at = match.index ?? 0;
    parts.push(html`${text.slice(last, at)}`, link(match[0], match[0]));
    last = at + match[0].length;
  }
  parts.push(html`${text.slice(last)}`);
  return html`${parts}`;
}

function kib(size: number): string {
  return `${Math.max(1, Math.round(size / 1024))} kB`;
}

function when(date: string): string {
  return Number.isNaN(Date.parse(date)) ? date : formatStockholm(date);
}

function entryArticle(entry: OutboxEntry, i: number): Html {
  const links = entry.links.filter((l) => safeUrl(l));
  return html`<article class="card" aria-labelledby="post-${i}">
<h2 id="post-${i}">${bidi(entry.subject)}</h2>
<dl class="facts">
<dt>Till</dt><dd>${bidi(entry.to)}</dd>
<dt>Skickat</dt><dd>${Number.isNaN(Date.parse(entry.date)) ? entry.date : html`<time datetime="${entry.date}">${when(entry.date)}</time>`}</dd>
</dl>
${links.length ? html`<h3 id="post-${i}-lankar">Länkar</h3><ul aria-labelledby="post-${i}-lankar">${links.map((l) => html`<li>${link(l, html`<span class="url">${l}</span>`)}</li>`)}</ul>` : ''}
${entry.attachments?.length ? html`<h3 id="post-${i}-bilagor">Bilagor</h3><ul aria-labelledby="post-${i}-bilagor">${entry.attachments.map((a) => html`<li>${bidi(a.filename)} (${kib(a.size)})</li>`)}</ul>` : ''}
<h3 id="post-${i}-text">Meddelandet</h3>
<pre>${linkified(entry.text)}</pre>
</article>`;
}

export function outboxPage(entries: OutboxEntry[]): Html {
  // Newest first, whatever order the folder listing gave.
  const sorted = [...entries].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
  const main = html`<h1>Utkorg</h1>
<p class="lede">E-post som Justera har skickat på den här datorn. Inget lämnar datorn: öppna länkarna här för att justera som mottagaren.</p>
<p class="small muted">Som JSON: samma adress med <code>Accept: application/json</code>.</p>
${sorted.length ? html`<p>${sorted.length === 1 ? '1 meddelande' : `${sorted.length} meddelanden`}, det senaste först.</p>${sorted.map(entryArticle)}` : html`<p>Utkorgen är tom. Ladda upp ett protokoll, så hamnar e-posten till dem som ska justera här.</p>`}`;
  return layout({ lang: 'sv', title: `Utkorg (${sorted.length}) – Justera`, main, noindex: true });
}
