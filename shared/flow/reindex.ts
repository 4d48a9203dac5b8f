// Rebuilds the word-prefix index of published protocols, one page of
// protocols per call. Needed once by a deployment with decisions adjusted
// before the index existed, and after any change to how words are split into
// prefixes. Re-marking a protocol's decisions adjusted rewrites their index
// items (plain puts), so running it twice, or alongside a publish, is harmless.
import type { Deps } from '../ports';

/** Protocols per call: each costs a query and a few batch writes, so a call stays well within an API request. */
export const REINDEX_PAGE = 25;

export interface ReindexPage {
  protocols: string[];
  /** Where the next call continues; null when every published protocol was reindexed. */
  next: string | null;
}

export async function reindexPublished(deps: Pick<Deps, 'store'>, cursor?: string, limit = REINDEX_PAGE): Promise<ReindexPage> {
  const page = await deps.store.protocols.list({ status: 'PUBLISHED', limit, ...(cursor ? { cursor } : {}) });
  for (const p of page.items) await deps.store.content.setDecisionStatus(p.id, 'adjusted');
  return { protocols: page.items.map((p) => p.id), next: page.next };
}
