// The public notice board (anslagstavla): each adjusted protocol is announced
// here with the facts the law asks for (kommunallagen 8 kap. 12 §) and the last
// day to appeal, which is what most readers come for, shown most prominently.
// Swedish only: it is an official Swedish notice.
import type { NoticeRecord } from '../domain/records';
import { html, type Html } from '../html/html';
import { layout } from './layout';
import { bidi, dateTag, link, safeUrl } from './parts';

export interface NoticeBoardInput {
  notices: NoticeRecord[];
  /** Today in Stockholm (YYYY-MM-DD). */
  today: string;
  baseUrl: string;
}

/** "Protokoll" or "Minnesanteckningar": the notice names the kind of document it announces. */
export function documentKind(n: Pick<NoticeRecord, 'kind'>): string {
  return n.kind === 'minnesanteckningar' ? 'Minnesanteckningar' : 'Protokoll';
}

function noticeArticle(n: NoticeRecord, i: number): Html {
  const missing = html`<span class="muted">Uppgift saknas</span>`;
  const meeting = n.meetingDate ? dateTag(n.meetingDate, 'sv') : missing;
  const pdf = safeUrl(n.pdfUrl);
  const kind = documentKind(n);
  const page = safeUrl(n.protocolUrl);
  return html`<article class="card" aria-labelledby="anslag-${i}">
<h3 id="anslag-${i}">${bidi(n.bodyName)}</h3>
<p class="appeal">Sista dag för överklagande <strong>${dateTag(n.appealEndsOn, 'sv', true)}</strong></p>
<dl class="facts">
<dt>Organ</dt><dd>${bidi(n.bodyName)}</dd>
<dt>Handling</dt><dd>${kind}</dd>
<dt>Sammanträdesdatum</dt><dd>${meeting}</dd>
<dt>Paragrafer</dt><dd>${n.paragraphs ? bidi(n.paragraphs) : missing}</dd>
<dt>Justeringsdatum</dt><dd>${dateTag(n.adjustedOn, 'sv')}</dd>
<dt>Anslaget</dt><dd>${dateTag(n.postedOn, 'sv')}</dd>
<dt>Tas ned</dt><dd>${dateTag(n.takeDownOn, 'sv')}</dd>
<dt>Förvaringsplats</dt><dd>${n.keptAt ? html`${bidi(n.keptAt)}<br>` : ''}${page ? html`<a href="${page}">${kind} på webben<span class="vh">, ${n.bodyName}${n.meetingDate ? ` ${n.meetingDate}` : ''}</span></a>` : ''}</dd>
</dl>
${pdf ? html`<p><a class="button wide" href="${pdf}">${n.kind === 'minnesanteckningar' ? 'Justerade minnesanteckningar' : 'Justerat protokoll'} (PDF)<span class="vh">, ${n.bodyName}${n.meetingDate ? ` ${n.meetingDate}` : ''}</span></a></p>` : ''}
<p class="small"><a href="/prenumeration/${encodeURIComponent(n.body)}">Få e-post när ${bidi(n.bodyName)} anslår en ny justering</a></p>
</article>`;
}

export function noticeBoardPage(input: NoticeBoardInput): Html {
  // Newest posting first; the input order breaks ties so the page is stable.
  const notices = input.notices
    .map((n, i) => ({ n, i }))
    .sort((a, b) => b.n.postedOn.localeCompare(a.n.postedOn) || a.i - b.i)
    .map((e) => e.n);
  const api = `${input.baseUrl.replace(/\/$/, '')}/notices`;

  const main = html`<h1>Anslagstavla</h1>
<p class="lede">Tillkännagivanden om att protokoll har justerats. Visar anslag som är uppsatta ${dateTag(input.today, 'sv', true)}.</p>
<section class="panel" aria-labelledby="overklaga-rubrik">
<h2 id="overklaga-rubrik">Överklaga ett beslut (laglighetsprövning)</h2>
<p>Den som är medlem i kommunen eller regionen kan begära att förvaltningsrätten prövar om ett beslut är lagligt (13 kap. kommunallagen). Överklagandet ska ha kommit in till förvaltningsrätten inom tre veckor från den dag justeringen anslogs på anslagstavlan. Sista dagen står vid varje anslag. Den är redan flyttad till närmaste vardag om den annars skulle ha infallit på en lördag, söndag eller helgdag.</p>
</section>
<section aria-labelledby="anslag-rubrik">
<h2 id="anslag-rubrik">Aktuella anslag${notices.length ? ` (${notices.length})` : ''}</h2>
${notices.length ? notices.map(noticeArticle) : html`<p>Det finns inga anslag just nu.</p>`}
</section>
<p><a href="/anslagstavla/arkiv">Arkiv: anslag som har tagits ned</a></p>
<p><a href="/feeds" type="application/atom+xml">Följ nya justerade protokoll som flöde (Atom)</a></p>
<p class="small muted">Samma uppgifter som öppna data: ${link(api, html`<span class="url">${api}</span>`)} (JSON).</p>`;

  return layout({ lang: 'sv', title: 'Anslagstavla – Justera', main });
}
