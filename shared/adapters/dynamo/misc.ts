import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BodyDirectory, DeadLetterRecord, NoticeRecord, SecretaryLinkRecord } from '../../domain/records';
import type { BodyRepo, DeadLetterRepo, MailLedger, NoticeRepo, SecretaryLinkRepo } from '../../store';
import { conditional, isConditionFailure, queryAll, succeeded } from './batch';
import { HIGH, key, strip } from './table';

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
      return rows.map((r) => strip<NoticeRecord>(r)).sort((a, b) => b.postedOn.localeCompare(a.postedOn) || b.protocolId.localeCompare(a.protocolId));
    },
  };
}

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

export function mailLedger(db: DynamoDBDocumentClient, table: string): MailLedger {
  return {
    async claim(mailKey, at, staleMs) {
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: { ...key.mail(mailKey), state: 'sending', at, ttl: Math.floor(Date.parse(at) / 1000) + 400 * 86400 },
            // A crash between sending and recording leaves 'sending': once that is stale, a retry sends again (one duplicate at most).
            ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND #at < :stale)',
            ExpressionAttributeNames: { '#state': 'state', '#at': 'at' },
            ExpressionAttributeValues: { ':sending': 'sending', ':stale': new Date(Date.parse(at) - staleMs).toISOString() },
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const out = await db.send(new GetCommand({ TableName: table, Key: key.mail(mailKey), ConsistentRead: true }));
        return out.Item?.state === 'sent' ? 'sent' : 'busy';
      }
    },
    async markSent(mailKey, at) {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: key.mail(mailKey),
          UpdateExpression: 'SET #state = :sent, sentAt = :at',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sent': 'sent', ':at': at },
        }),
      );
    },
    async release(mailKey) {
      await conditional(() =>
        db.send(
          new DeleteCommand({
            TableName: table,
            Key: key.mail(mailKey),
            ConditionExpression: '#state = :sending',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':sending': 'sending' },
          }),
        ),
      );
    },
  };
}

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
