// The meeting record: one item per meeting, changed only by single-item
// conditional writes (see shared/domain/meetings.ts for what it means).
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MeetingRecord } from '../../domain/meetings';
import type { MeetingRepo } from '../../store';
import { conditional } from './batch';
import { key } from './table';

function fromItem(meeting: string, item: Record<string, unknown> | undefined): MeetingRecord | null {
  if (!item) return null;
  const members = item.members as Set<string> | undefined;
  return {
    key: meeting,
    current: (item.current as string | undefined) ?? null,
    order: (item.order as string | undefined) ?? null,
    adjusted: (item.adjusted as string | undefined) ?? null,
    members: members ? [...members].sort() : [],
  };
}

export function meetingRepo(db: DynamoDBDocumentClient, table: string): MeetingRepo {
  async function get(meeting: string): Promise<MeetingRecord | null> {
    const out = await db.send(new GetCommand({ TableName: table, Key: key.meeting(meeting), ConsistentRead: true }));
    return fromItem(meeting, out.Item);
  }

  return {
    get,

    async claimCurrent(meeting, protocolId, order) {
      const out = await conditional(() =>
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: key.meeting(meeting),
            UpdateExpression: 'SET #current = :p, #order = :o ADD members :one',
            // Nothing adjusted yet, and no newer upload holds the meeting (holding it already is fine: a repeated delivery).
            ConditionExpression: 'attribute_not_exists(adjusted) AND (attribute_not_exists(#order) OR #order < :o OR #current = :p)',
            ExpressionAttributeNames: { '#current': 'current', '#order': 'order' },
            ExpressionAttributeValues: { ':p': protocolId, ':o': order, ':one': new Set([protocolId]) },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      if (out?.Attributes) return { won: true, meeting: fromItem(meeting, out.Attributes)! };
      return { won: false, meeting: await get(meeting) };
    },

    async claimAdjusted(meeting, protocolId) {
      const out = await conditional(() =>
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: key.meeting(meeting),
            // A meeting without a record predates meeting records: its version claims it here.
            UpdateExpression: 'SET adjusted = :p, #current = if_not_exists(#current, :p) ADD members :one',
            ConditionExpression: '(attribute_not_exists(#current) OR #current = :p) AND (attribute_not_exists(adjusted) OR adjusted = :p)',
            ExpressionAttributeNames: { '#current': 'current' },
            ExpressionAttributeValues: { ':p': protocolId, ':one': new Set([protocolId]) },
          }),
        ),
      );
      return out !== null;
    },
  };
}
