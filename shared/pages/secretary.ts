// The secretary's page behind their personal link: what Justera read from the
// minutes and where each value came from, the paragraphs and warnings, who
// adjusts, and — while a correction is allowed — one form to correct chair,
// adjusters, date and place and send the minutes for adjustment. Like the
// signing page: no JavaScript, the browser's validation plus the server's
// answer in an error summary linked to the field, everything from the PDF
// escaped by construction.
import type { BodyDirectory, ItemRecord, ProtocolRecord, SignerRecord } from '../domain/records';
import { correctionRefusal } from '../flow/correct';
import { directoryChairs } from '../flow/route-signers';
import { html, type Html } from '../html/html';
import type { Evidence, EvidenceField } from '../minutes/model';
import { matchMember } from '../domain/names';
import { layout } from './layout';
import { bidi, dateTag, languageSwitch, safeUrl, type Lang } from './parts';
import { SECRETARY_TEXT, type SecretaryNotice, type SecretaryText } from './secretary-text';

export type SecretaryField = 'chair' | 'adjusters' | 'new-name' | 'new-email' | 'date' | 'place';

export interface SecretaryPageInput {
  protocol: ProtocolRecord;
  directory: BodyDirectory;
  items: ItemRecord[];
  signers: SignerRecord[];
  lang: Lang;
  token: string;
  pdfUrl: string;
  notice?: SecretaryNotice;
  problem?: { message: string; field: SecretaryField | null };
}

function bannerOf(p: ProtocolRecord, t: SecretaryText) {
  switch (p.status) {
    case 'NEEDS_ATTENTION':
      return t.banner.attention;
    case 'ROUTED':
      return t.banner.routed;
    case 'CHANGES_REQUESTED':
      return t.banner.changes;
    case 'ADJUSTED':
    case 'SEALED':
      return t.banner.adjusted;
    case 'EXPIRED':
      return t.banner.expired;
    default:
      return t.banner.working;
  }
}

function source(e: Evidence | undefined, t: SecretaryText, sv: Html): Html {
  if (!e) return html``;
  const where = [e.item, e.page ? t.page(e.page) : null].filter(Boolean).join(', ');
  const line = e.rule === 'secretary' || e.rule === 'operator' ? e.line : html`”<bdi${sv}>${e.line}</bdi>”`;
  return html`<br><span class="small muted">${t.source}: ${where ? html`${where} · ` : ''}${line} (${t.rule(e.rule)})</span>`;
}

