// The body's protocols, reached from the secretary's link: every upload of the
// body with its meeting date and state, each with the reason it stopped for.
// It links to no other protocol's page (each has its own secretary link).
import type { BodyDirectory, ProtocolRecord } from '../domain/records';
import { html } from '../html/html';
import type { Html } from '../html/html';
import { layout } from './layout';
import { dateTag, languageSwitch, type Lang } from './parts';
import { SECRETARY_TEXT } from './secretary-text';

export interface BodyProtocolsInput {
  directory: BodyDirectory;
  protocols: ProtocolRecord[];
  /** The protocol whose link opened the page: marked, and linked back to. */
  current: string;
  token: string;
  lang: Lang;
}

export function bodyProtocolsPage(input: BodyProtocolsInput): Html {
  const { directory, lang } = input;
  const t = SECRETARY_TEXT[lang];
  const sv = lang === 'en' ? html` lang="sv"` : html``;
  const back = `/secretary/${encodeURIComponent(input.token)}?lang=${lang}`;
  const row = (p: ProtocolRecord) => {
    const reason = p.reason ? (lang === 'sv' ? p.reason.sv : p.reason.en) : null;
    const name = html`<bdi${sv}>${p.source.key.split('/').pop() ?? p.id}</bdi>`;
    return html`<li${p.id === input.current ? html` aria-current="true"` : ''}><strong>${p.id === input.current ? html`<a href="${back}">${name}</a>` : name}</strong>
<dl class="facts"><dt>${t.bodyPage.meeting}</dt><dd>${p.date ? dateTag(p.date, lang) : t.missing}</dd><dt>${t.bodyPage.status}</dt><dd>${t.bodyPage.statuses[p.status]}</dd></dl>
${reason ? html`<p class="small">${reason}</p>` : ''}</li>`;
  };
  const main = html`<p class="kicker">${t.kicker}</p>
<h1>${t.bodyPage.heading(directory.name)}</h1>
<p class="lede">${t.bodyPage.intro}</p>
${input.protocols.length ? html`<ul class="rows">${input.protocols.map(row)}</ul>` : html`<p>${t.bodyPage.none}</p>`}
<p><a href="${back}">${t.kicker}</a></p>`;
  return layout({ lang, title: `${t.bodyPage.heading(directory.name)} – Justera`, main, header: languageSwitch(lang), noindex: true });
}
