// The signing link: the page (GET, records "viewed" only), the form post, and
// the draft PDF the signer reads.
import { openLink, submit, type LinkView } from '../flow/sign';
import { HttpError, bodyText, clientOf, csp, page, redirect, sameOrigin, type HttpEvent, type HttpResult } from '../lambda/http';
import { BANKID_SCRIPT } from '../pages/bankid-script';
import { STYLE } from '../pages/layout';
import { signPage, unknownLinkPage, type BankIdPageState, type SignNotice } from '../pages/sign';
import type { Config } from '../config';
import type { Deps } from '../ports';

type Route = { method: 'GET' | 'POST'; path: string; handler: (event: HttpEvent) => Promise<HttpResult> };

/** Where the embedded PDF is served from: the page may frame only that. */
export function pdfOrigins(config: Config): string[] {
  const endpoint = config.JUSTERA_S3_PUBLIC_ENDPOINT ?? config.JUSTERA_S3_ENDPOINT;
  const s3 = endpoint ? new URL(endpoint).origin : `https://${config.JUSTERA_BUCKET}.s3.${config.AWS_REGION}.amazonaws.com`;
  return ["'self'", s3];
}

const GONE = new Set(['expired', 'superseded', 'closed']);

function langOf(event: HttpEvent): 'sv' | 'en' {
  return event.queryStringParameters?.lang === 'en' ? 'en' : 'sv';
}

export function signRoutes(deps: () => Deps): Route[] {
  const tokenOf = (event: HttpEvent) => event.pathParameters?.token ?? '';
  // No script on a page, except the BankID polling script for a signer who signs with BankID: a file of our own, never inline.
  const policy = (view?: LinkView) => csp(STYLE, pdfOrigins(deps().config), view?.signer.personnummerHash ? ["'self'"] : []);
  const render = (status: number, view: LinkView, event: HttpEvent, notice?: SignNotice, bankId?: BankIdPageState) =>
    page(status, signPage({ view, lang: langOf(event), token: tokenOf(event), pdfUrl: `/sign/${tokenOf(event)}/pdf`, notice, bankId }), policy(view));
  const unknown = (event: HttpEvent) => page(404, unknownLinkPage(langOf(event)), policy());

  return [
    {
      method: 'GET',
      path: '/assets/bankid.js',
      handler: async () => ({
        statusCode: 200,
        headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' },
        body: BANKID_SCRIPT,
      }),
    },
    {
      method: 'GET',
      path: '/sign/{token}',
      handler: async (event) => {
        const view = await openLink(deps(), tokenOf(event), clientOf(event));
        if (!view) return unknown(event);
        return render(GONE.has(view.state) ? 410 : 200, view, event);
      },
    },
    {
      method: 'POST',
      path: '/sign/{token}',
      handler: async (event) => {
        if (!sameOrigin(event, deps().config.JUSTERA_PUBLIC_URL)) throw new HttpError(403, 'cross-origin form posts are refused');
        const form = Object.fromEntries(new URLSearchParams(bodyText(event)));
        const result = await submit(deps(), tokenOf(event), form, clientOf(event));
        switch (result.status) {
          case 404:
            return unknown(event);
          case 200:
            if (result.done === 'bankid-running') return render(200, result.view, event, undefined, { kind: 'running', order: result.order });
            if (result.done === 'bankid-failed') return render(200, result.view, event, undefined, { kind: 'failed', message: result.message });
            return render(200, result.view, event, result.done);
          case 403:
            return render(403, result.view, event, undefined, { kind: 'refused' });
          case 400:
            return render(400, result.view, event, result.problem === 'consent' ? 'consent-missing' : result.problem === 'comment' ? 'comment-missing' : 'bad-action');
          default:
            // A change request from a second tab after signing in the first: it was not sent, and the page says so.
            return render(result.status, result.view, event, form.action === 'request-changes' && result.view.signer.status === 'signed' ? 'change-not-sent' : 'refused');
        }
      },
    },
    {
      method: 'GET',
      path: '/sign/{token}/pdf',
      handler: async (event) => {
        const d = deps();
        const view = await openLink(d, tokenOf(event), clientOf(event));
        if (!view || !view.protocol.draftKey) return unknown(event);
        // A superseded draft is no longer the one to read (its page shows no document either): the page says why.
        if (view.state === 'superseded') return render(410, view, event);
        return redirect(await d.files.presignGet(view.protocol.draftKey, d.config.JUSTERA_LINK_SECONDS, `utkast-${view.protocol.id}.pdf`));
      },
    },
  ];
}
