import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SignerRecord } from '../../domain/records';
import type { SignerRepo } from '../../store';
import { queryPrefix, succeeded as ok } from './batch';
import { key, strip } from './table';

function fromItem(item: Record<string, unknown>): SignerRecord {
  const s = strip<SignerRecord & { tokenHashes?: Set<string> | string[] }>(item);
  return { ...s, tokenHashes: s.tokenHashes ? [...s.tokenHashes] : [] };
}

export function signerRepo(db: DynamoDBDocumentClient, table: string): SignerRepo {
  const update = (protocolId: string, signerId: string, input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>) =>
    db.send(new UpdateCommand({ TableName: table, Key: key.signer(protocolId, signerId), ...input }));

  return {
    async create(signers) {
      for (const s of signers) {
        const { tokenHashes: _t, ...rest } = s;
        await ok(() =>
          db.send(
            new PutCommand({
              TableName: table,
              Item: { ...key.signer(s.protocolId, s.id), ...rest },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          ),
        );
      }
    },

    async all(protocolId) {
      return (await this.history(protocolId)).filter((s) => s.status !== 'withdrawn');
    },

    async history(protocolId) {
      const rows = await queryPrefix(db, table, key.protocol(protocolId).pk, 'SIGNER#');
      return rows.map(fromItem).sort((a, b) => a.step - b.step || a.id.localeCompare(b.id));
    },

    withdraw: (protocolId, signerId, event) =>
      ok(() =>
        update(protocolId, signerId, {
          UpdateExpression: 'SET #status = :withdrawn, withdrawnFrom = #status, events = list_append(events, :ev)',
          // The signature is the other writer on this item: whichever lands first wins, never both.
          ConditionExpression: '#status IN (:pending, :waiting, :changes)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':pending': 'pending', ':waiting': 'waiting', ':changes': 'changes-requested', ':ev': [event] },
        }),
      ),

    async reinstate(protocolId, signerId, event) {
      await ok(() =>
        update(protocolId, signerId, {
          UpdateExpression: 'SET #status = withdrawnFrom, events = list_append(events, :ev) REMOVE withdrawnFrom',
          ConditionExpression: '#status = :withdrawn AND attribute_exists(withdrawnFrom)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':ev': [event] },
        }),
      );
    },

    async get(protocolId, signerId) {
      const out = await db.send(new GetCommand({ TableName: table, Key: key.signer(protocolId, signerId), ConsistentRead: true }));
      return out.Item ? fromItem(out.Item) : null;
    },

    async addToken(protocolId, signerId, tokenHash, expiresAt) {
      // The lookup first: a hash on the signer without its lookup would be a link that can never work.
      await db.send(
        new PutCommand({
          TableName: table,
          Item: { ...key.token(tokenHash), protocolId, signerId, ttl: Math.floor(Date.parse(expiresAt) / 1000) + 90 * 86400 },
        }),
      );
      await update(protocolId, signerId, {
        UpdateExpression: 'ADD tokenHashes :h',
        ExpressionAttributeValues: { ':h': new Set([tokenHash]) },
      });
    },

    async findToken(tokenHash) {
      const out = await db.send(new GetCommand({ TableName: table, Key: key.token(tokenHash), ConsistentRead: true }));
      if (!out.Item) return null;
      return { protocolId: String(out.Item.protocolId), signerId: String(out.Item.signerId) };
    },

    activate: (protocolId, signerId) =>
      ok(() =>
        update(protocolId, signerId, {
          UpdateExpression: 'SET #status = :pending',
          ConditionExpression: '#status = :waiting',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending', ':waiting': 'waiting' },
        }),
      ),

    async markInvited(protocolId, signerId, event) {
      await update(protocolId, signerId, {
        UpdateExpression: 'SET invitedAt = :at, events = list_append(events, :ev)',
        ExpressionAttributeValues: { ':at': event.at, ':ev': [event] },
      });
    },

    async recordView(protocolId, signerId, event) {
      // Only the first view goes into the trail; mail scanners and reloads just count.
      const first = await ok(() =>
        update(protocolId, signerId, {
          UpdateExpression: 'SET firstViewedAt = :at, events = list_append(events, :ev) ADD #views :one',
          ConditionExpression: 'attribute_not_exists(firstViewedAt) OR firstViewedAt = :null',
          ExpressionAttributeNames: { '#views': 'views' },
          ExpressionAttributeValues: { ':at': event.at, ':ev': [event], ':one': 1, ':null': null },
        }),
      );
      if (!first)
        await update(protocolId, signerId, {
          UpdateExpression: 'SET lastViewedAt = :at ADD #views :one',
          ExpressionAttributeNames: { '#views': 'views' },
          ExpressionAttributeValues: { ':at': event.at, ':one': 1 },
        });
    },

    sign: (protocolId, signerId, tokenHash, signature, event) =>
      ok(() =>
        update(protocolId, signerId, {
          UpdateExpression: 'SET #status = :signed, signature = :sig, events = list_append(events, :ev)',
          ConditionExpression: '#status = :pending AND contains(tokenHashes, :h) AND expiresAt > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':signed': 'signed', ':pending': 'pending', ':sig': signature, ':ev': [event], ':h': tokenHash, ':now': event.at },
        }),
      ),

    requestChanges: (protocolId, signerId, tokenHash, comment, event) =>
      ok(() =>
        update(protocolId, signerId, {
          UpdateExpression: 'SET #status = :changes, #comment = :comment, events = list_append(events, :ev)',
          ConditionExpression: '#status = :pending AND contains(tokenHashes, :h) AND expiresAt > :now',
          ExpressionAttributeNames: { '#status': 'status', '#comment': 'comment' },
          ExpressionAttributeValues: { ':changes': 'changes-requested', ':pending': 'pending', ':comment': comment, ':ev': [event], ':h': tokenHash, ':now': event.at },
        }),
      ),

    startBankId: (protocolId, signerId, tokenHash, order, event) =>
      ok(() =>
        update(protocolId, signerId, {
          UpdateExpression: 'SET bankId = :o, events = list_append(events, :ev)',
          ConditionExpression: '#status = :pending AND contains(tokenHashes, :h) AND expiresAt > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':o': order, ':pending': 'pending', ':ev': [event], ':h': tokenHash, ':now': event.at },
        }),
      ),

    endBankId: (protocolId, signerId, orderRef, event) =>
      ok(() =>
        update(protocolId, signerId, {
          UpdateExpression: `SET bankId = :null${event ? ', events = list_append(events, :ev)' : ''}`,
          ConditionExpression: 'bankId.orderRef = :ref',
          ExpressionAttributeValues: { ':null': null, ':ref': orderRef, ...(event ? { ':ev': [event] } : {}) },
        }),
      ),

    recordReminder: (protocolId, signerId, days, event) => {
      const values: Record<string, unknown> = { ':days': days, ':ev': [event] };
      const conditions = days.map((d, i) => {
        values[`:d${i}`] = d;
        return `NOT contains(reminders, :d${i})`;
      });
      return ok(() =>
        update(protocolId, signerId, {
          UpdateExpression: 'SET reminders = list_append(reminders, :days), events = list_append(events, :ev)',
          ConditionExpression: conditions.join(' AND ') || 'attribute_exists(pk)',
          ExpressionAttributeValues: values,
        }),
      );
    },
  };
}
