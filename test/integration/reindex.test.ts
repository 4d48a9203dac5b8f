// `justera reindex` rebuilds the word index of published protocols: a
// deployment whose decisions were adjusted before the index existed (here: a
// published protocol whose index items are deleted) finds nothing by word, then
// finds every decision again after the command, and a second run changes
// nothing. Real dynalite, s3rver and the local API, the CLI command in process.
import { paginateScan, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/clients';
import { TABLE_NAME } from '../../infra/local/stack';
import { reindexCommand } from '../../infra/cli/commands';
import { reindexPublished } from '../../shared/flow/reindex';
import { dynamoStore } from '../../shared/adapters/dynamo';
import { adjustedFixture, startTestStack, type TestStack } from '../helpers/stack';

const KEY = 'drafts/samverkansnamnd-mellansverige/Protokoll 2025-02-14.pdf';
let t: TestStack;
let id: string;

beforeAll(async () => {
  t = await startTestStack();
  id = await adjustedFixture(t, KEY);
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

const db = () => documentClient('eu-north-1', t.dynamo.endpoint);

async function wordItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateScan({ client: db() }, { TableName: TABLE_NAME, FilterExpression: 'begins_with(pk, :w)', ExpressionAttributeValues: { ':w': 'WORDS#' } }))
    items.push(...(page.Items ?? []));
  return items;
}

async function found(q: string): Promise<string[]> {
  const r = await t.api<{ items: { protocolId: string; text: string }[] }>(`/decisions?status=adjusted&q=${encodeURIComponent(q)}`);
  expect(r.status).toBe(200);
  return r.body.items.filter((d) => d.protocolId === id).map((d) => d.text);
}

it('finds the decisions of a published protocol again once its lost index is rebuilt', async () => {
  const before = await found('godkänna');
  expect(before.length).toBeGreaterThan(0);
  const indexed = await wordItems();
  expect(indexed.length).toBeGreaterThan(0);

  // As a deployment from before the index: the decisions are adjusted, the index items are not there.
  for (let i = 0; i < indexed.length; i += 25)
    await db().send(new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: indexed.slice(i, i + 25).map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })) } }));
  expect(await wordItems()).toEqual([]);
  expect(await found('godkänna')).toEqual([]);

  const lines: string[] = [];
  process.env.JUSTERA_ADMIN_TOKEN = t.stack.adminToken;
  await reindexCommand({ api: t.stack.url }, (line) => lines.push(line));
  expect(lines).toEqual(['reindexed 1 published protocol']);
  expect((await found('godkänna')).sort()).toEqual([...before].sort());
  const rebuilt = await wordItems();
  expect(rebuilt.map((i) => `${String(i.pk)} ${String(i.sk)}`).sort()).toEqual(indexed.map((i) => `${String(i.pk)} ${String(i.sk)}`).sort());

  // Again: the same items, nothing more.
  await reindexCommand({ api: t.stack.url }, (line) => lines.push(line));
  expect((await wordItems()).length).toBe(indexed.length);
}, 60_000);

it('pages through published protocols only, newest first, with a cursor', async () => {
  const store = dynamoStore(db(), TABLE_NAME);
  const page = await reindexPublished({ store }, undefined, 1);
  expect(page.protocols).toEqual([id]);
  const last = page.next ? await reindexPublished({ store }, page.next, 1) : { protocols: [], next: null };
  expect(last).toEqual({ protocols: [], next: null });
});

it('refuses a forged cursor and anyone without the admin credential', async () => {
  const forged = await fetch(`${t.stack.url}/admin/reindex?cursor=bm90LWEtY3Vyc29y`, { method: 'POST', headers: { authorization: `Bearer ${t.stack.adminToken}` } });
  expect(forged.status).toBe(400);
  const anonymous = await fetch(`${t.stack.url}/admin/reindex`, { method: 'POST' });
  expect(anonymous.status).toBe(401);
  const get = await fetch(`${t.stack.url}/admin/reindex`, { headers: { authorization: `Bearer ${t.stack.adminToken}` } });
  expect(get.status).toBe(405); // no state change on GET
});
