// The landing page: what this service is and where its public parts are. The
// outbox only exists on one machine, so it is listed only there.
import { html, type Html } from '../html/html';
import { layout } from './layout';
import { safeUrl } from './parts';

export interface HomeInput {
  baseUrl: string;
  /** Running on one machine with the local outbox. */
  local: boolean;
}

interface Entry {
  path: string;
  name: string;
  what: string;
}

const ENTRIES: Entry[] = [
  { path: '/anslagstavla', name: 'Anslagstavla', what: 'Tillkännagivanden om justerade protokoll, med sista dag för överklagande.' },
  { path: '/anslagstavla/arkiv', name: 'Arkiv', what: 'Anslag som har tagits ned när tiden för överklagande gått ut.' },
  { path: '/feeds', name: 'Flöde (Atom)', what: 'Nya justerade protokoll i en flödesläsare; per organ på /feeds/<organ>.' },
  { path: '/beslut', name: 'Sök beslut', what: 'Justerade beslut; sök på organ, datumintervall och ord.' },
  { path: '/protocols', name: 'Protokoll', what: 'Publicerade protokoll med paragrafer, beslut och den förseglade PDF-filen (som JSON för program).' },
  { path: '/decisions', name: 'Beslut (JSON)', what: 'Besluten i protokollen; sök på organ, datumintervall och ord.' },
  { path: '/notices', name: 'Anslag (JSON)', what: 'Samma uppgifter som anslagstavlan, som öppna data.' },
  { path: '/openapi.json', name: 'API-beskrivning (OpenAPI)', what: 'Maskinläsbar beskrivning av alla anrop ovan.' },
];

const OUTBOX: Entry = { path: '/outbox', name: 'Utkorg', what: 'E-post som skickats på den här datorn, med länkarna för att justera.' };

export function homePage(input: HomeInput): Html {
  const base = input.baseUrl.replace(/\/$/, '');
  const entries = input.local ? [...ENTRIES, OUTBOX] : ENTRIES;
  const main = html`<h1>Justera</h1>
<p class="lede">Justering av protokoll för offentlig förvaltning. Sekreteraren laddar upp protokollet som PDF; ordförande och justerare får en personlig länk via e-post, läser och justerar. Det justerade protokollet stämplas, förseglas digitalt och anslås på anslagstavlan.</p>
<p lang="en" class="muted">Justera takes draft meeting minutes from upload to adjusted, signed, sealed and published. The signing pages are in Swedish and English.</p>
<h2>Här finns</h2>
<ul class="rows">${entries.map(
    (e) => html`<li><a href="${safeUrl(`${base}${e.path}`) ?? e.path}">${e.name}</a> <code class="url small muted">${e.path}</code><br>${e.what}</li>`,
  )}</ul>`;
  return layout({ lang: 'sv', title: 'Justera – justering av protokoll', main });
}
