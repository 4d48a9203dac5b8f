// The AWS stand-ins on loopback: dynalite for DynamoDB, s3rver for S3, with
// their data on disk so a restart keeps everything.
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import S3rver from 's3rver';
import { TABLE } from '../../shared/adapters/dynamo/table';
import { atomicUploads } from './s3-atomic';

export interface RunningServer {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export async function startDynalite(dir: string | null, port = 0): Promise<RunningServer> {
  if (dir) mkdirSync(dir, { recursive: true });
  const server = dynalite({ ...(dir ? { path: dir } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const TABLE_SERVER = resolve(dirname(fileURLToPath(import.meta.url)), 'table-server.ts');
/** Waits between attempts to start the table server again, while its folder takes no writes. */
const RESTART_MS = [100, 250, 500, 1000, 2000];

/**
 * The stack's own dynalite, in a child process that is started again when it
 * dies (a write error in the data folder ends it): the runtime keeps serving,
 * callers retry, and the tables are back once the folder takes writes. The
 * first start must succeed; later ones are retried until stopped.
 */
export async function startTableServer(dir: string, report: (line: string) => void = () => undefined, port = 0): Promise<RunningServer> {
  mkdirSync(dir, { recursive: true });
  let stopping = false;
  let current: ReturnType<typeof fork> | null = null;

  /** One run of the server: resolves with its port once it serves, then `ended` with why it stopped. */
  const launch = (at: number) => {
    const child = fork(TABLE_SERVER, [dir, String(at)], { execArgv: ['--import', TSX], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    current = child;
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    const ended = new Promise<string>((done) =>
      child.once('exit', (code, signal) => {
        const lines = stderr.trim().split('\n').filter(Boolean);
        done((lines.find((l) => /error/i.test(l)) ?? lines.at(-1))?.trim() || `exited (${signal ?? code})`);
      }),
    );
    const ready = new Promise<number>((ok, fail) => {
      child.once('message', (m: { port: number }) => ok(m.port));
      void ended.then((why) => fail(new Error(why)));
    });
    ready.catch(() => undefined);
    return { ready, ended };
  };

  const first = launch(port);
  const actual = await first.ready;
  void (async () => {
    let why = await first.ended;
    for (let attempt = 0; !stopping; attempt++) {
      if (attempt === 0) report(`table server stopped: ${why}; starting it again`);
      await sleep(RESTART_MS[Math.min(attempt, RESTART_MS.length - 1)]!);
      if (stopping) return;
      const run = launch(actual);
      try {
        await run.ready;
      } catch (error) {
        why = (error as Error).message;
        continue;
      }
      report('table server back');
      why = await run.ended;
      attempt = -1;
    }
  })();

  return {
    endpoint: `http://127.0.0.1:${actual}`,
    port: actual,
    async close() {
      stopping = true;
      const child = current as ReturnType<typeof fork> | null;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    },
  };
}

export interface RunningS3 extends RunningServer {
  server: S3rver;
}

export async function startS3rver(dir: string, port = 0): Promise<RunningS3> {
  mkdirSync(dir, { recursive: true });
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: dir, allowMismatchedSignatures: true });
  atomicUploads(server);
  const address = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    server,
    close: () => server.close(),
  };
}

/** Creates the single table with its indexes unless it exists (the CDK stack defines the same on AWS). */
export async function ensureTable(client: DynamoDBClient, name: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return;
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
  }
  const attributes = new Set<string>([TABLE.partitionKey, TABLE.sortKey, ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE.indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
}

export async function ensureBucket(client: S3Client, name: string): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: name }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  }
}