function factsSection(input: SecretaryPageInput, t: SecretaryText, sv: Html): Html {
  const { protocol: p, directory } = input;
  const missing = html`<span class="muted">${t.missing}</span>`;
  const ev = (f: EvidenceField) => source(p.evidence?.[f], t, sv);
  const chairs = directoryChairs(directory);
  const unknown = p.adjusters.filter((a) => matchMember(a, directory.members).kind !== 'found');
  const row = (label: string, value: Html | string, f: EvidenceField | null) => html`<dt>${label}</dt><dd>${value}${f ? ev(f) : ''}</dd>`;
  return html`<section aria-labelledby="last-rubrik">
<h2 id="last-rubrik">${t.read.heading}</h2>
<p class="muted">${t.read.intro}</p>
<dl class="facts">
${row(t.field.body, p.bodyName ? bidi(p.bodyName) : missing, 'body')}
${row(t.field.folder, html`<code>drafts/${p.body}/</code> (${bidi(directory.name)})`, null)}
${row(t.field.date, p.date ? dateTag(p.date, input.lang, true) : missing, 'date')}
${row(t.field.time, p.time ? bidi(p.time) : missing, 'time')}
${row(t.field.place, p.place ? bidi(p.place) : missing, 'place')}
${row(
  t.field.chair,
  p.chair ? bidi(p.chair) : html`${missing}${chairs.length === 1 && p.adjusters.length ? html`<br>${t.chairFallback(chairs[0]!.name)}` : ''}`,
  'chair',
)}
${row(
  t.field.adjusters,
  p.adjusters.length ? html`${p.adjusters.map((a, i) => html`${i ? ', ' : ''}${bidi(a)}`)}${unknown.length ? html`<br>${t.notInDirectory(unknown.join(', '))}` : ''}` : missing,
  'adjusters',
)}
${row(t.field.secretary, p.secretary ? bidi(p.secretary) : missing, 'secretary')}
</dl>
${p.warnings.length ? html`<h3 id="varningar">${t.warnings}</h3><ul aria-labelledby="varningar"${sv}>${p.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}
</section>`;
}

function itemsSection(items: ItemRecord[], t: SecretaryText, sv: Html): Html {
  return html`<section aria-labelledby="paragrafer-rubrik">
<h2 id="paragrafer-rubrik">${t.items.heading}</h2>
${items.length ? html`<ul class="rows"${sv}>${items.map((i) => html`<li><bdi>${/^\d+$/.test(i.number) ? `${i.number}.` : i.number}</bdi> <bdi>${i.title}</bdi></li>`)}</ul>` : html`<p>${t.items.none}</p>`}
</section>`;
}

function signersSection(signers: SignerRecord[], t: SecretaryText): Html {
  if (!signers.length) return html``;
  return html`<section aria-labelledby="justerare-rubrik">
<h2 id="justerare-rubrik">${t.signers.heading}</h2>
<ul class="rows">${signers.map((s) => html`<li><strong>${bidi(s.name)}</strong>, ${t.role[s.role]}<br>${t.status[s.status]}</li>`)}</ul>
</section>`;
}

function fieldError(id: string, message: string, t: SecretaryText): Html {
  return html`<p class="error-message" id="${id}"><span class="vh">${t.errors.prefix} </span>${message}</p>`;
}

function form(input: SecretaryPageInput, t: SecretaryText): Html {
  const { protocol: p, directory, lang } = input;
  const action = `/secretary/${encodeURIComponent(input.token)}?lang=${lang}`;
  const bad = (f: SecretaryField) => input.problem?.field === f;
  const err = (f: SecretaryField) => (bad(f) ? fieldError(`${f}-error`, input.problem!.message, t) : '');
  const described = (f: SecretaryField, hint: string | null) => [hint, bad(f) ? `${f}-error` : null].filter(Boolean).join(' ');
  const invalid = (f: SecretaryField) => (bad(f) ? html` aria-invalid="true"` : '');
  const chairMatch = p.chair ? matchMember(p.chair, directory.members) : null;
  const chairName = chairMatch?.kind === 'found' ? chairMatch.member.name : null;
  const adjusterNames = new Set(p.adjusters.map((a) => { const m = matchMember(a, directory.members); return m.kind === 'found' ? m.member.name : a; }));
  // Ids come from positions, never from names.
  return html`<section class="panel" id="ratta" aria-labelledby="ratta-rubrik">
<h2 id="ratta-rubrik">${t.form.heading}</h2>
<p>${p.status === 'NEEDS_ATTENTION' ? t.form.intro : t.form.routedIntro}</p>
<form method="post" action="${action}">
<input type="hidden" name="version" value="${String(p.corrections?.length ?? 0)}">
<input type="hidden" name="adjusters-shown" value="1">
<div class="field${bad('chair') ? ' invalid' : ''}">
<label class="label" for="chair">${t.form.chair}</label>
<p class="hint" id="chair-hint">${t.form.chairHint}</p>
${err('chair')}
<select id="chair" name="chair" aria-describedby="${described('chair', 'chair-hint')}"${invalid('chair')}>
<option value="">${t.form.keep}</option>
${directory.members.map((m) => html`<option value="${m.name}"${m.name === chairName ? html` selected` : ''}>${m.name} (${m.role})</option>`)}
</select>
</div>
<fieldset class="field${bad('adjusters') ? ' invalid' : ''}" id="adjusters" aria-describedby="${described('adjusters', 'adjusters-hint')}">
<legend class="label">${t.form.adjusters}</legend>
<p class="hint" id="adjusters-hint">${t.form.adjustersHint}</p>
${err('adjusters')}
${directory.members.map(
  (m, i) => html`<div class="check"><input type="checkbox" id="adjuster-${i}" name="adjuster" value="${m.name}"${adjusterNames.has(m.name) ? html` checked` : ''}>
<label for="adjuster-${i}">${m.name} <span class="muted">(${m.role})</span></label></div>`,
)}
</fieldset>
<fieldset class="field${bad('new-name') || bad('new-email') ? ' invalid' : ''}" aria-describedby="new-hint">
<legend class="label">${t.form.newPerson}</legend>
<p class="hint" id="new-hint">${t.form.newHint}</p>
<label class="label" for="new-name">${t.form.newName}</label>
${err('new-name')}
<input type="text" id="new-name" name="newName" autocomplete="off" maxlength="200"${bad('new-name') ? html` aria-describedby="new-name-error"` : ''}${invalid('new-name')}>
<label class="label" for="new-email">${t.form.newEmail}</label>
${err('new-email')}
<input type="email" id="new-email" name="newEmail" autocomplete="off" maxlength="254"${bad('new-email') ? html` aria-describedby="new-email-error"` : ''}${invalid('new-email')}>
<fieldset><legend class="label">${t.form.newRole}</legend>
<div class="check"><input type="radio" id="new-role-adjuster" name="newRole" value="justerare" checked><label for="new-role-adjuster">${t.role.justerare}</label></div>
<div class="check"><input type="radio" id="new-role-chair" name="newRole" value="ordförande"><label for="new-role-chair">${t.role.ordförande}</label></div>
</fieldset>
</fieldset>
<div class="field${bad('date') ? ' invalid' : ''}">
<label class="label" for="date">${t.form.date}</label>
<p class="hint" id="date-hint">${t.form.dateHint}</p>
${err('date')}
<input type="date" id="date" name="date" value="${p.date ?? ''}" aria-describedby="${described('date', 'date-hint')}"${invalid('date')}>
</div>
<div class="field${bad('place') ? ' invalid' : ''}">
<label class="label" for="place">${t.form.place}</label>
${err('place')}
<input type="text" id="place" name="place" value="${p.place ?? ''}" maxlength="200"${bad('place') ? html` aria-describedby="place-error"` : ''}${invalid('place')}>
</div>
<div class="buttons"><button type="submit" name="action" value="route">${t.form.route}</button>
<button type="submit" class="secondary" name="action" value="save">${t.form.save}</button></div>
</form>
</section>`;
}

export function secretaryPage(input: SecretaryPageInput): Html {
  const { protocol: p, lang } = input;
  const t = SECRETARY_TEXT[lang];
  // On the English page the minutes' own words stay Swedish: mark them so (WCAG 3.1.2).
  const sv = lang === 'en' ? html` lang="sv"` : html``;
  const banner = bannerOf(p, t);
  const body = p.bodyName ?? input.directory.name;
  const pdfUrl = safeUrl(input.pdfUrl);
  const signed = input.signers.filter((s) => s.status === 'signed');
  const correctable = correctionRefusal(p, input.signers) === null;
  const problem = input.problem;
  const reason = p.reason ? (lang === 'sv' ? p.reason.sv : p.reason.en) : null;

  const main = html`${problem
    ? html`<div class="error-summary" role="alert" aria-labelledby="fel-rubrik"><h2 id="fel-rubrik">${t.errors.summary}</h2>
<ul><li>${problem.field ? html`<a href="#${problem.field}">${problem.message}</a>` : problem.message}</li></ul></div>`
    : ''}
<p class="kicker">${t.kicker}</p>
<h1>${bidi(body)}${p.date ? html` <span class="muted">${dateTag(p.date, lang)}</span>` : ''}</h1>
<div class="banner ${banner.tone}" id="status" role="status">
<h2>${banner.heading}</h2>
${input.notice ? html`<p><strong>${t.notice[input.notice]}</strong></p>` : ''}
<p>${banner.body}</p>
${reason && (p.status === 'NEEDS_ATTENTION' || p.status === 'CHANGES_REQUESTED') ? html`<blockquote>${reason}</blockquote>` : ''}
${correctable ? html`<p><a href="#ratta">${t.form.heading}</a></p>` : ''}
</div>
${factsSection(input, t, sv)}
${signersSection(input.signers, t)}
${itemsSection(input.items, t, sv)}
<section aria-labelledby="dokument-rubrik"><h2 id="dokument-rubrik">${t.document.heading}</h2>
${pdfUrl ? html`<p><a class="button wide" href="${pdfUrl}">${t.document.open}</a></p>` : ''}</section>
${correctable ? form(input, t) : signed.length && (p.status === 'ROUTED' || p.status === 'CHANGES_REQUESTED') ? html`<p>${t.locked(signed.map((s) => s.name).join(', '))}</p>` : ''}`;

  const title = `${problem ? `${t.errors.prefix} ` : ''}${t.kicker} – ${body}${p.date ? ` ${p.date}` : ''} – Justera`;
  return layout({ lang, title, main, header: languageSwitch(lang), noindex: true });
}
