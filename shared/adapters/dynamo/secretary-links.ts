// The secretary's personal links, stored under the hash of their token.
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SecretaryLinkRecord } from '../../domain/records';
import type { SecretaryLinkRepo } from '../../store';
import { succeeded } from './batch';
import { key, strip } from './table';

export function secretaryLinkRepo(db: DynamoDBDocumentClient, table: string): SecretaryLinkRepo {
  return {
    async put(hash, link) {
      // Kept 90 days past expiry on AWS (TTL only cleans up; expiry is checked on read).
      await db.send(new PutCommand({ TableName: table, Item: { ...key.secretaryLink(hash), ...link, ttl: Math.floor(Date.parse(link.expiresAt) / 1000) + 90 * 86400 } }));
    },
    async get(hash) {
      const out = await db.send(new GetCommand({ TableName: table, Key: key.secretaryLink(hash), ConsistentRead: true }));
      return out.Item ? strip<SecretaryLinkRecord>(out.Item) : null;
    },
    async recordView(hash, at) {
      const first = await succeeded(() =>
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: key.secretaryLink(hash),
            UpdateExpression: 'SET firstViewedAt = :at ADD #views :one',
            ConditionExpression: 'attribute_exists(pk) AND firstViewedAt = :null',
            ExpressionAttributeNames: { '#views': 'views' },
            ExpressionAttributeValues: { ':at': at, ':one': 1, ':null': null },
          }),
        ),
      );
      if (!first)
        await succeeded(() =>
          db.send(
            new UpdateCommand({
              TableName: table,
              Key: key.secretaryLink(hash),
              UpdateExpression: 'ADD #views :one',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#views': 'views' },
              ExpressionAttributeValues: { ':one': 1 },
            }),
          ),
        );
      return first;
    },
  };
}
