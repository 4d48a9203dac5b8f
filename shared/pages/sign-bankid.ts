// The signing form of a body that signs with BankID. Without JavaScript it
// works as three posts: start (consent and the draft's digest), then the QR
// code, the autostart link and a "continue" button that collects, then the
// outcome. With JavaScript (/assets/bankid.js) the same collect post runs by
// itself every two seconds and swaps in the new QR code.
import { messageText, type RfaCode } from '../bankid/messages';
import type { LinkView } from '../flow/sign';
import type { RunningOrder } from '../flow/sign-bankid';
import { html, type Html } from '../html/html';
import type { Lang } from './parts';
import type { SignText } from './sign-text';

/** What the last BankID post came to. */
export type BankIdPageState =
  | { kind: 'running'; order: RunningOrder }
  /** BankID's message (null: a fault of ours). */
  | { kind: 'failed'; message: RfaCode | null }
  | { kind: 'refused' };

function startForm(view: LinkView, action: string, t: SignText, consentError: boolean, consentErrorHtml: Html | '', button: string): Html {
  return html`<form method="post" action="${action}">
<input type="hidden" name="sha256" value="${view.protocol.draftSha256 ?? ''}">
<div class="field${consentError ? ' invalid' : ''}">
${consentErrorHtml}
<div class="check"><input type="checkbox" id="consent" name="consent" value="on" required aria-describedby="consent-hint"${consentError ? html` aria-invalid="true"` : ''}>
<div><label for="consent">${t.sign.consent(t.role[view.signer.role])}</label>
<p class="hint" id="consent-hint">${t.bankId.hint}</p></div></div>
</div>
<button type="submit" name="action" value="bankid-start">${button}</button>
</form>`;
}

function runningPanel(view: LinkView, action: string, order: RunningOrder, t: SignText, lang: Lang): Html {
  // The digest and consent go again with "try again": a new order over the same draft.
  return html`<div id="bankid-order" data-collect="${action}">
<p role="status" aria-live="polite" id="bankid-message">${messageText(order.message, lang)}</p>
<p><img id="bankid-qr" src="${order.qrImage}" alt="${t.bankId.qrAlt}" width="240" height="240"></p>
<p><a class="button secondary" href="${order.autostart}">${t.bankId.openHere}</a></p>
<form method="post" action="${action}">
<button type="submit" name="action" value="bankid-collect">${t.bankId.collect}</button>
</form>
<form method="post" action="${action}">
<input type="hidden" name="sha256" value="${view.protocol.draftSha256 ?? ''}">
<input type="hidden" name="consent" value="on">
<button type="submit" class="secondary" name="action" value="bankid-start">${t.bankId.tryAgain}</button>
</form>
</div>
<script src="/assets/bankid.js" defer></script>`;
}

export function bankIdSection(input: {
  view: LinkView;
  lang: Lang;
  action: string;
  t: SignText;
  state?: BankIdPageState;
  consentError: boolean;
  consentErrorHtml: Html | '';
}): Html {
  const { view, lang, action, t, state } = input;
  const alert = (text: string) => html`<div class="error-summary" role="alert"><p>${text}</p></div>`;
  const body =
    state?.kind === 'running'
      ? html`<h3>${t.bankId.running}</h3>${runningPanel(view, action, state.order, t, lang)}`
      : html`${state?.kind === 'refused' ? alert(t.bankId.refused) : ''}${
          state?.kind === 'failed' ? alert(state.message ? messageText(state.message, lang) : t.bankId.ours) : ''
        }${startForm(view, action, t, input.consentError, input.consentErrorHtml, state ? t.bankId.tryAgain : t.bankId.button)}`;
  return html`<section class="panel" id="justera" aria-labelledby="justera-rubrik">
<h2 id="justera-rubrik">${t.sign.heading}</h2>
<p>${t.bankId.intro}</p>
${body}
</section>`;
}
