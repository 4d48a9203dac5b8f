// A body's directory: who sits on it, who keeps its minutes, its signing rules.
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BodyDirectory } from '../../domain/records';
import type { BodyRepo } from '../../store';
import { queryAll } from './batch';
import { key, strip } from './table';

export function bodyRepo(db: DynamoDBDocumentClient, table: string): BodyRepo {
  return {
    async put(directory) {
      await db.send(new PutCommand({ TableName: table, Item: { ...key.body(directory.slug), gsi2pk: 'BODIES', gsi2sk: directory.slug, ...directory } }));
    },
    async get(slug) {
      const out = await db.send(new GetCommand({ TableName: table, Key: key.body(slug), ConsistentRead: true }));
      return out.Item ? strip<BodyDirectory>(out.Item) : null;
    },
    async addMember(slug, member, at) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: key.body(slug),
          UpdateExpression: 'SET members = list_append(members, :m), updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':m': [member], ':at': at },
        }),
      );
    },
    async list() {
      const rows = await queryAll(db, {
        TableName: table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': 'BODIES' },
      });
      return rows.map((r) => strip<BodyDirectory>(r));
    },
  };
}
