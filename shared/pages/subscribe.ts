// The subscription pages: the form (also embedded on a body's protocol
// pages), "check your mail", the confirmation and unsubscribe pages (a button
// each: a GET never changes anything, mail scanners follow links), and the
// answers after them. No page ever shows an address.
import { html, type Html } from '../html/html';
import { layout } from './layout';
import { languageSwitch, type Lang } from './parts';
import { SUBSCRIBE_TEXT } from './subscribe-text';

export interface SubscribeBody {
  slug: string;
  name: string;
}

const action = (path: string, lang: Lang) => (lang === 'en' ? `${path}?lang=en` : path);

/** The form: one field, one button, posted to the body's subscription path. */
export function subscribeForm(lang: Lang, body: SubscribeBody, problem?: string, headingLevel: 1 | 2 = 2): Html {
  const t = SUBSCRIBE_TEXT[lang];
  const heading = headingLevel === 1 ? html`<h1 id="subscribe-title">${t.follow(body.name)}</h1>` : html`<h2 id="subscribe-title">${t.follow(body.name)}</h2>`;
  return html`<section class="panel" aria-labelledby="subscribe-title">
${heading}
<p>${t.intro}</p>
<form method="post" action="${action(`/prenumeration/${body.slug}`, lang)}" novalidate>
<input type="hidden" name="lang" value="${lang}">
<div class="field${problem ? ' invalid' : ''}">
<label class="label" for="subscribe-email">${t.address}</label>
${problem ? html`<p class="error-message" id="subscribe-error">${problem}</p>` : ''}
<input type="email" id="subscribe-email" name="email" autocomplete="email" required${problem ? html` aria-invalid="true" aria-describedby="subscribe-error"` : ''}>
</div>
<button type="submit">${t.subscribe}</button>
</form>
</section>`;
}

function pageOf(lang: Lang, title: string, main: Html, personal = false): Html {
  return layout({ lang, title: `${title} – Justera`, main, header: languageSwitch(lang), noindex: personal });
}

export function subscribePage(lang: Lang, body: SubscribeBody, problem?: string): Html {
  return pageOf(lang, SUBSCRIBE_TEXT[lang].follow(body.name), subscribeForm(lang, body, problem, 1));
}

/** A page with a heading, a message and the way back to the board. */
export function subscribeMessagePage(lang: Lang, kind: 'sent' | 'confirmed' | 'unsubscribed' | 'invalid' | 'unknownBody', bodyName = ''): Html {
  const t = SUBSCRIBE_TEXT[lang];
  const messages: Record<typeof kind, [string, string, string]> = {
    sent: [t.sentTitle, t.sent(bodyName), 'info'],
    confirmed: [t.confirmedTitle, t.confirmed(bodyName), 'ok'],
    unsubscribed: [t.unsubscribedTitle, t.unsubscribed, 'ok'],
    invalid: [t.invalidTitle, t.invalid, 'warn'],
    unknownBody: [t.unknownBodyTitle, t.unknownBody, 'warn'],
  };
  const [title, text, tone] = messages[kind];
  return pageOf(lang, title, html`<h1>${title}</h1><div class="banner ${tone}" role="status"><p>${text}</p></div><p><a href="${action('/anslagstavla', lang)}">${t.board}</a></p>`, kind !== 'unknownBody');
}

/** The page a confirmation or unsubscribe link opens: what the button will do, and the button. */
export function subscribeButtonPage(lang: Lang, kind: 'confirm' | 'unsubscribe', path: string): Html {
  const t = SUBSCRIBE_TEXT[lang];
  const [title, intro, label] = kind === 'confirm' ? [t.confirmTitle, t.confirmIntro, t.confirm] : [t.unsubscribeTitle, t.unsubscribeIntro, t.unsubscribe];
  return pageOf(lang, title, html`<h1>${title}</h1><p>${intro}</p><form method="post" action="${action(path, lang)}"><button type="submit">${label}</button></form>`, true);
}

/** 429: which limit, in words, and when to try again. */
export function tooManyPage(lang: Lang, retryAfterSeconds: number): Html {
  const t = SUBSCRIBE_TEXT[lang];
  return pageOf(lang, t.limitedTitle, html`<h1>${t.limitedTitle}</h1><div class="banner stop" role="alert"><p>${t.limited(Math.max(1, Math.ceil(retryAfterSeconds / 60)))}</p></div>`);
}
