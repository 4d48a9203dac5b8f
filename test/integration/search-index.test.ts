// The word-prefix index answers exactly what the date-range scan answers (the
// seed minutes and generated decisions, every page), and reads in proportion
// to its hits: dynalite through the real SDK client.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoStore } from '../../shared/adapters/dynamo';
import { scanDecisions } from '../../shared/adapters/dynamo/content';
import { wordIndexItems } from '../../shared/adapters/dynamo/word-index';
import type { DecisionRecord } from '../../shared/domain/records';
import { words } from '../../shared/domain/text';
import { indexPrefixes, MAX_PREFIX } from '../../shared/domain/word-prefixes';
import { linesFromText, parseMinutes } from '../../shared/minutes/parse';
import type { DecisionQuery, Store } from '../../shared/store';
import { ensureTable, startDynalite, type RunningServer } from '../../infra/local/servers';

const TABLE = 'search';
let server: RunningServer;
let db: DynamoDBDocumentClient;
let store: Store;

const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const VOCABULARY = [
  'budget', 'budgeten', 'budgetår', 'beslutar', 'beslut', 'beslutade', 'nämnden', 'Nämndens', 'överklagande', 'Överenskommelse',
  'regionstyrelsen', 'regionfullmäktige', 'samverkansnämnd', 'sjukvårdsregion', 'att', 'i', 'å', 'e-post', 'café', 'Cafeteria',
  'godkänna', 'godkänner', 'avslå', 'motionen', 'uppdrag', 'uppdra', 'revisionsberättelse', 'årsredovisning', 'x', 'ÅÄÖ',
];

/** A fixed sequence of numbers, so a failure repeats. */
function generator(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function decision(protocolId: string, body: string, date: string | null, itemIndex: number, index: number, itemTitle: string, text: string): DecisionRecord {
  return { protocolId, body, bodyName: body, date, itemIndex, itemNumber: `§ ${itemIndex}`, itemTitle, index, text, status: 'draft' };
}

function seedDecisions(): { protocolId: string; decisions: DecisionRecord[] }[] {
  return ['000_81caecb0c6af1de0.txt', '003_67e411558cf8cade.txt'].map((file, n) => {
    const minutes = parseMinutes(linesFromText(readFileSync(new URL(file, SEEDS), 'utf8')));
    const protocolId = `seed${n}`;
    const decisions = minutes.items.flatMap((item, i) => item.decisions.map((text, k) => decision(protocolId, `seed-body-${n}`, minutes.date, i + 1, k + 1, item.title, text)));
    return { protocolId, decisions };
  });
}

function generatedDecisions(count: number): { protocolId: string; decisions: DecisionRecord[] }[] {
  const next = generator(16);
  const pick = () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!;
  const out: { protocolId: string; decisions: DecisionRecord[] }[] = [];
  for (let p = 0; p < count / 5; p++) {
    const protocolId = `gen${p}`;
    const body = ['alfa', 'beta', 'gamma'][p % 3]!;
    // Some without a meeting date: they sort first, as in the scan.
    const date = p % 11 === 0 ? null : `2025-${String(1 + (p % 12)).padStart(2, '0')}-${String(1 + (p % 28)).padStart(2, '0')}`;
    const decisions = Array.from({ length: 5 }, (_, k) =>
      decision(protocolId, body, date, 1 + Math.floor(k / 2), 1 + (k % 2), pick(), Array.from({ length: 3 + Math.floor(next() * 12) }, pick).join(next() < 0.2 ? '-' : ' ')),
    );
    out.push({ protocolId, decisions });
  }
  return out;
}

async function load(protocols: { protocolId: string; decisions: DecisionRecord[] }[], adjustedShare: number): Promise<void> {
  for (const [n, p] of protocols.entries()) {
    await store.content.putDecisions(p.decisions);
    // Most are adjusted; the rest stay drafts (not in the index), one is superseded (out of the decision indexes).
    if (n % Math.round(1 / (1 - adjustedShare)) !== 1) await store.content.setDecisionStatus(p.protocolId, 'adjusted');
    if (n === 4) await store.content.unindexDecisions(p.protocolId);
  }
}

/** Every page of a query, read with the given page size. */
async function allPages(run: (q: DecisionQuery) => Promise<{ items: DecisionRecord[]; next: string | null; read?: number }>, query: Omit<DecisionQuery, 'limit'>, limit: number) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await run({ ...query, limit, cursor });
    ids.push(...page.items.map((d) => `${d.protocolId}/${d.itemIndex}/${d.index}`));
    read += page.read ?? 0;
    cursor = page.next ?? undefined;
  } while (cursor);
  return { ids, read };
}

