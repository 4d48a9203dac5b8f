// GET /feeds (every body) and /feeds/{slug}: Atom feeds of the newest
// published protocols with their notices, so residents, journalists and
// members can follow a body in any feed reader.
import { slug } from './schemas';
import { atomFeed, noticeSummary, type FeedEntry } from '../feeds/atom';
import { HttpError, type HttpEvent, type HttpResult } from '../lambda/http';
import type { Deps } from '../ports';
import type { ProtocolRecord } from '../domain/records';

/** Entries per feed: feed readers poll, they do not page back. */
const FEED_SIZE = 50;

async function entries(deps: Deps, base: string, body?: string): Promise<FeedEntry[]> {
  const { items } = await deps.store.protocols.list({ body, status: 'PUBLISHED', limit: FEED_SIZE });
  const notices = await Promise.all(items.map((p) => deps.store.notices.get(p.id)));
  return items.map((p: ProtocolRecord, i) => ({
    url: `${base}/protocols/${p.id}`,
    title: `${p.bodyName ?? p.body}${p.date ? ` ${p.date}` : ''}: protokollet är justerat`,
    updated: p.publishedAt ?? p.statusSince,
    summary: noticeSummary(notices[i] ?? null),
    pdfUrl: p.signedKey ? `${base}/protocols/${p.id}/pdf` : null,
  }));
}

function atom(body: string): HttpResult {
  return { statusCode: 200, headers: { 'content-type': 'application/atom+xml; charset=utf-8' }, body };
}

type Route = { method: 'GET'; path: string; handler: (event: HttpEvent) => Promise<HttpResult> };

export function feedRoutes(deps: () => Deps, base: () => string): Route[] {
  return [
    {
      method: 'GET',
      path: '/feeds',
      handler: async () => {
        const d = deps();
        const feed = { self: `${base()}/feeds`, alternate: `${base()}/anslagstavla`, title: 'Justerade protokoll', author: d.config.JUSTERA_SEAL_ORGANISATION };
        return atom(atomFeed({ ...feed, now: d.clock.now().toISOString(), entries: await entries(d, base()) }));
      },
    },
    {
      method: 'GET',
      path: '/feeds/{slug}',
      handler: async (event) => {
        const parsed = slug.safeParse(event.pathParameters?.slug);
        const d = deps();
        const directory = parsed.success ? await d.store.bodies.get(parsed.data) : null;
        if (!directory) throw new HttpError(404, 'no such body');
        const feed = {
          self: `${base()}/feeds/${directory.slug}`,
          alternate: `${base()}/beslut?body=${directory.slug}`,
          title: `Justerade protokoll: ${directory.name}`,
          author: directory.name,
        };
        return atom(atomFeed({ ...feed, now: d.clock.now().toISOString(), entries: await entries(d, base(), directory.slug) }));
      },
    },
  ];
}
