// Subscriptions to a body's notices: pending requests under their token's
// hash (holding only the sealed address), confirmed subscribers per body,
// unsubscribe links under their token's hash, and hourly request counters.
// Everything that expires carries a TTL, so DynamoDB removes it.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PendingSubscription, Subscriber, SubscriptionRepo, UnsubscribeLink } from '../../store';
import { conditional, queryAll, succeeded } from './batch';
import { key, strip } from './table';

const ttlOf = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export function subscriptionRepo(db: DynamoDBDocumentClient, table: string): SubscriptionRepo {
  return {
    async putPending(tokenHash, pending) {
      await db.send(new PutCommand({ TableName: table, Item: { ...key.pendingSubscription(tokenHash), ...pending, ttl: ttlOf(pending.expiresAt) } }));
    },
    async hasPending(tokenHash, now) {
      const out = await db.send(new GetCommand({ TableName: table, Key: key.pendingSubscription(tokenHash), ConsistentRead: true }));
      return Boolean(out.Item && String(out.Item.expiresAt) > now);
    },
    async takePending(tokenHash, now) {
      const out = await conditional(() =>
        db.send(
          new DeleteCommand({
            TableName: table,
            Key: key.pendingSubscription(tokenHash),
            ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
            ExpressionAttributeValues: { ':now': now },
            ReturnValues: 'ALL_OLD',
          }),
        ),
      );
      return out?.Attributes ? strip<PendingSubscription>(out.Attributes) : null;
    },
    async add(subscriber) {
      // An address that subscribes already keeps its subscription (and the unsubscribe links it was sent).
      await conditional(() =>
        db.send(new PutCommand({ TableName: table, Item: { ...key.subscriber(subscriber.body, subscriber.addressKey), ...subscriber }, ConditionExpression: 'attribute_not_exists(pk)' })),
      );
    },
    async subscribers(body) {
      const rows = await queryAll(db, { TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': key.subscriber(body, '').pk }, ConsistentRead: true });
      return rows.map((r) => strip<Subscriber>(r));
    },
    async putUnsubscribe(tokenHash, link) {
      await db.send(new PutCommand({ TableName: table, Item: { ...key.unsubscribe(tokenHash), ...link, ttl: ttlOf(link.expiresAt) } }));
    },
    async getUnsubscribe(tokenHash, now) {
      const out = await db.send(new GetCommand({ TableName: table, Key: key.unsubscribe(tokenHash), ConsistentRead: true }));
      return out.Item && String(out.Item.expiresAt) > now ? strip<UnsubscribeLink>(out.Item) : null;
    },
    async unsubscribe(tokenHash, link) {
      // Only the subscription this link was sent for: a later one (new generation) stays.
      const ended = await succeeded(() =>
        db.send(
          new DeleteCommand({
            TableName: table,
            Key: key.subscriber(link.body, link.addressKey),
            ConditionExpression: 'generation = :g',
            ExpressionAttributeValues: { ':g': link.generation },
          }),
        ),
      );
      await db.send(new DeleteCommand({ TableName: table, Key: key.unsubscribe(tokenHash) }));
      return ended;
    },
    async countRequest(scope, hash, window, limit, expiresAt) {
      return succeeded(() =>
        db.send(
          new UpdateCommand({
            TableName: table,
            Key: key.rate(scope, hash, window),
            UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
            ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
            ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': ttlOf(expiresAt) },
          }),
        ),
      );
    },
  };
}
