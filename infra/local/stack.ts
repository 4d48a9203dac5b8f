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
import { LOCAL_CREDENTIALS, localS3Client } from '../../shared/adapters/clients';
import { s3Files } from '../../shared/adapters/s3-files';
import type { HttpFunction } from '../../shared/api/routes';
import { resetConfig, type LocalConfig } from '../../shared/config';
import type { FileStore } from '../../shared/ports';
import { FUNCTIONS, LOCAL_BACKOFF_MS, QUEUES, functionEnvironment, runtimeEnvironment, type FunctionName, type QueueName } from '../functions';
import { loadOrCreateSimulatorPki } from './bankid-sim-pki';
import { startBankIdSimulator, type RunningBankIdSimulator } from './bankid-simulator';
import { startTsaSimulator } from './tsa-simulator';
import { localDelivery } from './mail';
import { startSesSimulator } from './ses-simulator';
import { captureStdout, printLog } from './console';
import { QueueDispatcher } from './dispatcher';
import { FileQueue } from './file-queue';
import { startGateway } from './gateway';
import { ChildProcessHost, InProcessHost, type FunctionHost } from './hosts';
import { watchOutbox } from './outbox';
import { localPaths } from './paths';
import { registerLocalRuntime } from './runtime';
import { S3Bridge } from './s3-bridge';
import { startSchedules } from './schedules';
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
  /** How often the remind round runs (default SCHEDULES.remind.localEveryMs). */
  remindEveryMs?: number;
  /** Backoff between deliveries (default LOCAL_BACKOFF_MS); tests shorten it. */
  backoffMs?: readonly number[];
  /** Extra environment for the functions (e.g. limits in tests). */
  env?: Record<string, string>;
  /** Run the BankID simulator on loopback and point the sign function at it (its certificates under the data folder). */
  bankId?: boolean;
  /**
   * Run the TSA simulator on loopback and seal with it (PAdES B-LT; its CA under the data folder). Ignored when
   * `env` names a JUSTERA_TSA_URL: the stack then uses that authority.
   */
  tsa?: boolean;
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
  /** The BankID simulator's app controls (`justera bankid-sim`), when it runs. */
  bankIdControlUrl: string | null;
  /** The TSA simulator, when it runs: its time-stamp URL and its CA (the anchor of its CRL and certificates). */
  tsa: { url: string; caCertificate: Uint8Array } | null;
  hosts: Record<FunctionName, FunctionHost>;
  /** True when no queue holds or delivers a message. */
  idle(): Promise<boolean>;
  stop(): Promise<void>;
}

export const BUCKET = 'justera';
export const TABLE_NAME = 'justera';

type Print = (line: string) => void;
type Stop = () => Promise<void> | void;
const clock = () => new Date().toTimeString().slice(0, 8);

