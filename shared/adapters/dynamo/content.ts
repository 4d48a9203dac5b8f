import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DecisionRecord, ItemRecord } from '../../domain/records';
import { searchField } from '../../domain/text';
import type { ContentRepo, DecisionQuery, Page } from '../../store';
import { putAll, queryPage, queryPrefix } from './batch';
import { HIGH, decodeCursor, encodeCursor, key, strip } from './table';
import { decisionSortKey, indexPrefixFor, queryWordIndex, writeWordIndex } from './word-index';

/** A decision as the table keeps it: in the body and global decision indexes, with its search field. */
export function decisionItem(d: DecisionRecord): Record<string, unknown> {
  const suffix = decisionSortKey(d);
  return {
    ...key.decision(d.protocolId, d.itemIndex, d.index),
    gsi1pk: `BODY#${d.body}`,
    gsi1sk: `D#${suffix}`,
    gsi2pk: 'DECISIONS',
    gsi2sk: suffix,
    search: searchField(`${d.itemTitle} ${d.text}`),
    ...d,
  };
}

export function contentRepo(db: DynamoDBDocumentClient, table: string): ContentRepo {
  type Update = Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>;
  /** The same update on every decision of a protocol. */
  async function updateEach(protocolId: string, update: Update): Promise<void> {
    const rows = await queryPrefix(db, table, key.protocol(protocolId).pk, 'DECISION#');
    await Promise.all(
      rows.map((d) => db.send(new UpdateCommand({ TableName: table, Key: { pk: d.pk as string, sk: d.sk as string }, ...update }))),
    );
  }

  return {
    putItems: (items: ItemRecord[]) => putAll(db, table, items.map((i) => ({ ...key.item(i.protocolId, i.index), ...i }))),

    async items(protocolId) {
      const rows = await queryPrefix(db, table, key.protocol(protocolId).pk, 'ITEM#');
      return rows.map((r) => strip<ItemRecord>(r));
    },

    putDecisions: (decisions) => putAll(db, table, decisions.map(decisionItem)),

    async decisions(protocolId) {
      const rows = await queryPrefix(db, table, key.protocol(protocolId).pk, 'DECISION#');
      return rows.map((r) => strip<DecisionRecord>(r));
    },

    async setDecisionStatus(protocolId, status) {
      await updateEach(protocolId, { UpdateExpression: 'SET #status = :s', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':s': status } });
      // Adjusted decisions are what the public searches: they go into the word-prefix index (plain puts, so a retry rewrites the same items).
      if (status === 'adjusted') {
        const rows = await queryPrefix(db, table, key.protocol(protocolId).pk, 'DECISION#');
        await writeWordIndex(db, table, rows.map((r) => strip<DecisionRecord>(r)));
      }
    },

    async unindexDecisions(protocolId) {
      await updateEach(protocolId, { UpdateExpression: 'REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk' });
    },

    async queryDecisions(query: DecisionQuery) {
      const prefix = indexPrefixFor(query);
      return prefix ? queryWordIndex(db, table, query, prefix) : scanDecisions(db, table, query);
    },
  };
}

/**
 * The decisions of the date range, each checked against the words: what a
 * query without the index reads (drafts included, or only one-letter words).
 * Kept as the reference the index is tested against.
 */
export async function scanDecisions(db: DynamoDBDocumentClient, table: string, query: DecisionQuery): Promise<Page<DecisionRecord> & { read: number }> {
  const from = query.from ?? '0000';
  const to = (query.to ?? '9999') + HIGH;
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  const filters: string[] = [];
  (query.words ?? []).forEach((w, i) => {
    values[`:w${i}`] = ` ${w}`;
    filters.push(`contains(#search, :w${i})`);
    names['#search'] = 'search';
  });
  if (query.status) {
    names['#status'] = 'status';
    values[':status'] = query.status;
    filters.push('#status = :status');
  }
  const byBody = Boolean(query.body);
  Object.assign(
    values,
    byBody
      ? { ':pk': `BODY#${query.body}`, ':lo': `D#${from}`, ':hi': `D#${to}` }
      : { ':pk': 'DECISIONS', ':lo': from, ':hi': to },
  );
  const index = byBody ? 'gsi1' : 'gsi2';
  const keys = ['pk', 'sk', `${index}pk`, `${index}sk`];
  const shape = { keys, partitionKey: `${index}pk`, partition: String(values[':pk']), sortKey: `${index}sk`, lo: String(values[':lo']), hi: String(values[':hi']) };
  const out = await queryPage(
    db,
    {
      TableName: table,
      IndexName: index,
      KeyConditionExpression: `${index}pk = :pk AND ${index}sk BETWEEN :lo AND :hi`,
      FilterExpression: filters.length ? filters.join(' AND ') : undefined,
      ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    },
    query.limit,
    decodeCursor(query.cursor, shape),
    keys,
  );
  return { items: out.items.map((r) => strip<DecisionRecord>(r)), next: encodeCursor(out.lastKey), read: out.scanned };
}
