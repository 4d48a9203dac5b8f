// Messages that failed every retry, kept for the API and re-drive.
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeadLetterRecord } from '../../domain/records';
import type { DeadLetterRepo } from '../../store';
import { queryAll } from './batch';
import { key, strip } from './table';

export function deadLetterRepo(db: DynamoDBDocumentClient, table: string): DeadLetterRepo {
  return {
    async put(record) {
      await db.send(new PutCommand({ TableName: table, Item: { ...key.deadLetter(record.at, record.id), ...record } }));
    },
    async list(includeRedriven = false) {
      const rows = (
        await queryAll(db, { TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'DEADLETTER' } })
      ).map((r) => strip<DeadLetterRecord>(r));
      return includeRedriven ? rows : rows.filter((r) => !r.redrivenAt);
    },
    async markRedriven(record, at) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: key.deadLetter(record.at, record.id),
          UpdateExpression: 'SET redrivenAt = :at',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    },
  };
}
