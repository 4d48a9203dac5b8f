// Which mails went out: a claim per mail key so a retry never sends twice.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MailLedger } from '../../store';
import { conditional, isConditionFailure } from './batch';
import { key } from './table';

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
