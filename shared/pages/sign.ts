// The page behind a personal signing link. It reads top-down on a phone: what
// the signer is asked to do (status banner), the facts, who signs, the PDF, the
// minutes as accessible HTML and, only while the link is open, the two forms
// at the end: sign after reading, or ask for a change. No JavaScript:
// validation is the browser's `required` plus the server's answer, shown in an
// error summary linked to the field (the GOV.UK pattern).
import { CHANGE_TOPICS, MAX_COMMENT } from '../domain/reasons';
import { formatStockholm } from '../domain/stockholm';
import type { DecisionRecord, ItemRecord, SignerRecord } from '../domain/records';
import type { LinkView } from '../flow/sign';
import { html, paragraphs, type Html } from '../html/html';
import { layout } from './layout';
import { bidi, dateTag, languageSwitch, safeUrl, type Lang } from './parts';
import { bankIdSection, type BankIdPageState } from './sign-bankid';
import { SIGN_TEXT, SIGN_TEXT_NOTES_SV, type SignText } from './sign-text';

export type SignNotice = 'signed' | 'changes-requested' | 'consent-missing' | 'comment-missing' | 'bad-action' | 'refused' | 'change-not-sent';

export type { BankIdPageState } from './sign-bankid';

export interface SignPageInput {
  view: LinkView;
  lang: Lang;
  token: string;
  /** Where the draft PDF is served (a short-lived redirect); also the embedded view. */
  pdfUrl: string;
  notice?: SignNotice;
  /** Bodies that sign with BankID: where the last BankID post left the order. */
  bankId?: BankIdPageState;
}

interface Problem {
  message: string;
  /** The field (id) the message belongs to, when it is on the page. */
  field: 'consent' | 'comment' | 'justera' | null;
}

function problemOf(input: SignPageInput, t: SignText): Problem | null {
  const open = input.view.state === 'open';
  switch (input.notice) {
    case 'consent-missing':
      return { message: t.errors.consent, field: open ? 'consent' : null };
    case 'comment-missing':
      return { message: t.errors.comment(MAX_COMMENT), field: open ? 'comment' : null };
    case 'bad-action':
      return { message: t.errors.action, field: open ? 'justera' : null };
    case 'refused':
      // A repeated post (reload after signing) finds the signer's own action done: the banner says so, no error.
      if (input.view.signer.status === 'signed' || input.view.signer.status === 'changes-requested') return null;
      return { message: open ? t.errors.refusedOpen : t.errors.refused, field: null };
    case 'change-not-sent':
      // Two tabs: signed in one, asked for a change in the other. The request went nowhere: say so.
      return { message: t.errors.changeNotSent, field: null };
    default:
      return null;
  }
}

function errorSummary(problem: Problem, t: SignText): Html {
  // role="alert" makes screen readers announce it as the page loads after the post.
  return html`<div class="error-summary" role="alert" aria-labelledby="fel-rubrik">
<h2 id="fel-rubrik">${t.errors.summary}</h2>
<ul><li>${problem.field ? html`<a href="#${problem.field}">${problem.message}</a>` : problem.message}</li></ul>
</div>`;
}

function fieldError(id: string, message: string, t: SignText): Html {
  return html`<p class="error-message" id="${id}"><span class="vh">${t.errors.prefix} </span>${message}</p>`;
}

/** "§ 8", or "3." for numbered notes. */
function itemLabel(item: Pick<ItemRecord, 'number'>): string {
  return /^\d+$/.test(item.number) ? `${item.number}.` : item.number;
}

function itemHeading(item: ItemRecord, sv: Html): Html {
  return html`<bdi${sv}>${itemLabel(item)}</bdi> <bdi${sv}>${item.title}</bdi>`;
}

function contentSection(view: LinkView, t: SignText, lang: Lang): Html {
  // On the English page the minutes themselves stay Swedish: mark them so (WCAG 3.1.2).
  const sv = lang === 'en' ? html` lang="sv"` : html``;
  const byItem = new Map<number, DecisionRecord[]>();
  for (const d of view.decisions) byItem.set(d.itemIndex, [...(byItem.get(d.itemIndex) ?? []), d]);
  const known = new Set(view.items.map((i) => i.index));
  const orphans = view.decisions.filter((d) => !known.has(d.itemIndex));

  const decisionList = (id: string, list: DecisionRecord[]) =>
    list.length
      ? html`<div class="decision"><h4 id="${id}">${t.content.decisions}</h4><ul aria-labelledby="${id}"${sv}>${list.map((d) => html`<li>${d.text}</li>`)}</ul></div>`
      : '';

  // Ids come from positions, never from the data, so they are always unique and well-formed.
  const items = view.items.map(
    // Unnamed sections: one landmark per paragraph would drown the page's real regions.
    (item, i) => html`<section class="item">
<h3 id="p${i}">${itemHeading(item, sv)}</h3>
${item.text.trim() ? html`<div${sv}>${paragraphs(item.text)}</div>` : ''}
${decisionList(`b${i}`, byItem.get(item.index) ?? [])}
</section>`,
  );
  const toc =
    view.items.length > 3
      ? html`<nav class="toc" aria-labelledby="toc-rubrik"><h3 id="toc-rubrik">${t.content.toc}</h3><ol>${view.items.map(
          (item, i) => html`<li><a href="#p${i}">${itemHeading(item, sv)}</a></li>`,
        )}</ol></nav>`
      : '';
  const other = orphans.length
    ? html`<section class="item"><h3 id="ovriga">${t.content.otherDecisions}</h3><ul${sv}>${orphans.map(
        (d) => html`<li><bdi>${itemLabel({ number: d.itemNumber })}</bdi> <bdi>${d.itemTitle}</bdi>: ${d.text}</li>`,
      )}</ul></section>`
    : '';

  return html`<section id="innehall" aria-labelledby="innehall-rubrik">
<h2 id="innehall-rubrik">${t.content.heading}</h2>
<p class="muted">${t.content.note}</p>
${view.items.length ? html`${toc}${items}` : html`<p>${t.content.empty}</p>`}
${other}
</section>`;
}

