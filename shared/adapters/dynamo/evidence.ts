// BankID evidence records: one per BankID signature, sealed before it gets
// here (shared/bankid/evidence.ts), so the table holds ciphertext and the
// wrapped data key only. Written once (conditional put); read per protocol.
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EvidenceRecords, SealedEvidence } from '../../bankid/evidence';
import { succeeded } from './batch';
import { key, strip } from './table';

export function evidenceRecords(db: DynamoDBDocumentClient, table: string): EvidenceRecords {
  return {
    async put(record) {
      // A retried collect of the same signature finds the record there and leaves it as it was.
      await succeeded(() =>
        db.send(
          new PutCommand({
            TableName: table,
            Item: { ...key.evidence(record.protocolId, record.signerId, record.signatureSha256), ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
    },
    async list(protocolId) {
      const items: SealedEvidence[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': key.evidence(protocolId, '', '').pk },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) items.push(strip<SealedEvidence>(item));
        start = out.LastEvaluatedKey;
      } while (start);
      return items;
    },
  };
}
