import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, paginateQuery, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';
}

/** Runs a conditional write: its result, or null when the condition did not hold. */
export async function conditional<T>(run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/** A conditional write as a yes/no. */
export async function succeeded(run: () => Promise<unknown>): Promise<boolean> {
  return (await conditional(async () => (await run(), true))) ?? false;
}

/** Writes items 25 at a time, retrying what DynamoDB leaves unprocessed. */
export async function putAll(db: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length; attempt++) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      if (requests.length) {
        if (attempt >= 8) throw new Error(`DynamoDB left ${requests.length} writes unprocessed`);
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }
}

/** Every item a Query matches, page after page (the SDK's paginator; it writes the start key into its input, so a copy). */
export async function queryAll(db: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: db }, { ...input })) out.push(...(page.Items ?? []));
  return out;
}

/** All items of one partition whose sort key starts with a prefix. */
export function queryPrefix(db: DynamoDBDocumentClient, table: string, pk: string, prefix: string): Promise<Record<string, unknown>[]> {
  return queryAll(db, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ConsistentRead: true,
  });
}

/** Pages one listing request may read before it answers with a cursor, however sparse the filter's matches. */
const MAX_PAGES = 50;

/**
 * One page of a filtered Query: reads on until `limit` items passed the filter
 * (DynamoDB applies Limit before the filter), so a page is never empty while
 * more matches exist. The cursor is the key of the last item returned.
 */
export async function queryPage(
  db: DynamoDBDocumentClient,
  input: QueryCommandInput,
  limit: number,
  start: Record<string, unknown> | undefined,
  keyNames: readonly string[],
): Promise<{ items: Record<string, unknown>[]; lastKey: Record<string, unknown> | undefined; scanned: number }> {
  const items: Record<string, unknown>[] = [];
  let next = start;
  let pages = 0;
  // Items DynamoDB read, before the filter: what the query cost.
  let scanned = 0;
  for await (const page of paginateQuery({ client: db, startingToken: start }, { ...input, Limit: Math.max(limit, 50) })) {
    scanned += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) {
      items.push(item);
      if (items.length === limit) return { items, lastKey: Object.fromEntries(keyNames.map((k) => [k, item[k]])), scanned };
    }
    next = page.LastEvaluatedKey;
    if (++pages === MAX_PAGES) break;
  }
  return { items, lastKey: next, scanned };
}
