// The secretary's page behind their personal link: what Justera read from the
// minutes and where each value came from, the paragraphs and warnings, who
// adjusts, and — while a correction is allowed — one form to correct chair,
// adjusters, date and place and send the minutes for adjustment. Like the
// signing page: no JavaScript, the browser's validation plus the server's
// answer in an error summary linked to the field, everything from the PDF
// escaped by construction.
import { OPEN_STATUSES, type BodyDirectory, type ItemRecord, type NoticeRecord, type ProtocolRecord, type SignerRecord } from '../domain/records';
import { formatStockholm } from '../domain/stockholm';
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
  /** The notice of adjustment, once published. */
  published?: NoticeRecord | null;
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
    case 'PUBLISHED':
      return t.banner.published;
    case 'WITHDRAWN':
      return t.banner.withdrawn;
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

function when(at: string | null | undefined, t: SecretaryText): Html | string {
  return at ? html`<time datetime="${at}">${formatStockholm(at)}</time>` : t.signers.never;
}

/** A signer who was asked and has not answered can be reminded or sent the link again. */
function nudgeable(p: ProtocolRecord, s: SignerRecord): boolean {
  return p.status === 'ROUTED' && s.status === 'pending' && Boolean(s.invitedAt);
}

function signersSection(input: SecretaryPageInput, t: SecretaryText): Html {
  const { protocol: p, signers } = input;
  if (!signers.length) return html``;
  const action = actionOf(input);
  // Who was asked, who opened, who signed and when: one row per person, readable on a phone.
  return html`<section aria-labelledby="justerare-rubrik">
<h2 id="justerare-rubrik">${t.signers.heading}</h2>
<ul class="rows">${signers.map(
  (s) => html`<li><strong>${bidi(s.name)}</strong>, ${t.role[s.role]}<br>${t.status[s.status]}
<dl class="facts"><dt>${t.signers.invited}</dt><dd>${when(s.invitedAt, t)}</dd><dt>${t.signers.opened}</dt><dd>${when(s.firstViewedAt, t)}</dd><dt>${t.signers.signed}</dt><dd>${when(s.signature?.at, t)}</dd></dl>
${nudgeable(p, s) ? html`<form method="post" action="${action}"><input type="hidden" name="signer" value="${s.id}">
<div class="buttons"><button type="submit" class="secondary" name="action" value="remind">${t.signers.remind}<span class="vh"> ${t.signers.actionsFor(s.name)}</span></button>
<button type="submit" class="secondary" name="action" value="resend">${t.signers.resend}<span class="vh"> ${t.signers.actionsFor(s.name)}</span></button></div></form>` : ''}</li>`,
)}</ul>
</section>`;
}

function withdrawSection(input: SecretaryPageInput, t: SecretaryText): Html {
  if (!OPEN_STATUSES.includes(input.protocol.status)) return html``;
  return html`<section class="panel" id="aterkalla" aria-labelledby="aterkalla-rubrik">
<h2 id="aterkalla-rubrik">${t.withdraw.heading}</h2>
<p>${t.withdraw.intro}</p>
<form method="post" action="${actionOf(input)}">
<div class="field"><label class="label" for="cause">${t.withdraw.cause}</label>
<select id="cause" name="cause" required>${Object.entries(t.withdraw.causes).map(([value, label]) => html`<option value="${value}">${label}</option>`)}</select></div>
<div class="buttons"><button type="submit" name="action" value="withdraw">${t.withdraw.button}</button></div>
</form>
</section>`;
}

/** After publication: the sealed PDF and the notice, as everyone else sees them. */
function publishedSection(input: SecretaryPageInput, t: SecretaryText): Html {
  const n = input.published;
  if (input.protocol.status !== 'PUBLISHED' || !n) return html``;
  const pdf = safeUrl(n.pdfUrl);
  const page = safeUrl(n.protocolUrl);
  return html`<section aria-labelledby="publicerat-rubrik">
<h2 id="publicerat-rubrik">${t.published.heading}</h2>
${pdf ? html`<p><a class="button wide" href="${pdf}">${t.published.pdf}</a></p>` : ''}
<dl class="facts">
${n.paragraphs ? html`<dt>${t.published.paragraphs}</dt><dd>${bidi(n.paragraphs)}</dd>` : ''}
<dt>${t.published.adjustedOn}</dt><dd>${dateTag(n.adjustedOn, input.lang)}</dd>
<dt>${t.published.postedOn}</dt><dd>${dateTag(n.postedOn, input.lang)}</dd>
<dt>${t.published.appealEndsOn}</dt><dd>${dateTag(n.appealEndsOn, input.lang)}</dd>
<dt>${t.published.takeDownOn}</dt><dd>${dateTag(n.takeDownOn, input.lang)}</dd>
<dt>${t.published.keptAt}</dt><dd>${n.keptAt ? html`${bidi(n.keptAt)}<br>` : ''}${page ? html`<a href="${page}">${t.published.page}</a>` : ''}</dd>
</dl>
<p><a href="/anslagstavla">${t.published.board}</a></p>
</section>`;
}