function adminTokenFor(dataDir: string, given?: string): string {
  if (given) return given;
  const file = localPaths(dataDir).adminToken;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/** dynalite and s3rver in the data folder, unless the caller runs its own (tests). */
async function startServers(options: StackOptions, dataDir: string, print: Print) {
  const paths = localPaths(dataDir);
  const servers: RunningServer[] = [];
  const dynamo = options.dynamoEndpoint ? null : await startTableServer(paths.dynamodb, print);
  if (dynamo) servers.push(dynamo);
  const s3 = options.s3Endpoint ? null : await startS3rver(paths.s3);
  if (s3) servers.push(s3);
  return { servers, dynamoEndpoint: options.dynamoEndpoint ?? dynamo!.endpoint, s3Endpoint: options.s3Endpoint ?? s3!.endpoint, s3Events: options.s3rver ?? s3?.server };
}

/** The variables of the local runtime, built as the CDK stack builds AWS's (infra/functions.ts). */
function localEnvironment(options: StackOptions, dataDir: string, url: string, endpoints: { dynamoEndpoint: string; s3Endpoint: string }): Record<string, string> {
  return {
    ...runtimeEnvironment({
      runtime: 'local',
      stage: 'local',
      table: TABLE_NAME,
      bucket: BUCKET,
      publicUrl: url,
      logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
      runtimeVariables: {
        JUSTERA_DATA_DIR: dataDir,
        JUSTERA_DYNAMODB_ENDPOINT: endpoints.dynamoEndpoint,
        JUSTERA_S3_ENDPOINT: endpoints.s3Endpoint,
        JUSTERA_MAIL_TRANSPORT: options.mail?.transport ?? 'outbox',
        JUSTERA_SMTP_URL: options.mail?.transport === 'smtp' ? options.mail.url : undefined,
        AWS_REGION: 'eu-north-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        POWERTOOLS_METRICS_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    }),
    ...options.env,
  };
}

/** The simulator, and the variables that point the sign function at it as at BankID (the client cannot tell). */
async function startBankId(dataDir: string): Promise<{ sim: RunningBankIdSimulator; env: Record<string, string> }> {
  const dir = localPaths(dataDir).bankIdSim;
  const sim = await startBankIdSimulator({ pki: await loadOrCreateSimulatorPki(dir) });
  const file = (name: string) => join(dir, name);
  return {
    sim,
    env: {
      JUSTERA_BANKID_URL: sim.url,
      JUSTERA_BANKID_CERT: file('rp.pem'),
      JUSTERA_BANKID_KEY: file('rp-key.pem'),
      JUSTERA_BANKID_CA: file('serverCa.pem'),
      JUSTERA_BANKID_ROOTS: file('signingRoot.pem'),
    },
  };
}

/** Sets the variables for the functions in this process and hands them the local composition root. */
function enterRuntime(env: Record<string, string>): LocalConfig {
  Object.assign(process.env, env);
  resetConfig();
  return registerLocalRuntime();
}

async function prepareStorage(config: LocalConfig): Promise<FileStore> {
  await ensureTable(new DynamoDBClient({ region: config.AWS_REGION, endpoint: config.JUSTERA_DYNAMODB_ENDPOINT, credentials: LOCAL_CREDENTIALS }), TABLE_NAME);
  const s3 = localS3Client(config.JUSTERA_S3_ENDPOINT, config.AWS_REGION);
  await ensureBucket(s3, BUCKET);
  return s3Files(s3, BUCKET);
}

/** Parse and stamp in sandboxes of their own (with their share of the variables), the rest in this process. */
function startHosts(hosts: Record<FunctionName, FunctionHost>, env: Record<string, string>, print: Print): void {
  const all = { ...process.env, ...env } as Record<string, string>;
  for (const [name, spec] of Object.entries(FUNCTIONS) as [FunctionName, (typeof FUNCTIONS)[FunctionName]][])
    hosts[name] = spec.isolated ? new ChildProcessHost(name, spec, functionEnvironment(name, all), (_, line) => printLog(line, print)) : new InProcessHost(name, spec);
}

/** A dispatcher per consumer queue and per dead-letter queue, with the retry policy of QUEUES. */
function startQueues(hosts: Record<FunctionName, FunctionHost>, queuesDir: string, options: StackOptions, print: Print): QueueDispatcher[] {
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
        onError: (queue, message, error) => print(`${clock()} retry  ${queue} message ${message.id.slice(0, 8)} (attempt ${message.attempts}): ${error}`),
      }),
      // The dead-letter queue is drained into the table by the deadletter function; it keeps trying.
      new QueueDispatcher(dlq, hosts.deadletter, { maxReceiveCount: Number.POSITIVE_INFINITY, backoffMs: [2000, 5000, 15000, 30000], concurrency: 1, visibilityMs: 35_000 }),
    );
  }
  dispatchers.forEach((d) => d.start());
  return dispatchers;
}

async function startBridge(files: FileStore, dataDir: string, events: S3rver | undefined, options: StackOptions, print: Print): Promise<S3Bridge> {
  const paths = localPaths(dataDir);
  const bridge = new S3Bridge(files, new FileQueue(paths.queues, 'parse'), paths.bridgeLedger, (error) => print(`bridge error: ${String(error)}`));
  if (events) bridge.attach(events);
  await bridge.sweep({ settleMs: 0 });
  bridge.startSweeping(options.sweepMs ?? 10_000);
  return bridge;
}

