// One meeting, one record, under many interleavings. The domain flows run
// against the real DynamoDB adapter on dynalite and real S3 (s3rver); every
// call to the table first yields for a seeded random while, so concurrent
// steps interleave differently in each run. After each run: exactly one
// version of the meeting is adjusted, and it is the newest upload unless the
// newer one came after the adjustment (and was refused).
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, documentClient, localS3Client } from '../../shared/adapters/clients';
import { dynamoStore } from '../../shared/adapters/dynamo';
import { sesMailer } from '../../shared/adapters/mailer';
import { isLocalConfig, loadConfig } from '../../shared/config';
import { localRuntime } from '../../infra/local/runtime';
import { ADJUSTED_STATUSES, type ProtocolRecord } from '../../shared/domain/records';
import type { Deps } from '../../shared/ports';
import type { DraftObject } from '../../shared/domain/draft-event';
import { receiveDraft } from '../../shared/flow/parse';
import { routeProtocol } from '../../shared/flow/route';
import { remindRound } from '../../shared/flow/remind';
import { openLink, submit } from '../../shared/flow/sign';
import { hashToken } from '../../shared/signing/tokens';
import { ensureBucket, ensureTable, startDynalite, startS3rver, type RunningS3, type RunningServer } from '../../infra/local/servers';
import { random } from '../../bench/lib/generate';
import { fixture, mellansverige } from '../helpers/stack';

const RUNS = 200;
const BUCKET = 'justera';
const DRAFT = fixture('003-protokoll-draft.pdf');
const CLIENT = { ip: '127.0.0.1', userAgent: 'race' };

let dir: string;
let dynamo: RunningServer;
let s3: RunningS3;
let deps: Deps;
let eTag: string;
/** Links of every invitation sent, in order. */
const links: string[] = [];
const owners = new Map<string, string>();
const errors: string[] = [];


let rand = random(1);
/** Which of the concurrent steps a table call belongs to, and whether that step is the slow one in this run. */
const task = new AsyncLocalStorage<{ slow: boolean }>();
const as = <T>(slow: boolean, run: () => Promise<T>) => task.run({ slow }, run);

/**
 * Before each table call: the slow step of a run waits a few milliseconds,
 * the others go straight on or after other tasks had a turn, so that one
 * step's few writes land anywhere inside the other's.
 */
async function pause(): Promise<void> {
  if (task.getStore()?.slow) return void (await new Promise((done) => setTimeout(done, 1)));
  if (rand() < 0.4) return;
  for (let i = Math.floor(rand() * 4); i >= 0; i--) await new Promise((done) => setImmediate(done));
}

/** Which step is slow in a run: the first, the second or neither. */
function speeds(): [boolean, boolean] {
  const r = rand();
  return [r < 1 / 3, r >= 1 / 3 && r < 2 / 3];
}

/** A process that dies right after one write: every later call of the flow fails, so its next step never happens. */
let dieAfter: ((input: Record<string, unknown>) => boolean) | null = null;
let dead = false;
function crashAfter(match: (input: Record<string, unknown>) => boolean): void {
  dieAfter = match;
  dead = false;
}
function restart(): void {
  dieAfter = null;
  dead = false;
}
const meetingWrite = (what: string) => (input: Record<string, unknown>) =>
  String((input.Key as { pk?: string } | undefined)?.pk).startsWith('MEETING#') && String(input.UpdateExpression).includes(what);

let calls = 0;
const waiting: { at: number; go: () => void }[] = [];
/** Resolves once `n` more table calls have been sent (by anyone): a step started in the middle of another. */
function afterCalls(n: number): Promise<void> {
  const at = calls + n;
  return n <= 0 ? Promise.resolve() : new Promise((go) => waiting.push({ at, go }));
}