function actionOf(input: SecretaryPageInput): string {
  return `/secretary/${encodeURIComponent(input.token)}?lang=${input.lang}`;
}

function fieldError(id: string, message: string, t: SecretaryText): Html {
  return html`<p class="error-message" id="${id}"><span class="vh">${t.errors.prefix} </span>${message}</p>`;
}

/** Marks a field the secretary got wrong: its message, its aria-describedby and aria-invalid. */
function fieldKit(input: SecretaryPageInput, t: SecretaryText) {
  const bad = (f: SecretaryField) => input.problem?.field === f;
  return {
    bad,
    err: (f: SecretaryField) => (bad(f) ? fieldError(`${f}-error`, input.problem!.message, t) : ''),
    described: (f: SecretaryField, hint: string | null) => [hint, bad(f) ? `${f}-error` : null].filter(Boolean).join(' '),
    invalid: (f: SecretaryField) => (bad(f) ? html` aria-invalid="true"` : ''),
  };
}
type FieldKit = ReturnType<typeof fieldKit>;

function form(input: SecretaryPageInput, t: SecretaryText): Html {
  const { protocol: p } = input;
  const k = fieldKit(input, t);
  return html`<section class="panel" id="ratta" aria-labelledby="ratta-rubrik">
<h2 id="ratta-rubrik">${t.form.heading}</h2>
<p>${p.status === 'NEEDS_ATTENTION' ? t.form.intro : t.form.routedIntro}</p>
<form method="post" action="${actionOf(input)}">
<input type="hidden" name="version" value="${String(p.corrections?.length ?? 0)}">
<input type="hidden" name="adjusters-shown" value="1">
${peopleFields(input, t, k)}
${newPersonFields(t, k)}
${meetingFields(p, t, k)}
<div class="buttons"><button type="submit" name="action" value="route">${t.form.route}</button>
<button type="submit" class="secondary" name="action" value="save">${t.form.save}</button></div>
</form>
</section>`;
}

/** Chair and adjusters picked from the directory, the parse's choice preselected. Ids come from positions, never from names. */
function peopleFields(input: SecretaryPageInput, t: SecretaryText, k: FieldKit): Html {
  const { protocol: p, directory } = input;
  const { bad, err, described, invalid } = k;
  const chairMatch = p.chair ? matchMember(p.chair, directory.members) : null;
  const chairName = chairMatch?.kind === 'found' ? chairMatch.member.name : null;
  const adjusterNames = new Set(p.adjusters.map((a) => { const m = matchMember(a, directory.members); return m.kind === 'found' ? m.member.name : a; }));
  return html`<div class="field${bad('chair') ? ' invalid' : ''}">
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
</fieldset>`;
}

function newPersonFields(t: SecretaryText, k: FieldKit): Html {
  const { bad, err, invalid } = k;
  return html`<fieldset class="field${bad('new-name') || bad('new-email') ? ' invalid' : ''}" aria-describedby="new-hint">
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
</fieldset>`;
}

function meetingFields(p: SecretaryPageInput['protocol'], t: SecretaryText, k: FieldKit): Html {
  const { bad, err, described, invalid } = k;
  return html`<div class="field${bad('date') ? ' invalid' : ''}">
<label class="label" for="date">${t.form.date}</label>
<p class="hint" id="date-hint">${t.form.dateHint}</p>
${err('date')}
<input type="date" id="date" name="date" value="${p.date ?? ''}" aria-describedby="${described('date', 'date-hint')}"${invalid('date')}>
</div>
<div class="field${bad('place') ? ' invalid' : ''}">
<label class="label" for="place">${t.form.place}</label>
${err('place')}
<input type="text" id="place" name="place" value="${p.place ?? ''}" maxlength="200"${bad('place') ? html` aria-describedby="place-error"` : ''}${invalid('place')}>
</div>`;
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
${reason && (p.status === 'NEEDS_ATTENTION' || p.status === 'CHANGES_REQUESTED' || p.status === 'WITHDRAWN') ? html`<blockquote>${reason}</blockquote>` : ''}
${correctable ? html`<p><a href="#ratta">${t.form.heading}</a></p>` : ''}
</div>
${factsSection(input, t, sv)}
${signersSection(input, t)}
${publishedSection(input, t)}
${itemsSection(input.items, t, sv)}
<section aria-labelledby="dokument-rubrik"><h2 id="dokument-rubrik">${t.document.heading}</h2>
${pdfUrl ? html`<p><a class="button wide" href="${pdfUrl}">${t.document.open}</a></p>` : ''}</section>
${correctable ? form(input, t) : signed.length && (p.status === 'ROUTED' || p.status === 'CHANGES_REQUESTED') ? html`<p>${t.locked(signed.map((s) => s.name).join(', '))}</p>` : ''}
${withdrawSection(input, t)}
<p><a href="/secretary/${encodeURIComponent(input.token)}/protocols?lang=${lang}">${t.bodyPage.link}</a></p>`;

  const title = `${problem ? `${t.errors.prefix} ` : ''}${t.kicker} – ${body}${p.date ? ` ${p.date}` : ''} – Justera`;
  return layout({ lang, title, main, header: languageSwitch(lang), noindex: true });
}
