// The production adapter holds to the same contract, against dynalite through
// the real SDK client (the full suite; the fast lane runs memory-store.test.ts).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll } from 'vitest';
import { dynamoStore } from '../../shared/adapters/dynamo';
import { ensureTable, startDynalite, type RunningServer } from '../../infra/local/servers';
import { storeContract } from './store-contract';

let server: RunningServer | undefined;
afterAll(async () => {
  await server?.close();
});

storeContract('DynamoDB (dynalite)', async () => {
  server = await startDynalite(null);
  const client = new DynamoDBClient({
    region: 'eu-north-1',
    endpoint: server.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, 'contract');
  return dynamoStore(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), 'contract');
});