beforeAll(async () => {
  server = await startDynalite(null);
  const client = new DynamoDBClient({ region: 'eu-north-1', endpoint: server.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, TABLE);
  db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  store = dynamoStore(db, TABLE);
  await load([...seedDecisions(), ...generatedDecisions(400)], 0.85);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('the word-prefix index', () => {
  it('indexes the distinct prefixes of 2..8 folded characters of each word', () => {
    expect(indexPrefixes('Nämnden BESLUTAR, e-post')).toEqual(['be', 'bes', 'besl', 'beslu', 'beslut', 'besluta', 'beslutar', 'na', 'nam', 'namn', 'namnd', 'namnde', 'namnden', 'po', 'pos', 'post'].sort());
    expect(indexPrefixes('regionfullmäktige').every((p) => p.length <= MAX_PREFIX)).toBe(true);
    const item = wordIndexItems(decision('p1', 'alfa', '2025-02-14', 3, 1, 'Budget', 'Godkänns'));
    expect(item.map((i) => i.pk)).toEqual(['WORDS#bu', 'WORDS#bud', 'WORDS#budg', 'WORDS#budge', 'WORDS#budget', 'WORDS#go', 'WORDS#god', 'WORDS#godk', 'WORDS#godka', 'WORDS#godkan', 'WORDS#godkann', 'WORDS#godkanns']);
    expect(item[0]).toEqual({ pk: 'WORDS#bu', sk: '2025-02-14#p1#0003#01', body: 'alfa', ref: 'DECISION#0003#01' });
  });

  const texts = [
    ...VOCABULARY.flatMap((w) => [w, w.slice(0, 2), w.slice(0, 3), w.toUpperCase(), `${w}x`]),
    'beslut budget', 'Nämnden att', 'e-post café', 'godkänna avslå', 'regionfullmäktige årsredovisning', 'a', 'a b', 'ab', 'zz',
    'justera', 'ordförande', 'protokoll', 'val', 'sammanträdet', 'Helena', 'mellansverige', 'sydöstra',
  ];
  const ranges: Omit<DecisionQuery, 'limit' | 'words' | 'status'>[] = [{}, { body: 'beta' }, { from: '2025-03-01', to: '2025-08-15' }, { body: 'seed-body-1' }, { from: '2025-02-14', to: '2025-02-14' }];

  it('answers every query exactly as the scan of the date range does, page by page', async () => {
    let compared = 0;
    for (const text of texts)
      for (const range of ranges) {
        const query = { ...range, words: words(text), status: 'adjusted' as const };
        const scan = await allPages((q) => scanDecisions(db, TABLE, q), query, 1000);
        const index = await allPages((q) => store.content.queryDecisions(q), query, 1000);
        expect(index.ids, `${text} ${JSON.stringify(range)}`).toEqual(scan.ids);
        compared += scan.ids.length;
      }
    expect(compared).toBeGreaterThan(1000);
    // Small pages: the cursor of the index walks the same list.
    for (const text of ['beslut', 'att', 'budget nämnden', 'godkänn']) {
      const query = { words: words(text), status: 'adjusted' as const };
      expect((await allPages((q) => store.content.queryDecisions(q), query, 7)).ids).toEqual((await allPages((q) => scanDecisions(db, TABLE, q), query, 7)).ids);
    }
  }, 300_000);

  it('reads in proportion to the hits, not to the decisions of the date range', async () => {
    const query = { words: words('revisionsberättelse'), status: 'adjusted' as const };
    const scan = await allPages((q) => scanDecisions(db, TABLE, q), query, 20);
    const index = await allPages((q) => store.content.queryDecisions(q), query, 20);
    expect(index.ids).toEqual(scan.ids);
    expect(scan.read).toBeGreaterThan(400);
    // One index item and one decision per hit (no other word starts with the prefix), and the last page's look past the end.
    expect(index.read).toBeGreaterThanOrEqual(2 * index.ids.length);
    expect(index.read).toBeLessThanOrEqual(2 * index.ids.length + 2 * 20);
    // A common word reads about a page of it, not all of it.
    const common = await store.content.queryDecisions({ words: ['att'], status: 'adjusted', limit: 20 });
    expect(common.items).toHaveLength(20);
    expect(common.read).toBeLessThanOrEqual(2 * 20);
  });
});
