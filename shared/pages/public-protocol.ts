// The public page of one protocol (GET /protocols/{id} asked for by a browser).
// It is drawn from the API's public view (shared/api/views.ts), never from the
// records, so it can carry nothing the JSON does not: names and roles, no
// e-mail, IP, user agent or comments. The seal is explained in words: what
// `justera verify --api` checks and the values a reader compares.
import type { z } from 'zod';
import type { protocolDetail } from '../api/schemas';
import { stockholmDate } from '../domain/stockholm';
import { html, paragraphs, type Html } from '../html/html';
import { layout } from './layout';
import { subscribeForm } from './subscribe';
import { bidi, dateTag, languageSwitch, link, type Lang } from './parts';

export type ProtocolDetail = z.infer<typeof protocolDetail>;

export interface ProtocolPageInput {
  lang: Lang;
  protocol: ProtocolDetail;
  /** The organisation whose key seals (JUSTERA_SEAL_ORGANISATION). */
  organisation: string;
  /** SHA-256 fingerprints of the certificates the stack seals with (GET /seal-certificates). */
  fingerprints: string[];
  baseUrl: string;
}

const TEXT = {
  sv: {
    kind: { protokoll: 'Protokoll', minnesanteckningar: 'Minnesanteckningar' },
    fallbackKind: 'Protokoll',
    date: 'Sammanträdesdatum',
    time: 'Tid',
    place: 'Plats',
    chair: 'Ordförande',
    adjusters: 'Justerare',
    secretary: 'Sekreterare',
    adjusted: 'Justerat',
    unknown: 'Uppgift saknas',
    pdf: { protokoll: 'Justerat protokoll (PDF)', minnesanteckningar: 'Justerade minnesanteckningar (PDF)' },
    notice: 'Tillkännagivande',
    posted: 'Anslaget',
    appeal: 'Sista dag för överklagande',
    takeDown: 'Tas ned',
    paragraphs: 'Paragrafer',
    keptAt: 'Förvaringsplats',
    takenDown: { protokoll: 'Anslaget är nedtaget; protokollet finns kvar här.', minnesanteckningar: 'Anslaget är nedtaget; minnesanteckningarna finns kvar här.' },
    contents: { protokoll: 'Paragrafer och beslut', minnesanteckningar: 'Punkter och beslut' },
    decision: 'Beslut',
    noItems: {
      protokoll: 'Inga paragrafer har lästs ut ur protokollet; den justerade PDF-filen är protokollet.',
      minnesanteckningar: 'Inga punkter har lästs ut ur minnesanteckningarna; den justerade PDF-filen är handlingen.',
    },
    seal: 'Kontroll av förseglingen',
    notPublished: {
      protokoll: 'Protokollet är inte publicerat än. Det publiceras när ordförande och justerare har justerat det och det har förseglats.',
      minnesanteckningar: 'Minnesanteckningarna är inte publicerade än. De publiceras när de har justerats och förseglats.',
    },
    status: 'Status',
  },
  en: {
    kind: { protokoll: 'Minutes', minnesanteckningar: 'Meeting notes' },
    fallbackKind: 'Minutes',
    date: 'Meeting date',
    time: 'Time',
    place: 'Place',
    chair: 'Chair',
    adjusters: 'Adjusters',
    secretary: 'Secretary',
    adjusted: 'Adjusted',
    unknown: 'Not stated',
    pdf: { protokoll: 'Adjusted minutes (PDF)', minnesanteckningar: 'Adjusted meeting notes (PDF)' },
    notice: 'Notice of adjustment',
    posted: 'Posted',
    appeal: 'Last day to appeal',
    takeDown: 'Taken down',
    paragraphs: 'Paragraphs',
    keptAt: 'Where the minutes are kept',
    takenDown: { protokoll: 'The notice has been taken down; the minutes stay here.', minnesanteckningar: 'The notice has been taken down; the meeting notes stay here.' },
    contents: { protokoll: 'Paragraphs and decisions', minnesanteckningar: 'Items and decisions' },
    decision: 'Decision',
    noItems: {
      protokoll: 'No paragraphs were read from the minutes; the adjusted PDF is the record.',
      minnesanteckningar: 'No items were read from the meeting notes; the adjusted PDF is the record.',
    },
    seal: 'Checking the seal',
    notPublished: {
      protokoll: 'These minutes are not published yet. They are published once the chair and the adjusters have adjusted them and they are sealed.',
      minnesanteckningar: 'These meeting notes are not published yet. They are published once they have been adjusted and sealed.',
    },
    status: 'Status',
  },
} as const;

function orUnknown(value: string | null, lang: Lang): Html {
  return value ? bidi(value) : html`<span class="muted">${TEXT[lang].unknown}</span>`;
}