function documentSection(view: LinkView, pdfUrl: string | null, t: SignText): Html {
  const p = view.protocol;
  return html`<section id="dokument" aria-labelledby="dokument-rubrik">
<h2 id="dokument-rubrik">${t.document.heading}</h2>
${pdfUrl ? html`<p><a class="button wide" href="${pdfUrl}">${t.document.open}</a>${p.pages ? html` <span class="muted">(${t.document.pages(p.pages)})</span>` : ''}</p>
<object class="pdf" data="${pdfUrl}" type="application/pdf" title="${t.document.objectTitle}" aria-label="${t.document.objectTitle}"><p>${t.document.fallback} <a href="${pdfUrl}">${t.document.open}</a></p></object>` : ''}
${p.draftSha256 ? html`<p class="hash small muted">${t.document.hash}: <code>${p.draftSha256}</code><br>${t.document.hashNote}</p>` : ''}
</section>`;
}

function signerStatus(s: SignerRecord, t: SignText): string {
  return s.status === 'signed' && s.signature ? t.signedAt(formatStockholm(s.signature.at)) : t.status[s.status];
}

/**
 * Names, roles and progress only: never an address, a token or a hash. A list
 * rather than a table: three columns of Swedish words do not fit a phone.
 */
function signersSection(view: LinkView, t: SignText): Html {
  const signers = [...view.signers].sort((a, b) => a.step - b.step);
  return html`<section aria-labelledby="justerare-rubrik">
<h2 id="justerare-rubrik">${t.signers.heading}</h2>
<ul class="rows">${signers.map(
    (s) =>
      html`<li><strong>${bidi(s.name)}</strong>${s.id === view.signer.id ? html` ${t.you}` : ''}, ${t.role[s.role]}<br>${signerStatus(s, t)}</li>`,
  )}</ul>
</section>`;
}

function forms(input: SignPageInput, t: SignText, problem: Problem | null): Html {
  const { view, lang } = input;
  const action = `/sign/${encodeURIComponent(input.token)}?lang=${lang}`;
  const consentError = problem?.field === 'consent';
  const commentError = problem?.field === 'comment';
  // A signer of a BankID body carries the member's hash: they sign in the BankID app, not with the box alone.
  const signing = view.signer.personnummerHash
    ? bankIdSection({ view, lang, action, t, state: input.bankId, consentError, consentErrorHtml: consentError ? fieldError('consent-error', t.errors.consent, t) : '' })
    : html`<section class="panel" id="justera" aria-labelledby="justera-rubrik">
<h2 id="justera-rubrik">${t.sign.heading}</h2>
<p>${t.sign.intro}</p>
<form method="post" action="${action}">
<input type="hidden" name="sha256" value="${view.protocol.draftSha256 ?? ''}">
<div class="field${consentError ? ' invalid' : ''}">
${consentError ? fieldError('consent-error', t.errors.consent, t) : ''}
<div class="check"><input type="checkbox" id="consent" name="consent" value="on" required aria-describedby="consent-hint${consentError ? ' consent-error' : ''}"${consentError ? html` aria-invalid="true"` : ''}>
<div><label for="consent">${t.sign.consent(t.role[view.signer.role])}</label>
<p class="hint" id="consent-hint">${t.sign.hint}</p></div></div>
</div>
<button type="submit" name="action" value="sign">${t.sign.button}</button>
</form>
</section>`;
  return html`${signing}
<section class="panel" id="andring" aria-labelledby="andring-rubrik">
<h2 id="andring-rubrik">${t.change.heading}</h2>
<p>${t.change.intro}</p>
<form method="post" action="${action}">
<div class="field">
<label class="label" for="topic">${t.change.topic}</label>
<select id="topic" name="topic">${Object.entries(CHANGE_TOPICS).map(([value, topic]) => html`<option value="${value}"${value === 'other' ? html` selected` : ''}>${topic.label[lang]}</option>`)}</select>
</div>
<div class="field${commentError ? ' invalid' : ''}">
<label class="label" for="comment">${t.change.label}</label>
<p class="hint" id="comment-hint">${t.change.hint(MAX_COMMENT)}</p>
${commentError ? fieldError('comment-error', t.errors.comment(MAX_COMMENT), t) : ''}
<textarea id="comment" name="comment" rows="5" maxlength="${MAX_COMMENT}" required aria-describedby="comment-hint${commentError ? ' comment-error' : ''}"${commentError ? html` aria-invalid="true"` : ''}></textarea>
</div>
<button type="submit" class="secondary" name="action" value="request-changes">${t.change.button}</button>
</form>
</section>`;
}