function printMail(outboxDir: string, print: Print): Stop {
  mkdirSync(outboxDir, { recursive: true });
  return watchOutbox(outboxDir, (mail) => {
    print(`${clock()} mail   ${mail.to.padEnd(20)} ${mail.subject}`);
    for (const link of mail.links) print(`                link ${link}`);
  });
}

function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((r) => server.close(() => r()));
  server.closeAllConnections();
  return closed;
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const print = options.print ?? ((line: string) => console.log(line));
  const dataDir = resolve(options.dataDir);
  const paths = localPaths(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const fresh = !existsSync(paths.dynamodb) && !options.dynamoEndpoint;
  const adminToken = adminTokenFor(dataDir, options.adminToken ?? process.env.JUSTERA_ADMIN_TOKEN);
  const { servers, s3Events, ...endpoints } = await startServers(options, dataDir, print);

  // The gateway listens first: the functions need the public URL for links.
  const hosts = {} as Record<FunctionName, FunctionHost>;
  const stopCapture = captureStdout(print);
  const { server, port } = await startGateway(
    {
      hosts: new Proxy({} as Record<HttpFunction, FunctionHost>, { get: (_, name: string) => hosts[name as FunctionName] }),
      adminToken,
      outboxDir: paths.outbox,
      onError: (error) => print(`gateway error: ${String(error)}`),
    },
    options.port,
  );
  const url = `http://127.0.0.1:${port}`;
  const bankId = options.bankId ? await startBankId(dataDir) : null;
  const tsa = options.tsa && !options.env?.JUSTERA_TSA_URL ? await startTsaSimulator({ dir: localPaths(dataDir).tsaSim }) : null;
  // One SES simulator for every function of the stack, in-process or sandboxed: they all send to it as to SES.
  const ses = await startSesSimulator(localDelivery(options.mail?.transport === 'smtp' ? options.mail : { transport: 'outbox', dir: paths.outbox }));
  const env = {
    ...localEnvironment(options, dataDir, url, endpoints),
    JUSTERA_SES_ENDPOINT: ses.endpoint,
    ...bankId?.env,
    ...(tsa ? { JUSTERA_TSA_URL: tsa.url } : {}),
  };
  const files = await prepareStorage(enterRuntime(env));
  startHosts(hosts, env, print);
  const dispatchers = startQueues(hosts, paths.queues, options, print);
  const bridge = await startBridge(files, dataDir, s3Events, options, print);
  const stops: Stop[] = [() => bridge.stop(), printMail(paths.outbox, print), startSchedules(hosts, options.remindEveryMs, print)];
  if (bankId) stops.push(() => bankId.sim.close());
  if (tsa) stops.push(() => tsa.close());
  if (fresh && options.samples) await loadSamples({ files, adminToken, url, print });
  const bankIdControlUrl = bankId?.sim.controlUrl ?? null;
  writeFileSync(paths.state, JSON.stringify({ pid: process.pid, url, port, ...endpoints, bucket: BUCKET, table: TABLE_NAME, bankIdControlUrl }, null, 2));

  let stopped = false;
  return {
    url,
    port,
    adminToken,
    dataDir,
    ...endpoints,
    bucket: BUCKET,
    env,
    bankIdControlUrl,
    tsa: tsa && { url: tsa.url, caCertificate: tsa.caCertificate },
    hosts,
    idle: async () => (await Promise.all(dispatchers.map((d) => d.idle()))).every(Boolean),
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const stop of stops) await stop();
      await closeServer(server as Server);
      await Promise.all(dispatchers.map((d) => d.stop()));
      await Promise.all(Object.values(hosts).map((h) => h.close()));
      // After the functions: a send in flight still reaches it.
      await ses.close();
      await Promise.all(servers.map((s) => s.close()));
      stopCapture();
      await rm(paths.state, { force: true });
    },
  };
}
