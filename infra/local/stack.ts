// The whole pipeline on one machine: the stand-in servers, the same handlers
// as on AWS, the queues between them, the S3 notification bridge, the HTTP
// gateway, the daily round and the mail outbox.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type S3rver from 's3rver';
import { LOCAL_CREDENTIALS, s3Client } from '../../shared/adapters/clients';
import { resetContainers } from '../../shared/adapters/deps';
import { FileQueue } from '../../shared/adapters/file-queue';
import { s3Files } from '../../shared/adapters/s3-files';
import type { HttpFunction } from '../../shared/api/routes';
import { loadConfig, resetConfig } from '../../shared/config';
import { FUNCTIONS, LOCAL_BACKOFF_MS, QUEUES, type FunctionName, type QueueName } from '../functions';
import { captureStdout, printLog } from './console';
import { QueueDispatcher } from './dispatcher';
import { startGateway } from './gateway';
import { ChildProcessHost, InProcessHost, type FunctionHost } from './hosts';
import { watchOutbox } from './outbox';
import { S3Bridge } from './s3-bridge';
import { loadSamples } from './samples';
import { ensureBucket, ensureTable, startS3rver, startTableServer, type RunningServer } from './servers';

export interface StackOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  adminToken?: string;
  samples: boolean;
  /** Use servers started elsewhere (tests) instead of embedding them. */
  dynamoEndpoint?: string;
  s3Endpoint?: string;
  /** The external s3rver, to hear its events (otherwise the sweep finds uploads). */
  s3rver?: S3rver;
  mail?: { transport: 'outbox' } | { transport: 'smtp'; url: string };
  print?: (line: string) => void;
  sweepMs?: number;
  remindEveryMs?: number;
  /** Backoff between deliveries (default LOCAL_BACKOFF_MS); tests shorten it. */
  backoffMs?: readonly number[];
  /** Extra environment for the functions (e.g. limits in tests). */
  env?: Record<string, string>;
}

export interface RunningStack {
  url: string;
  port: number;
  adminToken: string;
  dataDir: string;
  s3Endpoint: string;
  dynamoEndpoint: string;
  bucket: string;
  env: Record<string, string>;
  hosts: Record<FunctionName, FunctionHost>;
  /** True when no queue holds or delivers a message. */
  idle(): Promise<boolean>;
  stop(): Promise<void>;
}

export const BUCKET = 'justera';
export const TABLE_NAME = 'justera';

