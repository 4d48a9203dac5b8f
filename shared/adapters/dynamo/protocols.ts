import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ProtocolEvent, ProtocolRecord, ProtocolStatus } from '../../domain/records';
import type { Page, ProtocolQuery, ProtocolRepo } from '../../store';
import { conditional, queryAll, queryPage } from './batch';
import { HIGH, decodeCursor, encodeCursor, key, strip } from './table';

/** Sort date of a protocol: its meeting date, or the day it arrived when the minutes do not say. */
function sortDate(p: Pick<ProtocolRecord, 'date' | 'receivedAt'>): string {
  return p.date ?? p.receivedAt.slice(0, 10);
}

function indexKeys(p: ProtocolRecord) {
  const date = sortDate(p);
  return {
    gsi1pk: `BODY#${p.body}`,
    gsi1sk: `P#${date}#${p.id}`,
    gsi2pk: 'PROTOCOLS',
    gsi2sk: `${date}#${p.id}`,
    gsi3pk: `STATUS#${p.status}`,
    gsi3sk: `${p.statusSince}#${p.id}`,
  };
}

function fromItem(item: Record<string, unknown>): ProtocolRecord {
  const p = strip<ProtocolRecord & { pending?: Set<string> | string[] }>(item);
  return { ...p, pending: p.pending ? [...p.pending].sort() : [] };
}