/** The real document client, with a seeded pause before every call it sends. */
function interleaved(db: DynamoDBDocumentClient): DynamoDBDocumentClient {
  return new Proxy(db, {
    get(target, name, receiver) {
      if (name !== 'send') return Reflect.get(target, name, receiver) as unknown;
      return async (command: Parameters<DynamoDBDocumentClient['send']>[0]) => {
        await pause();
        calls++;
        for (const w of waiting.splice(0)) if (calls >= w.at) w.go();
        else waiting.push(w);
        if (dead) throw new Error('the process died before this write');
        const out = await target.send(command);
        if (dieAfter?.(command.input as Record<string, unknown>)) dead = true;
        return out;
      };
    },
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'justera-race-'));
  dynamo = await startDynalite(null);
  s3 = await startS3rver(join(dir, 's3'));
  const env = {
    JUSTERA_RUNTIME: 'local',
    JUSTERA_STAGE: 'local',
    JUSTERA_TABLE: 'justera',
    JUSTERA_BUCKET: BUCKET,
    JUSTERA_DYNAMODB_ENDPOINT: dynamo.endpoint,
    JUSTERA_S3_ENDPOINT: s3.endpoint,
    JUSTERA_DATA_DIR: dir,
    AWS_REGION: 'eu-north-1',
  };
  const config = loadConfig(env);
  if (!isLocalConfig(config)) throw new Error('expected the local runtime');
  const base = localRuntime(config).deps({ mailer: sesMailer });
  await ensureTable(new DynamoDBClient({ region: 'eu-north-1', endpoint: dynamo.endpoint, credentials: LOCAL_CREDENTIALS }), 'justera');
  const client = localS3Client(s3.endpoint);
  await ensureBucket(client, BUCKET);
  const real = base.mailer;
  deps = {
    ...base,
    store: dynamoStore(interleaved(documentClient(config.AWS_REGION, config.JUSTERA_DYNAMODB_ENDPOINT)), 'justera'),
    mailer: {
      async send(message) {
        links.push(...message.links.filter((l) => l.includes('/sign/')));
        await real.send(message);
      },
    },
    log: { info: () => undefined, warn: () => undefined, error: (message, extra) => void errors.push(`${message} ${JSON.stringify(extra)}`) },
    metric: () => undefined,
  };
  // Every upload of a meeting is the same file under another name: the bytes are not what decides.
  eTag = (await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'drafts/x/warm.pdf', Body: DRAFT }))).ETag!.replaceAll('"', '');
}, 60_000);

afterAll(async () => {
  await s3?.close();
  await dynamo?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function meeting(slug: string, names: string[]): Promise<DraftObject[]> {
  await deps.store.bodies.put({ ...mellansverige(), slug });
  const client = localS3Client(s3.endpoint);
  await Promise.all(names.map((name) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `drafts/${slug}/${name}`, Body: DRAFT }))));
  return names.map((name) => ({ bucket: BUCKET, encodedKey: `drafts/${slug}/${encodeURIComponent(name)}`, size: DRAFT.length, eTag }));
}

/** The tokens of the links sent for this protocol, in the order they were mailed. */
async function tokensOf(protocolId: string): Promise<string[]> {
  const mine: string[] = [];
  for (const link of links) {
    const token = link.slice(link.lastIndexOf('/') + 1);
    if (!owners.has(token)) owners.set(token, (await deps.store.signers.findToken(hashToken(token)))?.protocolId ?? '');
    if (owners.get(token) === protocolId) mine.push(token);
  }
  return mine;
}

/** Signs with every link sent for this protocol (the signers act at once, in no particular order). */
async function signAll(protocolId: string): Promise<void> {
  await Promise.all((await tokensOf(protocolId)).map((token) => sign(token)));
}

async function sign(token: string): Promise<void> {
  const view = await openLink(deps, token, CLIENT);
  if (view?.state !== 'open') return;
  await submit(deps, token, { action: 'sign', consent: 'on', sha256: view.protocol.draftSha256 ?? '' }, CLIENT);
}

/** An upload from its S3 event to the signatures of everyone it was sent to. */
async function upload(draft: DraftObject): Promise<string | null> {
  const received = await receiveDraft(deps, draft);
  if (!('id' in received)) return null;
  if (received.outcome === 'PARSED' && (await routeProtocol(deps, received.id)) === 'routed') await signAll(received.id);
  return received.id;
}

async function versions(ids: string[]): Promise<ProtocolRecord[]> {
  return Promise.all(ids.map(async (id) => (await deps.store.protocols.get(id))!));
}

function adjustedOf(all: ProtocolRecord[]): ProtocolRecord[] {
  return all.filter((p) => ADJUSTED_STATUSES.includes(p.status));
}

function explain(seed: number, all: ProtocolRecord[]): string {
  return `seed ${seed}: ${all.map((p) => `${p.id} ${p.receivedAt} ${p.status} ${p.reason?.code ?? ''}`).join('; ')}`;
}

