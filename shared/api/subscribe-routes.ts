// Subscriptions by e-mail: the form and its post, the confirmation link (a
// page with a button; the POST confirms), the unsubscribe link (a page with a
// button; the POST, also a mail client's RFC 8058 one-click POST, ends it).
import * as z from 'zod';
import { confirmationOpen, confirmSubscription, requestSubscription, unsubscribe, unsubscribeOpen } from '../flow/subscriptions';
import { bodyText, clientOf, csp, page, sameOrigin, type HttpEvent, type HttpResult } from '../lambda/http';
import { STYLE } from '../pages/layout';
import type { Lang } from '../pages/parts';
import { subscribeButtonPage, subscribeMessagePage, subscribePage, tooManyPage } from '../pages/subscribe';
import { SUBSCRIBE_TEXT } from '../pages/subscribe-text';
import type { Deps } from '../ports';
import { slug } from './schemas';

type Route = { method: 'GET' | 'POST'; path: string; handler: (event: HttpEvent) => Promise<HttpResult> };

const address = z.email().max(254);

function langOf(event: HttpEvent, form?: URLSearchParams): Lang {
  return (form?.get('lang') ?? event.queryStringParameters?.lang) === 'en' ? 'en' : 'sv';
}

const html = (status: number, body: Parameters<typeof page>[1], headers: Record<string, string> = {}) => page(status, body, csp(STYLE), headers);

export function subscribeRoutes(deps: () => Deps): Route[] {
  const bodyOf = async (event: HttpEvent) => {
    const parsed = slug.safeParse(event.pathParameters?.slug);
    const directory = parsed.success ? await deps().store.bodies.get(parsed.data) : null;
    return directory ? { slug: directory.slug, name: directory.name } : null;
  };
  const token = (event: HttpEvent) => event.pathParameters?.token ?? '';
  return [
    {
      method: 'GET',
      path: '/prenumeration/{slug}',
      handler: async (event) => {
        const lang = langOf(event);
        const body = await bodyOf(event);
        return body ? html(200, subscribePage(lang, body)) : html(404, subscribeMessagePage(lang, 'unknownBody'));
      },
    },
    {
      method: 'POST',
      path: '/prenumeration/{slug}',
      handler: async (event) => {
        const form = new URLSearchParams(bodyText(event));
        const lang = langOf(event, form);
        const body = await bodyOf(event);
        if (!body) return html(404, subscribeMessagePage(lang, 'unknownBody'));
        // A page elsewhere must not make visitors' browsers ask for subscriptions (the limits would count against them).
        if (!sameOrigin(event, deps().config.JUSTERA_PUBLIC_URL)) return html(403, subscribePage(lang, body, SUBSCRIBE_TEXT[lang].otherSite));
        const email = address.safeParse((form.get('email') ?? '').trim());
        if (!email.success) return html(400, subscribePage(lang, body, SUBSCRIBE_TEXT[lang].invalidAddress));
        const out = await requestSubscription(deps(), { body: body.slug, email: email.data, lang, client: clientOf(event).ip });
        if (out.kind === 'limited') return html(429, tooManyPage(lang, out.retryAfterSeconds), { 'retry-after': String(out.retryAfterSeconds) });
        if (out.kind === 'unknown-body') return html(404, subscribeMessagePage(lang, 'unknownBody'));
        return html(200, subscribeMessagePage(lang, 'sent', out.bodyName));
      },
    },
    {
      method: 'GET',
      path: '/prenumeration/bekrafta/{token}',
      handler: async (event) => {
        const lang = langOf(event);
        return (await confirmationOpen(deps(), token(event)))
          ? html(200, subscribeButtonPage(lang, 'confirm', `/prenumeration/bekrafta/${token(event)}`))
          : html(404, subscribeMessagePage(lang, 'invalid'));
      },
    },
    {
      method: 'POST',
      path: '/prenumeration/bekrafta/{token}',
      handler: async (event) => {
        const lang = langOf(event, new URLSearchParams(bodyText(event)));
        if (!sameOrigin(event, deps().config.JUSTERA_PUBLIC_URL)) return html(403, subscribeMessagePage(lang, 'invalid'));
        const out = await confirmSubscription(deps(), token(event));
        return out.kind === 'confirmed' ? html(200, subscribeMessagePage(lang, 'confirmed', out.bodyName)) : html(404, subscribeMessagePage(lang, 'invalid'));
      },
    },
    {
      method: 'GET',
      path: '/prenumeration/avsluta/{token}',
      handler: async (event) => {
        const lang = langOf(event);
        return (await unsubscribeOpen(deps(), token(event)))
          ? html(200, subscribeButtonPage(lang, 'unsubscribe', `/prenumeration/avsluta/${token(event)}`))
          : html(404, subscribeMessagePage(lang, 'invalid'));
      },
    },
    {
      method: 'POST',
      path: '/prenumeration/avsluta/{token}',
      // No same-origin check: RFC 8058's one-click POST comes from the mail provider, and the token is the authority.
      handler: async (event) => {
        const lang = langOf(event, new URLSearchParams(bodyText(event)));
        return (await unsubscribe(deps(), token(event))) === 'done' ? html(200, subscribeMessagePage(lang, 'unsubscribed')) : html(404, subscribeMessagePage(lang, 'invalid'));
      },
    },
  ];
}
