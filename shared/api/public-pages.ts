// The public pages for people: decision search, the protocol pages a browser
// gets from /protocols, and the accessibility statement. Each is drawn from
// the same queries and public views as the JSON API, so a page can show
// nothing the API would not.
import { stockholmDate } from '../domain/stockholm';
import { words } from '../domain/text';
import { csp, header, page, queryOf, type HttpEvent, type HttpResult } from '../lambda/http';
import { decisionsPage, type DecisionSearch } from '../pages/decisions';
import { STYLE } from '../pages/layout';
import type { Lang } from '../pages/parts';
import { accessibilityPage } from '../pages/public-accessibility';
import { noticeArchivePage } from '../pages/public-archive';
import { protocolPage, type ProtocolDetail } from '../pages/public-protocol';
import { protocolsPage } from '../pages/public-protocols';
import type { Deps } from '../ports';
import { publishedCertificate } from '../seal/published';
import { BadCursorError } from '../store';
import { decisionsQuery, explain } from './schemas';
import type { summaryView } from './views';

/** Results per page of the decision search. */
const PAGE_SIZE = 20;

export function langOf(event: HttpEvent): Lang {
  return event.queryStringParameters?.lang === 'en' ? 'en' : 'sv';
}

function quality(accept: string, type: string): number {
  let best = -1;
  let q = 0;
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.trim().split(';').map((s) => s.trim());
    const [major, minor] = range.toLowerCase().split('/');
    const specificity = range === type ? 2 : major === type.split('/')[0] && minor === '*' ? 1 : range === '*/*' ? 0 : -1;
    if (specificity <= best) continue;
    best = specificity;
    const qParam = params.find((p) => p.startsWith('q='));
    q = qParam ? Number(qParam.slice(2)) || 0 : 1;
  }
  return q;
}

// A browser asks for text/html above everything else; an API client sends
// application/json or "*/*". HTML only when it is preferred over JSON, so a
// client that accepts anything keeps getting JSON as before.
export function wantsHtml(event: HttpEvent): boolean {
  const accept = header(event, 'accept');
  if (!accept) return false;
  return quality(accept, 'text/html') > quality(accept, 'application/json');
}

/** Pages whose content depends on Accept say so, so that caches keep the two apart. */
export function htmlPage(body: Parameters<typeof page>[1], status = 200): HttpResult {
  return page(status, body, csp(STYLE), { vary: 'Accept' });
}

export async function protocolHtml(deps: Deps, event: HttpEvent, detail: ProtocolDetail, base: string): Promise<HttpResult> {
  const pems = detail.status === 'PUBLISHED' ? await deps.sealCertificates() : [];
  return htmlPage(
    protocolPage({
      lang: langOf(event),
      protocol: detail,
      organisation: deps.config.JUSTERA_SEAL_ORGANISATION,
      fingerprints: pems.map((pem) => publishedCertificate(pem).sha256),
      baseUrl: base,
      today: stockholmDate(deps.clock.now()),
    }),
  );
}

export function protocolsHtml(event: HttpEvent, items: ReturnType<typeof summaryView>[], next: string | null): HttpResult {
  const params = new URLSearchParams(queryOf(event));
  if (next) params.set('cursor', next);
  return htmlPage(protocolsPage({ lang: langOf(event), protocols: items, nextQuery: next ? params.toString() : null }));
}

type Route = { method: 'GET'; path: string; handler: (event: HttpEvent) => Promise<HttpResult> };

export function publicPageRoutes(deps: () => Deps): Route[] {
  return [
    {
      method: 'GET',
      path: '/beslut',
      handler: async (event) => {
        const lang = langOf(event);
        const { lang: _lang, ...raw } = queryOf(event);
        // An empty field of the form means "any": the API's schema wants it absent.
        const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v.trim() !== ''));
        const { store } = deps();
        const bodies = (await store.bodies.list()).map((b) => ({ slug: b.slug, name: b.name })).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
        const search: DecisionSearch = { body: given.body, from: given.from, to: given.to, q: given.q };
        const parsed = decisionsQuery.safeParse({ ...given, status: 'adjusted', limit: String(PAGE_SIZE) });
        if (!parsed.success) return htmlPage(decisionsPage({ lang, search, bodies, decisions: [], next: null, problem: explain(parsed.error) }), 400);
        const { q: text, ...rest } = parsed.data;
        try {
          const out = await store.content.queryDecisions({ ...rest, words: text ? words(text) : undefined });
          return htmlPage(decisionsPage({ lang, search, bodies, decisions: out.items, next: out.next }));
        } catch (e) {
          if (e instanceof BadCursorError) return htmlPage(decisionsPage({ lang, search, bodies, decisions: [], next: null, problem: e.message }), 400);
          throw e;
        }
      },
    },
    {
      method: 'GET',
      path: '/anslagstavla/arkiv',
      handler: async () => {
        const d = deps();
        return htmlPage(noticeArchivePage(await d.store.notices.past(stockholmDate(d.clock.now()))));
      },
    },
    { method: 'GET', path: '/tillganglighet', handler: async (event) => htmlPage(accessibilityPage(langOf(event))) },
  ];
}

