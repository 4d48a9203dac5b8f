// The single table: key names, index names and the key of every record kind.
// docs/architecture.md lists each access pattern with these keys.
import { BadCursorError } from '../../store';

export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttl: 'ttl',
  indexes: [
    // By body: a body's protocols and decisions by meeting date.
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    // By collection: all protocols, all decisions by date, current notices, bodies.
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    // By state: protocols in a state since when (reminders, stuck work, status filter).
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;

export const key = {
  protocol: (id: string) => ({ pk: `PROTOCOL#${id}`, sk: 'META' }),
  item: (id: string, index: number) => ({ pk: `PROTOCOL#${id}`, sk: `ITEM#${pad(index, 4)}` }),
  decision: (id: string, item: number, index: number) => ({ pk: `PROTOCOL#${id}`, sk: `DECISION#${pad(item, 4)}#${pad(index, 2)}` }),
  signer: (id: string, signerId: string) => ({ pk: `PROTOCOL#${id}`, sk: `SIGNER#${signerId}` }),
  notice: (id: string) => ({ pk: `PROTOCOL#${id}`, sk: 'NOTICE' }),
  meeting: (meetingKey: string) => ({ pk: `MEETING#${meetingKey}`, sk: 'MEETING' }),
  token: (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' }),
  secretaryLink: (hash: string) => ({ pk: `SECRETARYLINK#${hash}`, sk: 'LINK' }),
  body: (slug: string) => ({ pk: `BODY#${slug}`, sk: 'DIRECTORY' }),
  deadLetter: (at: string, id: string) => ({ pk: 'DEADLETTER', sk: `${at}#${id}` }),
  mail: (mailKey: string) => ({ pk: `MAIL#${mailKey}`, sk: 'MAIL' }),
  // Its own partition, not PROTOCOL#: reading a protocol never loads the (encrypted) evidence.
  evidence: (id: string, signerId: string, signatureSha256: string) => ({ pk: `EVIDENCE#${id}`, sk: `SIGNER#${signerId}#${signatureSha256}` }),
  /** The word-prefix index: one item per (prefix, adjusted decision), sorted as the decision indexes are. */
  word: (prefix: string, decisionSortKey: string) => ({ pk: `WORDS#${prefix}`, sk: decisionSortKey }),
  subscriber: (body: string, addressKey: string) => ({ pk: `SUBSCRIBERS#${body}`, sk: addressKey }),
  pendingSubscription: (hash: string) => ({ pk: `SUBSCRIBE#${hash}`, sk: 'PENDING' }),
  unsubscribe: (hash: string) => ({ pk: `UNSUBSCRIBE#${hash}`, sk: 'LINK' }),
  rate: (scope: string, hash: string, window: string) => ({ pk: `RATE#${scope}#${hash}`, sk: window }),
};

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Highest character used to close a begins-with range in BETWEEN. */
export const HIGH = '\uffff';

export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | null {
  return lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : null;
}

/** What a cursor of one query must look like: its key names, its partition, and a sort key inside the queried range. */
export interface CursorShape {
  keys: readonly string[];
  partitionKey: string;
  partition: string;
  sortKey: string;
  lo: string;
  hi: string;
}

/**
 * A cursor is the last key of the previous page. A forged one, or one from
 * another listing (other index, body or date range), is refused here: DynamoDB
 * would reject it as a start key with a ValidationException, a 500.
 */
export function decodeCursor(cursor: string | undefined, shape: CursorShape): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BadCursorError();
  const entries = Object.entries(value as Record<string, unknown>);
  const fits =
    entries.length === shape.keys.length &&
    entries.every(([k, v]) => shape.keys.includes(k) && typeof v === 'string' && v.length > 0 && v.length <= 1024) &&
    (value as Record<string, string>)[shape.partitionKey] === shape.partition;
  const sort = (value as Record<string, string>)[shape.sortKey];
  if (!fits || sort === undefined || sort < shape.lo || sort > shape.hi) throw new BadCursorError();
  return value as Record<string, unknown>;
}

/** Removes the table's key attributes from an item read back. */
export function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, gsi3pk: _e, gsi3sk: _f, ttl: _t, search: _s, ...rest } = item;
  return rest as T;
}