/** The seal in words: what a verifier checks, with the values to compare. */
function sealSection(input: ProtocolPageInput): Html {
  const { protocol: p, lang } = input;
  const t = TEXT[lang];
  if (!p.sealedAt || !p.signedSha256) return html``;
  const certs = `${input.baseUrl}/seal-certificates`;
  const command = `npx justera verify protokoll.pdf --api ${input.baseUrl}`;
  const body =
    lang === 'sv'
      ? html`<p>Den justerade PDF-filen förseglades ${dateTag(stockholmDate(new Date(p.sealedAt)), 'sv', true)} med ${bidi(input.organisation)}s digitala sigill. Förseglingen visar att filen inte har ändrats sedan dess: en enda ändrad byte gör den ogiltig.</p>
<p>Kontrollen (<code>${command}</code>) prövar att sigillet täcker hela filen, att filens innehåll stämmer med sigillet, och att certifikatet är ett av dem som tjänsten publicerar (${link(certs, html`<span class="url">${certs}</span>`)}).</p>`
      : html`<p>The adjusted PDF was sealed on ${dateTag(stockholmDate(new Date(p.sealedAt)), 'en', true)} with the digital seal of ${bidi(input.organisation)}. The seal shows that the file is unchanged since then: one changed byte breaks it.</p>
<p>The check (<code>${command}</code>) tests that the seal covers the whole file, that the file's content matches the seal, and that the certificate is one this service publishes (${link(certs, html`<span class="url">${certs}</span>`)}).</p>`;
  return html`<section class="panel" aria-labelledby="seal-heading"><h2 id="seal-heading">${t.seal}</h2>
${body}
<dl class="facts"><dt>SHA-256 (PDF)</dt><dd class="hash"><code>${p.signedSha256}</code></dd>
${input.fingerprints.map((f) => html`<dt>${lang === 'sv' ? 'Certifikat, SHA-256' : 'Certificate, SHA-256'}</dt><dd class="hash"><code>${f}</code></dd>`)}</dl>
</section>`;
}

/** Minnesanteckningar are not a protokoll: the words that name the document follow its kind. */
const kindOf = (p: { kind: string | null }): 'protokoll' | 'minnesanteckningar' => (p.kind === 'minnesanteckningar' ? 'minnesanteckningar' : 'protokoll');

function noticeSection(input: ProtocolPageInput, today: string): Html {
  const { protocol: p, lang } = input;
  const t = TEXT[lang];
  const n = p.notice;
  if (!n) return html``;
  // Up through the take-down day, as the board shows it (NoticeRepo.current); taken down from the day after.
  const down = n.takeDownOn < today;
  return html`<section aria-labelledby="notice-heading"><h2 id="notice-heading">${t.notice}</h2>
${down ? html`<p class="banner">${t.takenDown[kindOf(p)]}</p>` : ''}
<dl class="facts">
<dt>${t.posted}</dt><dd>${dateTag(n.postedOn, lang)}</dd>
<dt>${t.appeal}</dt><dd><strong>${dateTag(n.appealEndsOn, lang, true)}</strong></dd>
<dt>${t.takeDown}</dt><dd>${dateTag(n.takeDownOn, lang)}</dd>
${n.paragraphs ? html`<dt>${t.paragraphs}</dt><dd>${bidi(n.paragraphs)}</dd>` : ''}
${n.keptAt ? html`<dt>${t.keptAt}</dt><dd>${bidi(n.keptAt)}</dd>` : ''}
</dl></section>`;
}

function contents(input: ProtocolPageInput): Html {
  const { protocol: p, lang } = input;
  const t = TEXT[lang];
  if (!p.contents.length) return html`<p>${t.noItems[kindOf(p)]}</p>`;
  return html`${p.contents.map(
    (c, i) => html`<section class="item" aria-labelledby="p-${i}"><h3 id="p-${i}">${bidi(c.number)} ${bidi(c.title)}</h3>
${c.text ? paragraphs(c.text) : ''}
${c.decisions.length ? html`<div class="decision"><h4>${t.decision}</h4><ul>${c.decisions.map((d) => html`<li>${d.text}</li>`)}</ul></div>` : ''}
</section>`,
  )}`;
}

export function protocolPage(input: ProtocolPageInput & { today: string }): Html {
  const { protocol: p, lang } = input;
  const t = TEXT[lang];
  const kind = p.kind ? t.kind[p.kind] : t.fallbackKind;
  const published = p.status === 'PUBLISHED';
  const title = `${kind}: ${p.bodyName ?? p.body}${p.date ? ` ${p.date}` : ''}`;
  const main = html`<p class="kicker">${kind}</p>
<h1>${bidi(p.bodyName ?? p.body)}</h1>
${published ? '' : html`<p class="banner warn">${t.notPublished[kindOf(p)]} ${t.status}: ${p.status}.</p>`}
<dl class="facts">
<dt>${t.date}</dt><dd>${p.date ? dateTag(p.date, lang, true) : orUnknown(null, lang)}</dd>
<dt>${t.time}</dt><dd>${orUnknown(p.time, lang)}</dd>
<dt>${t.place}</dt><dd>${orUnknown(p.place, lang)}</dd>
<dt>${t.chair}</dt><dd>${orUnknown(p.chair, lang)}</dd>
<dt>${t.adjusters}</dt><dd>${p.adjusters.length ? html`${p.adjusters.map((a, i) => html`${i ? ', ' : ''}${bidi(a)}`)}` : orUnknown(null, lang)}</dd>
<dt>${t.secretary}</dt><dd>${orUnknown(p.secretary, lang)}</dd>
${p.adjustedAt ? html`<dt>${t.adjusted}</dt><dd>${dateTag(stockholmDate(new Date(p.adjustedAt)), lang)}</dd>` : ''}
</dl>
${p.pdf && published ? html`<p><a class="button wide" href="${p.pdf}">${t.pdf[kindOf(p)]}</a></p>` : ''}
${noticeSection(input, input.today)}
<section aria-labelledby="contents-heading"><h2 id="contents-heading">${t.contents[kindOf(p)]}</h2>
${contents(input)}
</section>
${published ? sealSection(input) : ''}
${published ? subscribeForm(lang, { slug: p.body, name: p.bodyName ?? p.body }) : ''}`;
  return layout({ lang, title: `${title} – Justera`, main, header: languageSwitch(lang) });
}