describe('one meeting, one record', () => {
  it(`two uploads of one meeting a few milliseconds apart: exactly one adjusted, the newest unless it came too late (${RUNS} runs)`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const seed = 1000 + run;
      rand = random(seed);
      const [first, second] = await meeting(`race-uploads-${run}`, ['protokoll.pdf', 'protokoll rättad.pdf']);
      const at = Date.UTC(2026, 11, 3, 9, 0, run % 60, 0);
      // Two, one or no milliseconds apart (a tie is broken by the S3 sequencer, then the id).
      const older = { ...first!, eventTime: new Date(at).toISOString(), sequencer: '0055AA01' };
      const newer = { ...second!, eventTime: new Date(at + (run % 3)).toISOString(), sequencer: '0055AA02' };
      // Either may be processed first, and the other starts somewhere in the middle of it.
      const [lead, follow] = rand() < 0.5 ? [older, newer] : [newer, older];
      const lag = Math.floor(rand() * 30);
      const [slowLead, slowFollow] = speeds();
      const [x, y] = await Promise.all([as(slowLead, () => upload(lead)), afterCalls(lag).then(() => as(slowFollow, () => upload(follow)))]);
      const all = await versions(lead === older ? [x!, y!] : [y!, x!]);
      const adjusted = adjustedOf(all);
      expect(adjusted.length, explain(seed, all)).toBe(1);
      const [a, b] = all as [ProtocolRecord, ProtocolRecord];
      // The older upload may only win if it was adjusted before the newer one was read; the newer is then refused.
      if (adjusted[0] === a) expect(b.reason?.code, explain(seed, all)).toBe('ALREADY_ADJUSTED');
      else expect(a.status, explain(seed, all)).toBe('SUPERSEDED');
    }
    expect(errors).toEqual([]);
  }, 900_000);

  it(`a revision uploaded while the last signature is posted: exactly one adjusted (${RUNS} runs)`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const seed = 5000 + run;
      rand = random(seed);
      const [first, second] = await meeting(`race-revision-${run}`, ['protokoll.pdf', 'protokoll v2.pdf']);
      const at = Date.UTC(2026, 11, 3, 10, 0, run % 60, 0);
      const q = await receiveDraft(deps, { ...first!, eventTime: new Date(at).toISOString(), sequencer: '0055AA01' });
      expect(q.outcome).toBe('PARSED');
      const qid = (q as { id: string }).id;
      expect(await routeProtocol(deps, qid)).toBe('routed');
      const [chair, adjuster] = await tokensOf(qid);
      await sign(chair!);
      // The corrected version arrives; the last signature of the first comes somewhere in the middle of reading it.
      const revision = { ...second!, eventTime: new Date(at + 1 + (run % 5)).toISOString(), sequencer: '0055AA02' };
      const lag = Math.floor(rand() * 16);
      const [slowUpload, slowSign] = speeds();
      const [rid] = await Promise.all([as(slowUpload, () => upload(revision)), afterCalls(lag).then(() => as(slowSign, () => sign(adjuster!)))]);
      const all = await versions([qid, rid!]);
      const adjusted = adjustedOf(all);
      expect(adjusted.length, explain(seed, all)).toBe(1);
      const [a, b] = all as [ProtocolRecord, ProtocolRecord];
      if (adjusted[0] === a) expect(b.reason?.code, explain(seed, all)).toBe('ALREADY_ADJUSTED');
      else expect(a.status, explain(seed, all)).toBe('SUPERSEDED');
    }
    expect(errors).toEqual([]);
  }, 900_000);

  it('a process dying between the meeting record and the protocol: the repeat of the step finishes it, nothing else takes the meeting', async () => {
    rand = random(9000);
    const at = Date.UTC(2026, 11, 3, 11, 0, 0, 0);

    // Dies right after claiming "adjusted" for the first version, before the protocol is ADJUSTED.
    const [q1, r1] = await meeting('crash-adjusted', ['protokoll.pdf', 'protokoll v2.pdf']);
    const q = (await receiveDraft(deps, { ...q1!, eventTime: new Date(at).toISOString(), sequencer: '01' })) as { id: string };
    await routeProtocol(deps, q.id);
    const [chair, adjuster] = await tokensOf(q.id);
    await sign(chair!);
    crashAfter(meetingWrite('adjusted = :p'));
    await expect(sign(adjuster!)).rejects.toThrow('the process died');
    restart();
    const late = await upload({ ...r1!, eventTime: new Date(at + 1).toISOString(), sequencer: '02' });
    expect((await deps.store.protocols.get(late!))?.reason?.code).toBe('ALREADY_ADJUSTED');
    const signed = (await deps.store.protocols.get(q.id))!;
    expect(signed.status).toBe('ROUTED');
    // Past the deadline it is not expired, and the resume round completes it.
    const later = { ...deps, clock: { now: () => new Date(Date.parse(signed.deadline!) + 60_000) } };
    expect((await remindRound(later)).expired).toBe(0);
    expect((await deps.store.protocols.get(q.id))?.status).toBe('ADJUSTED');
    expect(adjustedOf(await versions([q.id, late!]))).toHaveLength(1);

    // Dies right after a revision claimed the meeting, before it superseded the version out for signing.
    const [q2, r2] = await meeting('crash-current', ['protokoll.pdf', 'protokoll v2.pdf']);
    const first = (await receiveDraft(deps, { ...q2!, eventTime: new Date(at).toISOString(), sequencer: '01' })) as { id: string };
    await routeProtocol(deps, first.id);
    const revision = { ...r2!, eventTime: new Date(at + 1).toISOString(), sequencer: '02' };
    crashAfter(meetingWrite('#current = :p'));
    await expect(receiveDraft(deps, revision)).rejects.toThrow('the process died');
    restart();
    // The old version's signers sign on: it can no longer be adjusted, and is superseded.
    await signAll(first.id);
    expect((await deps.store.protocols.get(first.id))?.status).toBe('SUPERSEDED');
    // The S3 event is delivered again: the revision goes on from where it stopped.
    const second = await upload(revision);
    const both = await versions([first.id, second!]);
    expect(adjustedOf(both).map((p) => p.id)).toEqual([second]);
  }, 120_000);
});