export function protocolRepo(db: DynamoDBDocumentClient, table: string): ProtocolRepo {
  const protocolsOf = async (input: QueryCommandInput): Promise<ProtocolRecord[]> => (await queryAll(db, input)).map(fromItem);

  return {
    async create(p) {
      const { pending: _pending, ...rest } = p;
      const created = await conditional(() =>
        db.send(
          new PutCommand({
            TableName: table,
            Item: { ...key.protocol(p.id), ...indexKeys(p), ...rest },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return created !== null;
    },

    async get(id) {
      const out = await db.send(new GetCommand({ TableName: table, Key: key.protocol(id), ConsistentRead: true }));
      return out.Item ? fromItem(out.Item) : null;
    },

    async transition(id, from, to, changes, event, guard) {
      const names: Record<string, string> = { '#status': 'status' };
      const values: Record<string, unknown> = {
        ':to': to,
        ':now': event.at,
        ':ev': [{ ...event, status: to }],
        ':g3pk': `STATUS#${to}`,
        ':g3sk': `${event.at}#${id}`,
      };
      const sets = ['#status = :to', 'statusSince = :now', 'updatedAt = :now', 'events = list_append(events, :ev)', 'gsi3pk = :g3pk', 'gsi3sk = :g3sk'];
      const removes: string[] = [];
      const { pending, ...fields } = changes;
      for (const [name, value] of Object.entries(fields)) {
        if (value === undefined) continue;
        names[`#${name}`] = name;
        values[`:${name}`] = value;
        sets.push(`#${name} = :${name}`);
      }
      if (pending) {
        if (pending.length) {
          values[':pending'] = new Set(pending);
          sets.push('pending = :pending');
        } else removes.push('pending');
      }
      // Sort keys follow the meeting date once it is known.
      if (fields.date !== undefined) {
        const current = await this.get(id);
        if (current) {
          const keys = indexKeys({ ...current, ...fields, status: to, statusSince: event.at });
          Object.assign(values, { ':g1sk': keys.gsi1sk, ':g2sk': keys.gsi2sk });
          sets.push('gsi1sk = :g1sk', 'gsi2sk = :g2sk');
        }
      }
      from.forEach((s, i) => (values[`:from${i}`] = s));
      let guarded = '';
      if (guard) {
        names['#corrections'] = 'corrections';
        if (guard.corrections === 0) guarded = ' AND attribute_not_exists(#corrections)';
        else {
          values[':ncorr'] = guard.corrections;
          guarded = ' AND size(#corrections) = :ncorr';
        }
      }
      const out = await conditional(() =>
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: key.protocol(id),
            UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: `attribute_exists(pk) AND #status IN (${from.map((_, i) => `:from${i}`).join(', ')})${guarded}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return out?.Attributes ? fromItem(out.Attributes) : null;
    },

    async note(id, event) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: key.protocol(id),
          UpdateExpression: 'SET events = list_append(events, :ev), updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':ev': [event], ':now': event.at },
        }),
      );
    },

    async removePending(id, signerId) {
      const out = await conditional(() =>
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: key.protocol(id),
            UpdateExpression: 'DELETE pending :one',
            ConditionExpression: '#status = :routed AND contains(pending, :id)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':one': new Set([signerId]), ':routed': 'ROUTED', ':id': signerId },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      if (!out?.Attributes) return null;
      return { pending: fromItem(out.Attributes).pending };
    },

    async completeAdjustment(id, at) {
      const out = await conditional(() =>
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: key.protocol(id),
            UpdateExpression:
              'SET #status = :to, statusSince = :now, updatedAt = :now, adjustedAt = :now, events = list_append(events, :ev), gsi3pk = :g3pk, gsi3sk = :g3sk',
            ConditionExpression: '#status = :routed AND attribute_not_exists(pending)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':to': 'ADJUSTED',
              ':routed': 'ROUTED',
              ':now': at,
              ':ev': [{ at, type: 'adjusted', status: 'ADJUSTED', detail: 'Alla har justerat.' } satisfies ProtocolEvent],
              ':g3pk': 'STATUS#ADJUSTED',
              ':g3sk': `${at}#${id}`,
            },
          }),
        ),
      );
      return out !== null;
    },

    async claim(id, work, holder, at, leaseMs) {
      const out = await conditional(() =>
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: key.protocol(id),
            UpdateExpression: 'SET #lease = :lease',
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#lease) OR #lease.#until < :now OR #lease.holder = :holder)',
            ExpressionAttributeNames: { '#lease': `lease_${work}`, '#until': 'until' },
            ExpressionAttributeValues: {
              ':lease': { holder, until: new Date(at.getTime() + leaseMs).toISOString() },
              ':now': at.toISOString(),
              ':holder': holder,
            },
          }),
        ),
      );
      return out !== null;
    },

    async release(id, work, holder) {
      await conditional(() =>
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: key.protocol(id),
            UpdateExpression: 'REMOVE #lease',
            ConditionExpression: '#lease.holder = :holder',
            ExpressionAttributeNames: { '#lease': `lease_${work}` },
            ExpressionAttributeValues: { ':holder': holder },
          }),
        ),
      );
    },

    async list(query: ProtocolQuery): Promise<Page<ProtocolRecord>> {
      const from = query.from ?? '0000';
      const to = (query.to ?? '9999') + HIGH;
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      let input: QueryCommandInput;
      if (query.body) {
        Object.assign(values, { ':pk': `BODY#${query.body}`, ':lo': `P#${from}`, ':hi': `P#${to}` });
        input = { TableName: table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :lo AND :hi' };
      } else {
        Object.assign(values, { ':pk': 'PROTOCOLS', ':lo': from, ':hi': to });
        input = { TableName: table, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :lo AND :hi' };
      }
      if (query.status) {
        names['#status'] = 'status';
        values[':status'] = query.status;
        input.FilterExpression = '#status = :status';
        input.ExpressionAttributeNames = names;
      }
      const index = query.body ? 'gsi1' : 'gsi2';
      const keys = ['pk', 'sk', `${index}pk`, `${index}sk`];
      const shape = { keys, partitionKey: `${index}pk`, partition: String(values[':pk']), sortKey: `${index}sk`, lo: String(values[':lo']), hi: String(values[':hi']) };
      const out = await queryPage(
        db,
        { ...input, ExpressionAttributeValues: values, ScanIndexForward: false },
        query.limit,
        decodeCursor(query.cursor, shape),
        keys,
      );
      return { items: out.items.map(fromItem), next: encodeCursor(out.lastKey) };
    },

    ofMeeting(body, date) {
      return protocolsOf({
        TableName: table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `BODY#${body}`, ':prefix': `P#${date}#` },
      });
    },

    withExpiredLease(status, work, now) {
      return protocolsOf({
        TableName: table,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        FilterExpression: '#lease.#until < :now',
        ExpressionAttributeNames: { '#lease': `lease_${work}`, '#until': 'until' },
        ExpressionAttributeValues: { ':pk': `STATUS#${status}`, ':now': now.toISOString() },
      });
    },

    inStatus(status: ProtocolStatus, before?: string) {
      return protocolsOf({
        TableName: table,
        IndexName: 'gsi3',
        KeyConditionExpression: before ? 'gsi3pk = :pk AND gsi3sk < :before' : 'gsi3pk = :pk',
        ExpressionAttributeValues: before ? { ':pk': `STATUS#${status}`, ':before': before } : { ':pk': `STATUS#${status}` },
      });
    },
  };
}