function adminTokenFor(dataDir: string, given?: string): string {
  if (given) return given;
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const print = options.print ?? ((line: string) => console.log(line));
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const fresh = !existsSync(join(dataDir, 'dynamodb')) && !options.dynamoEndpoint;
  const adminToken = adminTokenFor(dataDir, options.adminToken ?? process.env.JUSTERA_ADMIN_TOKEN);

  const servers: RunningServer[] = [];
  const dynamo = options.dynamoEndpoint ? null : await startTableServer(join(dataDir, 'dynamodb'), print);
  if (dynamo) servers.push(dynamo);
  const s3 = options.s3Endpoint ? null : await startS3rver(join(dataDir, 's3'));
  if (s3) servers.push(s3);
  const dynamoEndpoint = options.dynamoEndpoint ?? dynamo!.endpoint;
  const s3Endpoint = options.s3Endpoint ?? s3!.endpoint;

  // The gateway listens first: the functions need the public URL for links.
  const hosts = {} as Record<FunctionName, FunctionHost>;
  const stopCapture = captureStdout(print);
  const { server, port } = await startGateway(
    {
      hosts: new Proxy({} as Record<HttpFunction, FunctionHost>, { get: (_, name: string) => hosts[name as FunctionName] }),
      adminToken,
      outboxDir: join(dataDir, 'outbox'),
      onError: (error) => print(`gateway error: ${String(error)}`),
    },
    options.port,
  );
  const url = `http://127.0.0.1:${port}`;

  const env: Record<string, string> = {
    JUSTERA_STAGE: 'local',
    JUSTERA_TABLE: TABLE_NAME,
    JUSTERA_BUCKET: BUCKET,
    JUSTERA_PUBLIC_URL: url,
    JUSTERA_DYNAMODB_ENDPOINT: dynamoEndpoint,
    JUSTERA_S3_ENDPOINT: s3Endpoint,
    JUSTERA_QUEUE_DIR: join(dataDir, 'queues'),
    JUSTERA_OUTBOX_DIR: join(dataDir, 'outbox'),
    JUSTERA_SEAL_DIR: join(dataDir, 'seal'),
    JUSTERA_MAIL_TRANSPORT: options.mail?.transport ?? 'outbox',
    ...(options.mail?.transport === 'smtp' ? { JUSTERA_SMTP_URL: options.mail.url } : {}),
    AWS_REGION: 'eu-north-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_SERVICE_NAME: 'justera',
    POWERTOOLS_METRICS_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
    ...options.env,
  };
  Object.assign(process.env, env);
  resetConfig();
  resetContainers();
  const config = loadConfig();
  mkdirSync(env.JUSTERA_OUTBOX_DIR!, { recursive: true });

  await ensureTable(new DynamoDBClient({ region: 'eu-north-1', endpoint: dynamoEndpoint, credentials: LOCAL_CREDENTIALS }), TABLE_NAME);
  const files = s3Files(s3Client(config), BUCKET);
  await ensureBucket(s3Client(config), BUCKET);

  const childEnv = { ...process.env, ...env };
  for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, (typeof FUNCTIONS)[FunctionName]][])
    hosts[name] = spec.isolated ? new ChildProcessHost(name, spec, childEnv, (_, line) => printLog(line, print)) : new InProcessHost(name, spec);

  const queuesDir = env.JUSTERA_QUEUE_DIR!;
  const dispatchers: QueueDispatcher[] = [];
  for (const [name, q] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
    const spec = FUNCTIONS[q.consumer];
    const dlq = new FileQueue(queuesDir, `${name}-dlq`);
    dispatchers.push(
      new QueueDispatcher(new FileQueue(queuesDir, name), hosts[q.consumer], {
        maxReceiveCount: q.maxReceiveCount,
        backoffMs: options.backoffMs ?? LOCAL_BACKOFF_MS,
        concurrency: spec.isolated ? 2 : 8,
        visibilityMs: spec.timeoutSec * 1000 + 5000,
        deadLetter: dlq,
        onError: (queue, message, error) => print(`${new Date().toTimeString().slice(0, 8)} retry  ${queue} message ${message.id.slice(0, 8)} (attempt ${message.attempts}): ${error}`),
      }),
      // The dead-letter queue is drained into the table by the deadletter function; it keeps trying.
      new QueueDispatcher(dlq, hosts.deadletter, { maxReceiveCount: Number.POSITIVE_INFINITY, backoffMs: [2000, 5000, 15000, 30000], concurrency: 1, visibilityMs: 35_000 }),
    );
  }
  dispatchers.forEach((d) => d.start());

  const bridge = new S3Bridge(files, new FileQueue(queuesDir, 'parse'), join(dataDir, 'bridge-seen.json'), (error) => print(`bridge error: ${String(error)}`));
  const externalEvents = options.s3rver ?? s3?.server;
  if (externalEvents) bridge.attach(externalEvents);
  await bridge.sweep({ settleMs: 0 });
  bridge.startSweeping(options.sweepMs ?? 10_000);

  const stopOutbox = watchOutbox(env.JUSTERA_OUTBOX_DIR!, (mail) => {
    print(`${new Date().toTimeString().slice(0, 8)} mail   ${mail.to.padEnd(20)} ${mail.subject}`);
    for (const link of mail.links) print(`                link ${link}`);
  });

  const schedule = (task: object) => () => void hosts.remind.invoke(task).catch((error) => print(`remind error: ${String(error)}`));
  const remindTimer = setInterval(schedule({ task: 'remind' }), options.remindEveryMs ?? 10 * 60_000);
  const resumeTimer = setInterval(schedule({ task: 'resume' }), 30_000);
  // After a crash, whatever sat between two steps goes on now (queued events are harmless duplicates).
  schedule({ task: 'resume', stuckAfterMs: 0 })();

  if (fresh && options.samples) await loadSamples({ files, adminToken, url, print });

  const stateFile = join(dataDir, 'stack.json');
  writeFileSync(stateFile, JSON.stringify({ pid: process.pid, url, port, s3Endpoint, dynamoEndpoint, bucket: BUCKET, table: TABLE_NAME }, null, 2));

  let stopped = false;
  return {
    url,
    port,
    adminToken,
    dataDir,
    s3Endpoint,
    dynamoEndpoint,
    bucket: BUCKET,
    env,
    hosts,
    async idle() {
      const states = await Promise.all(dispatchers.map((d) => d.idle()));
      return states.every(Boolean);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(remindTimer);
      clearInterval(resumeTimer);
      bridge.stop();
      stopOutbox();
      const closed = new Promise<void>((r) => (server as Server).close(() => r()));
      (server as Server).closeAllConnections();
      await closed;
      await Promise.all(dispatchers.map((d) => d.stop()));
      await Promise.all(Object.values(hosts).map((h) => h.close()));
      await Promise.all(servers.map((s) => s.close()));
      stopCapture();
      await rm(stateFile, { force: true });
    },
  };
}
