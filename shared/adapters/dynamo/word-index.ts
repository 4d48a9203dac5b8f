// The word-prefix index of adjusted decisions: one item per (prefix,
// decision) under pk WORDS#<prefix>, sorted like the decision indexes
// (date#protocol#item#index), so a word query reads the items of one prefix
// newest first, only as many as it needs for a page, and never the decisions
// of the date range that do not contain the word. Written when decisions
// become adjusted; each item names its decision, which a query then reads by
// key (BatchGet) to check the whole words and return it.
import { BatchGetCommand, paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DecisionRecord } from '../../domain/records';
import { indexPrefixes, matchesAll, queryPrefix } from '../../domain/word-prefixes';
import type { DecisionQuery, Page } from '../../store';
import { putAll } from './batch';
import { HIGH, decodeCursor, encodeCursor, key, pad, strip } from './table';

/** Index pages one request may read before it answers with a cursor. */
const MAX_INDEX_PAGES = 50;

/** The sort key both the decision indexes and the word index order by. */
export function decisionSortKey(d: Pick<DecisionRecord, 'date' | 'protocolId' | 'itemIndex' | 'index'>): string {
  return `${d.date ?? '0000-00-00'}#${d.protocolId}#${pad(d.itemIndex, 4)}#${pad(d.index, 2)}`;
}

/** The index items of one decision: what adjusting it writes. */
export function wordIndexItems(d: DecisionRecord): Record<string, unknown>[] {
  const ref = key.decision(d.protocolId, d.itemIndex, d.index);
  return indexPrefixes(`${d.itemTitle} ${d.text}`).map((prefix) => ({ ...key.word(prefix, decisionSortKey(d)), body: d.body, ref: ref.sk }));
}

export function writeWordIndex(db: DynamoDBDocumentClient, table: string, decisions: DecisionRecord[]): Promise<void> {
  return putAll(db, table, decisions.flatMap(wordIndexItems));
}

/** Whether the index can answer the query: adjusted decisions only, and a word of at least two letters. */
export function indexPrefixFor(query: DecisionQuery): string | null {
  return query.status === 'adjusted' && query.words?.length ? queryPrefix(query.words) : null;
}

/** Reads one page of matches through the index; `read` counts the index items and decisions it read. */
export async function queryWordIndex(
  db: DynamoDBDocumentClient,
  table: string,
  query: DecisionQuery,
  prefix: string,
): Promise<Page<DecisionRecord> & { read: number }> {
  const words = query.words ?? [];
  const lo = query.from ?? '0000';
  const hi = (query.to ?? '9999') + HIGH;
  const partition = key.word(prefix, '').pk;
  const start = decodeCursor(query.cursor, { keys: ['pk', 'sk'], partitionKey: 'pk', partition, sortKey: 'sk', lo, hi });
  const items: DecisionRecord[] = [];
  let read = 0;
  const pages = paginateQuery(
    { client: db, startingToken: start },
    {
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':pk': partition, ':lo': lo, ':hi': hi, ...(query.body ? { ':body': query.body } : {}) },
      ...(query.body ? { FilterExpression: '#body = :body', ExpressionAttributeNames: { '#body': 'body' } } : {}),
      ScanIndexForward: false,
      // A page's worth of candidates per read: most are hits (only further words, a body or a longer word reject some).
      Limit: query.limit,
    },
  );
  let pageCount = 0;
  for await (const page of pages) {
    read += page.ScannedCount ?? 0;
    const refs = (page.Items ?? []) as { pk: string; sk: string; ref: string }[];
    const decisions = await getDecisions(db, table, refs);
    read += decisions.size;
    for (const ref of refs) {
      const raw = decisions.get(ref.sk);
      // Only what the date-range scan would return: still in the decision indexes, adjusted, every word matched.
      if (!raw || raw.gsi2pk !== 'DECISIONS' || raw.status !== 'adjusted' || !matchesAll(String(raw.search ?? ''), words)) continue;
      items.push(strip<DecisionRecord>(raw));
      if (items.length === query.limit) return { items, next: encodeCursor({ pk: ref.pk, sk: ref.sk }), read };
    }
    // As the scan does: a request reads a bounded amount and answers with a cursor however sparse the matches.
    if (++pageCount === MAX_INDEX_PAGES) return { items, next: encodeCursor(page.LastEvaluatedKey), read };
  }
  return { items, next: null, read };
}

/** The decisions the index items name, by their index sort key. */
async function getDecisions(db: DynamoDBDocumentClient, table: string, refs: { sk: string; ref: string }[]): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  const byKey = new Map(refs.map((r) => [`${protocolOf(r.sk)}|${r.ref}`, r.sk]));
  for (let i = 0; i < refs.length; i += 100) {
    let keys: Record<string, unknown>[] = refs.slice(i, i + 100).map((r) => ({ pk: `PROTOCOL#${protocolOf(r.sk)}`, sk: r.ref }));
    for (let attempt = 0; keys.length; attempt++) {
      const got = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys } } }));
      for (const item of got.Responses?.[table] ?? []) {
        const sortKey = byKey.get(`${String(item.pk).slice('PROTOCOL#'.length)}|${String(item.sk)}`);
        if (sortKey) out.set(sortKey, item);
      }
      keys = (got.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
      if (keys.length && attempt >= 8) throw new Error(`DynamoDB left ${keys.length} reads unprocessed`);
      if (keys.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
  return out;
}

/** The protocol id inside a decision sort key (date#protocol#item#index). */
function protocolOf(sortKey: string): string {
  return sortKey.split('#')[1] ?? '';
}
