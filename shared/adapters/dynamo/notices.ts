// Notices of adjustment: one per published protocol, listed while they are up.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NoticeRecord } from '../../domain/records';
import type { NoticeRepo } from '../../store';
import { queryAll } from './batch';
import { HIGH, key, strip } from './table';

const newestFirst = (a: NoticeRecord, b: NoticeRecord) => b.postedOn.localeCompare(a.postedOn) || b.protocolId.localeCompare(a.protocolId);

export function noticeRepo(db: DynamoDBDocumentClient, table: string): NoticeRepo {
  return {
    async put(notice) {
      await db.send(
        new PutCommand({
          TableName: table,
          Item: { ...key.notice(notice.protocolId), gsi2pk: 'NOTICES', gsi2sk: `${notice.takeDownOn}#${notice.protocolId}`, ...notice },
        }),
      );
    },
    async get(protocolId) {
      const out = await db.send(new GetCommand({ TableName: table, Key: key.notice(protocolId), ConsistentRead: true }));
      return out.Item ? strip<NoticeRecord>(out.Item) : null;
    },
    async current(today) {
      const rows = await queryAll(db, {
        TableName: table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':pk': 'NOTICES', ':lo': today, ':hi': `9999${HIGH}` },
      });
      return rows.map((r) => strip<NoticeRecord>(r)).sort(newestFirst);
    },
    async past(today) {
      // The sort key starts with the take-down day, so "taken down before today" is a key range.
      const rows = await queryAll(db, {
        TableName: table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :today',
        ExpressionAttributeValues: { ':pk': 'NOTICES', ':today': today },
      });
      return rows.map((r) => strip<NoticeRecord>(r)).sort(newestFirst);
    },
  };
}
