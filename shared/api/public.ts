// The public read API: protocols, decisions, notices, the notice board page.
import { stockholmDate } from '../domain/stockholm';
import { words } from '../domain/text';
import { HttpError, csp, json, page, queryOf, redirect, type HttpEvent, type HttpResult } from '../lambda/http';
import { homePage } from '../pages/home';
import { STYLE } from '../pages/layout';
import { noticeBoardPage } from '../pages/notices';
import type { Deps } from '../ports';
import { publishedCertificate } from '../seal/published';
import { feedRoutes } from './feeds';
import { openApiDocument } from './openapi';
import { protocolHtml, protocolsHtml, publicPageRoutes, wantsHtml } from './public-pages';
import { decisionsQuery, explain, protocolId, protocolsQuery } from './schemas';
import { baseUrl, decisionOut, detailView, noticeOut, summaryView } from './views';

type Route = { method: 'GET'; path: string; handler: (event: HttpEvent) => Promise<HttpResult> };

function idParam(event: HttpEvent): string {
  const parsed = protocolId.safeParse(event.pathParameters?.id);
  if (!parsed.success) throw new HttpError(404, 'no such protocol');
  return parsed.data;
}

export function publicRoutes(deps: () => Deps): Route[] {
  const base = () => baseUrl(deps().config.JUSTERA_PUBLIC_URL);
  return [
    {
      method: 'GET',
      path: '/',
      handler: async () => page(200, homePage({ baseUrl: base(), local: deps().config.JUSTERA_MAIL_TRANSPORT === 'outbox' }), csp(STYLE)),
    },
    { method: 'GET', path: '/health', handler: async () => json(200, { status: 'ok', time: deps().clock.now().toISOString() }) },
    { method: 'GET', path: '/openapi.json', handler: async () => json(200, openApiDocument(base())) },
    {
      method: 'GET',
      path: '/protocols',
      handler: async (event) => {
        // People get the published protocols unless they ask for a status, in their language; API clients get every state, as before.
        const html = wantsHtml(event);
        const { lang: _lang, ...query } = queryOf(event);
        const q = protocolsQuery.safeParse(html ? query : queryOf(event));
        if (!q.success) throw new HttpError(400, explain(q.error));
        const out = await deps().store.protocols.list(html && !q.data.status ? { ...q.data, status: 'PUBLISHED' } : q.data);
        const items = out.items.map((p) => summaryView(p, base()));
        return html ? protocolsHtml(event, items, out.next) : json(200, { items, next: out.next }, { vary: 'Accept' });
      },
    },
    {
      method: 'GET',
      path: '/protocols/{id}',
      handler: async (event) => {
        const id = idParam(event);
        const { store } = deps();
        const p = await store.protocols.get(id);
        if (!p) throw new HttpError(404, 'no such protocol');
        const [items, decisions, signers, notice] = await Promise.all([
          store.content.items(id),
          store.content.decisions(id),
          store.signers.all(id),
          store.notices.get(id),
        ]);
        const detail = detailView(p, items, decisions, signers, notice, base());
        return wantsHtml(event) ? protocolHtml(deps(), event, detail, base()) : json(200, detail, { vary: 'Accept' });
      },
    },
    {
      method: 'GET',
      path: '/protocols/{id}/pdf',
      handler: async (event) => {
        const id = idParam(event);
        const d = deps();
        const p = await d.store.protocols.get(id);
        if (!p) throw new HttpError(404, 'no such protocol');
        if (!p.signedKey) return json(409, { error: `the signed PDF does not exist yet (status ${p.status})`, status: p.status });
        return redirect(await d.files.presignGet(p.signedKey, d.config.JUSTERA_LINK_SECONDS, p.signedKey.split('/').pop()));
      },
    },
    {
      method: 'GET',
      path: '/decisions',
      handler: async (event) => {
        const q = decisionsQuery.safeParse(queryOf(event));
        if (!q.success) throw new HttpError(400, explain(q.error));
        const { q: text, ...rest } = q.data;
        const out = await deps().store.content.queryDecisions({ ...rest, words: text ? words(text) : undefined });
        // What the answer cost the table (the benchmark reports it): a count, nothing about the data.
        return json(200, { items: out.items.map((d) => decisionOut(d, base())), next: out.next }, out.read === undefined ? {} : { 'x-items-read': String(out.read) });
      },
    },
    {
      method: 'GET',
      path: '/notices',
      handler: async () => {
        const d = deps();
        const notices = await d.store.notices.current(stockholmDate(d.clock.now()));
        return json(200, { items: notices.map(noticeOut), next: null });
      },
    },
    {
      method: 'GET',
      path: '/seal-certificates',
      // The trust anchors of `justera verify --api`: the certificates this stack seals with. Public keys only.
      handler: async () => {
        const { config, sealCertificates } = deps();
        const pems = await sealCertificates();
        return json(200, { organisation: config.JUSTERA_SEAL_ORGANISATION, certificates: pems.map(publishedCertificate) });
      },
    },
    {
      method: 'GET',
      path: '/anslagstavla',
      handler: async () => {
        const d = deps();
        const today = stockholmDate(d.clock.now());
        return page(200, noticeBoardPage({ notices: await d.store.notices.current(today), today, baseUrl: base() }), csp(STYLE));
      },
    },
    ...publicPageRoutes(deps),
    ...feedRoutes(deps, base),
  ];
}