/**
 * Long minutes on a phone are thousands of pixels: this bar stays at the foot
 * of the screen (position: sticky, no script) until the forms scroll into
 * view, so the action is one tap away wherever the signer is reading.
 */
function actionBar(t: SignText): Html {
  return html`<nav class="action-bar no-print" aria-label="${t.actionBar.label}">
<a class="button" href="#justera">${t.actionBar.sign}</a>
<a class="button secondary" href="#andring">${t.actionBar.change}</a>
</nav>`;
}

/** The words of the page for this document: minnesanteckningar keep their own name in the headings. */
function textFor(lang: Lang, kind: string | null): SignText {
  if (kind !== 'minnesanteckningar') return SIGN_TEXT[lang];
  const t = lang === 'sv' ? SIGN_TEXT_NOTES_SV : SIGN_TEXT[lang];
  return {
    ...t,
    banner: (state, f) => ({ ...t.banner(state, f), heading: t.notes.headings[state] ?? t.banner(state, f).heading }),
    document: { ...t.document, heading: t.notes.document },
    sign: { ...t.sign, heading: t.notes.sign },
  };
}

export function signPage(input: SignPageInput): Html {
  const { view, lang } = input;
  const t = textFor(lang, view.protocol.kind);
  const p = view.protocol;
  const body = p.bodyName ?? p.body;
  const deadline = formatStockholm(view.signer.expiresAt);
  const banner = t.banner(view.state, {
    deadline,
    signedAt: view.signer.signature ? formatStockholm(view.signer.signature.at) : null,
    adjustedAt: p.adjustedAt ? formatStockholm(p.adjustedAt) : null,
    secretary: p.secretary,
    comment: view.signer.comment,
    reason: p.status === 'CHANGES_REQUESTED' && p.reason ? p.reason[lang] : null,
    published: view.notice && safeUrl(view.notice.pdfUrl) ? { pdfUrl: safeUrl(view.notice.pdfUrl)!, postedOn: view.notice.postedOn, appealEndsOn: view.notice.appealEndsOn } : null,
  });
  const problem = problemOf(input, t);
  const pdfUrl = safeUrl(input.pdfUrl);
  const missing = html`<span class="muted">${t.missing}</span>`;
  const open = view.state === 'open';

  const main = html`${problem ? errorSummary(problem, t) : ''}
<p class="kicker">${p.kind === 'minnesanteckningar' ? t.kicker.minnesanteckningar : t.kicker.protokoll}</p>
<h1>${bidi(body)}</h1>
<div class="banner ${banner.tone}" id="status">
<h2>${banner.heading}</h2>
${banner.body}
${open ? html`<p><a class="button secondary" href="#justera">${t.toForm}</a></p>` : ''}
</div>
<dl class="facts">
<dt>${t.facts.meeting}</dt><dd>${p.date ? dateTag(p.date, lang, true) : missing}</dd>
<dt>${t.facts.time}</dt><dd>${p.time ? bidi(p.time.replace(/(\d)-(\d)/, '$1–$2')) : missing}</dd>
<dt>${t.facts.place}</dt><dd>${p.place ? bidi(p.place) : missing}</dd>
<dt>${t.facts.you}</dt><dd>${bidi(view.signer.name)}, ${t.role[view.signer.role]}</dd>
<dt>${t.facts.deadline}</dt><dd>${deadline}</dd>
</dl>
${signersSection(view, t)}
${view.state === 'superseded' ? '' : html`${documentSection(view, pdfUrl, t)}${contentSection(view, t, lang)}`}
${open ? html`${actionBar(t)}${forms(input, t, problem)}` : ''}`;

  const title = `${problem ? `${t.errors.prefix} ` : ''}${banner.heading} – ${body}${p.date ? ` ${p.date}` : ''} – Justera`;
  return layout({ lang, title, main, header: languageSwitch(lang), noindex: true });
}

/** The answer for any unknown, malformed or revoked token: the same page every time, so it reveals nothing. */
export function unknownLinkPage(lang: Lang): Html {
  const t = SIGN_TEXT[lang].unknown;
  const main = html`<h1>${t.title}</h1>
<p class="lede">${t.body}</p>
<p>${t.help}</p>`;
  return layout({ lang, title: `${t.title} – Justera`, main, header: languageSwitch(lang), noindex: true });
}
