// Word search over 100,000 adjusted decisions on the local stack (dynalite):
// the decisions and their word-prefix index items are written straight into
// the table with BatchWrite, in exactly the format adjusting writes
// (decisionItem, wordIndexItems), because 100,000 protocols through the whole
// pipeline would take a day. Then GET /decisions through the gateway: a rare
// word (10 hits), a common word (every decision) and two words, p50/p95 and
// the items the table read per query (the x-items-read header).
import { documentClient } from '../../shared/adapters/clients';
import { putAll } from '../../shared/adapters/dynamo/batch';
import { decisionItem } from '../../shared/adapters/dynamo/content';
import { wordIndexItems } from '../../shared/adapters/dynamo/word-index';
import type { DecisionRecord } from '../../shared/domain/records';
import { TABLE_NAME } from '../../infra/local/stack';
import { random } from '../lib/generate';
import { startBenchStack } from '../lib/stack';
import { percentile, round } from '../lib/stats';
import { pool } from '../lib/flow';

export const RARE_LIMIT_MS = 100;
export const SEARCH_DECISIONS = 100_000;

export interface QueryFigures {
  query: string;
  hitsOnFirstPage: number;
  ms: { p50: number; p95: number };
  itemsRead: { p50: number; max: number };
}

export interface SearchFigures {
  decisions: number;
  indexItems: number;
  loadSeconds: number;
  runs: number;
  rare: QueryFigures;
  common: QueryFigures;
  twoWords: QueryFigures;
  /** The same rare word including drafts: the date-range scan the index replaces (one page of it). */
  scanRare: QueryFigures;
  rareMet: boolean;
}

const RARE = 'vindkraftspark';
const RARE_HITS = 10;
const BODIES = ['kommunstyrelsen-benchby', 'byggnadsnamnden-benchby', 'socialnamnden-benchby'];

/**
 * A short decision: the title "Beslut" and "att" with a word from a
 * vocabulary of pseudo-words; ten of 100,000 also have the rare word. Short so
 * that 100,000 load in minutes (about 12 index items each; a real decision of
 * 40 words has about 150, docs/performance.md): reads per query do not depend
 * on how long the decisions are, only on the hits.
 */
function decisionAt(n: number, vocabulary: string[], next: () => number): DecisionRecord {
  const protocolId = `bench${Math.floor(n / 10)}`;
  const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(n / 10) * 86_400_000 / 5).toISOString().slice(0, 10);
  const pick = () => vocabulary[Math.floor(next() * vocabulary.length)]!;
  const rare = n % (SEARCH_DECISIONS / RARE_HITS) === 7 ? ` ${RARE}` : '';
  return {
    protocolId,
    body: BODIES[Math.floor(n / 10) % BODIES.length]!,
    bodyName: null,
    date: day,
    itemIndex: 1 + (n % 10),
    itemNumber: `§ ${1 + (n % 10)}`,
    itemTitle: 'Beslut',
    index: 1,
    text: `att ${pick()}${rare}`,
    status: 'adjusted',
  };
}

function vocabularyOf(next: () => number): string[] {
  const letters = 'abdefghiklmnoprstuvåäö';
  return Array.from({ length: 5000 }, () => Array.from({ length: 5 + Math.floor(next() * 2) }, () => letters[Math.floor(next() * letters.length)]).join(''));
}

async function timeQuery(api: (path: string) => Promise<{ status: number; read: number; hits: number }>, query: string, runs: number): Promise<QueryFigures> {
  const times: number[] = [];
  const reads: number[] = [];
  let hits = 0;
  // Warm-up: the first reads of a prefix's items come from disk in dynalite's LevelDB.
  for (let i = 0; i < 3; i++) await api(query);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = await api(query);
    times.push(performance.now() - start);
    if (r.status !== 200) throw new Error(`${query}: ${r.status}`);
    reads.push(r.read);
    hits = r.hits;
  }
  return { query, hitsOnFirstPage: hits, ms: { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) }, itemsRead: { p50: percentile(reads, 50), max: Math.max(...reads) } };
}

export async function benchSearch(decisions: number, runs: number, progress: (line: string) => void): Promise<SearchFigures> {
  progress(`search: starting the local stack, loading ${decisions} decisions and their index items`);
  const t = await startBenchStack();
  try {
    const db = documentClient('eu-north-1', t.stack.dynamoEndpoint);
    const next = random(42);
    const vocabulary = vocabularyOf(next);
    const started = performance.now();
    let indexItems = 0;
    const batches = Array.from({ length: Math.ceil(decisions / 500) }, (_, b) => b);
    await pool(batches, 8, async (b) => {
      const items: Record<string, unknown>[] = [];
      for (let n = b * 500; n < Math.min(decisions, (b + 1) * 500); n++) {
        const d = decisionAt(n, vocabulary, next);
        const index = wordIndexItems(d);
        indexItems += index.length;
        items.push(decisionItem(d), ...index);
      }
      await putAll(db, TABLE_NAME, items);
      if ((b + 1) % 40 === 0) progress(`search: ${(b + 1) * 500} decisions written`);
    });
    const loadSeconds = round((performance.now() - started) / 1000);
    progress(`search: ${decisions} decisions and ${indexItems} index items in ${loadSeconds} s; querying`);
    const api = async (path: string) => {
      const r = await fetch(`${t.stack.url}${path}`);
      const body = (await r.json()) as { items?: unknown[] };
      return { status: r.status, read: Number(r.headers.get('x-items-read') ?? Number.NaN), hits: body.items?.length ?? 0 };
    };
    const rare = await timeQuery(api, `/decisions?q=${RARE}&status=adjusted`, runs);
    const common = await timeQuery(api, '/decisions?q=beslut&status=adjusted', runs);
    const twoWords = await timeQuery(api, `/decisions?q=att%20${RARE.slice(0, 6)}&status=adjusted`, runs);
    const scanRare = await timeQuery(api, `/decisions?q=${RARE}`, Math.min(runs, 5));
    return { decisions, indexItems, loadSeconds, runs, rare, common, twoWords, scanRare, rareMet: rare.ms.p50 <= RARE_LIMIT_MS };
  } finally {
    await t.stop();
  }
}
