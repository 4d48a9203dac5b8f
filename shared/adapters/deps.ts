// Wiring of the adapters from configuration: the same code on AWS and on one
// machine, which differ only in what the environment says.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { loadConfig } from '../config';
import { log, metric } from '../observability';
import { systemClock, type Deps, type Mailer } from '../ports';
import type { Config } from '../config';
import type { SealSigner } from '../seal/types';
import { documentClient, s3Client } from './clients';
import { dynamoStore } from './dynamo';
import { eventBridgeBus, fileQueueBus } from './events';
import { s3Files } from './s3-files';

export interface Wiring {
  /** Only the stamp function holds the seal key; the others must not be able to reach it. */
  sealSigner?: (deps: Deps) => Promise<SealSigner>;
  /**
   * Only the functions that send mail get a mailer (the same ones IAM lets call
   * SES); the others would fail loudly, and their bundles carry no mail code.
   */
  mailer?: (config: Config) => Mailer;
}

const NO_MAIL: Mailer = {
  send: () => Promise.reject(new Error('this function sends no mail')),
};

export function depsFromEnvironment(wiring: Wiring = {}, env: NodeJS.ProcessEnv = process.env): Deps {
  const config = loadConfig(env);
  const s3 = s3Client(config);
  const presigner = config.JUSTERA_S3_PUBLIC_ENDPOINT ? s3Client(config, config.JUSTERA_S3_PUBLIC_ENDPOINT) : s3;
  let signer: Promise<SealSigner> | undefined;
  const deps: Deps = {
    config,
    store: dynamoStore(documentClient(config), config.JUSTERA_TABLE),
    files: s3Files(s3, config.JUSTERA_BUCKET, presigner),
    events: config.JUSTERA_EVENT_BUS
      ? eventBridgeBus(new EventBridgeClient({ region: config.AWS_REGION }), config.JUSTERA_EVENT_BUS)
      : fileQueueBus(config.JUSTERA_QUEUE_DIR ?? '.justera/queues'),
    mailer: wiring.mailer ? wiring.mailer(config) : NO_MAIL,
    clock: systemClock,
    sealSigner: () => {
      if (!wiring.sealSigner) return Promise.reject(new Error('this function has no access to the seal key'));
      signer ??= wiring.sealSigner(deps);
      return signer;
    },
    log,
    metric,
  };
  return deps;
}

const containers = new Map<Wiring, Deps>();
const NONE: Wiring = {};

/** One set of clients per Lambda container (per function when the local stack hosts several in one process). */
export function containerDeps(wiring: Wiring = NONE): Deps {
  if (!containers.has(wiring)) containers.set(wiring, depsFromEnvironment(wiring));
  return containers.get(wiring)!;
}

/** The local runtime starts stacks with a new environment (tests run several in turn). */
export function resetContainers(): void {
  containers.clear();
}
