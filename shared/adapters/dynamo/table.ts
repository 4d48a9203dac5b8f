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
};

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Highest character used to close a begins-with range in BETWEEN. */
export const HIGH = '\uffff';

export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | null {
  return lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string'))
      return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new BadCursorError();
}

/** Removes the table's key attributes from an item read back. */
export function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, gsi3pk: _e, gsi3sk: _f, ttl: _t, search: _s, ...rest } = item;
  return rest as T;
}
