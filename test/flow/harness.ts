// The flows wired to the in-memory store (held to the storage contract by
// test/contract/), a clock the test moves, and a mailer and event bus that keep
// what they were given: the signing rules tested in milliseconds, no servers.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { hmacHasher } from '../../shared/bankid/personnummer';
import type { DomainEvent } from '../../shared/domain/events';
import type { ProtocolRecord } from '../../shared/domain/records';
import { loadConfig } from '../../shared/config';
import { claimMeeting } from '../../shared/flow/revisions';
import { routeProtocol } from '../../shared/flow/route';
import type { Deps, FileStore, MailMessage } from '../../shared/ports';
import { directory, protocol } from '../unit/pages/fixtures';
import { memoryStore } from '../support/memory-store';

export const BODY = 'samverkansnamnd-mellansverige';
export const CLIENT = { ip: '192.0.2.10', userAgent: 'flow-test' };

/** The body of the pages' fixtures: chair and adjuster of the fixture protocol, and one more member. */
export { directory };

/** The keyed hash of the flow tests: a fresh key per run, as a new data folder would make. */
export const PERSONNUMMERS = hmacHasher(randomBytes(32));

/** The flows here never read files; a flow that starts to would fail loudly instead of passing on nothing. */
const NO_FILES: FileStore = {
  bucket: 'none',
  get: () => Promise.reject(new Error('no files in the flow tests')),
  head: () => Promise.reject(new Error('no files in the flow tests')),
  put: () => Promise.reject(new Error('no files in the flow tests')),
  presignGet: () => Promise.reject(new Error('no files in the flow tests')),
  list: () => {
    throw new Error('no files in the flow tests');
  },
};

export interface Harness {
  deps: Deps;
  mails: MailMessage[];
  events: DomainEvent[];
  /** Moves the clock. */
  at(iso: string): void;
  /** The token of the newest mailed link to this address (signing links only). */
  tokenOf(email: string): string;
}

export function harness(start = '2025-02-17T08:05:00.000Z', jitter?: () => number): Harness {
  let now = new Date(start);
  const mails: MailMessage[] = [];
  const events: DomainEvent[] = [];
  const deps: Deps = {
    // A local runtime's configuration: its servers are never reached, the flows here touch only the store.
    config: loadConfig({
      JUSTERA_RUNTIME: 'local',
      JUSTERA_TABLE: 'justera',
      JUSTERA_BUCKET: 'justera',
      JUSTERA_DATA_DIR: '/nonexistent',
      JUSTERA_DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
      JUSTERA_S3_ENDPOINT: 'http://127.0.0.1:9',
      JUSTERA_PUBLIC_URL: 'https://justera.example.se',
    }),
    store: memoryStore(jitter),
    files: NO_FILES,
    events: { publish: async (e) => void events.push(...e) },
    mailer: { send: async (m) => void mails.push(m) },
    clock: { now: () => new Date(now) },
    sealSigner: () => Promise.reject(new Error('no seal in the flow tests')),
    sealCertificates: () => Promise.reject(new Error('no seal in the flow tests')),
    requeue: () => Promise.reject(new Error('no queues in the flow tests')),
    personnummers: () => Promise.resolve(PERSONNUMMERS),
    bankId: () => Promise.reject(new Error('no BankID in the flow tests')),
    evidence: () => Promise.reject(new Error('no BankID evidence in the flow tests')),
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    metric: () => undefined,
  };
  return {
    deps,
    mails,
    events,
    at: (iso) => (now = new Date(iso)),
    tokenOf(email) {
      const link = mails.filter((m) => m.to === email).flatMap((m) => m.links).filter((l) => l.includes('/sign/')).at(-1);
      if (!link) throw new Error(`no signing link mailed to ${email}`);
      return link.split('/sign/')[1]!;
    },
  };
}

/** A parsed protocol of the body, holding its meeting, sent out by the route flow. */
export async function routed(h: Harness, overrides: Partial<ProtocolRecord> = {}, body = directory()): Promise<ProtocolRecord> {
  await h.deps.store.bodies.put(body);
  const p = protocol({ status: 'PARSED', pending: [], events: [], deadline: null, statusSince: h.deps.clock.now().toISOString(), ...overrides });
  await h.deps.store.protocols.create(p);
  expect((await claimMeeting(h.deps, p)).kind).toBe('current');
  expect(await routeProtocol(h.deps, p.id)).toBe('routed');
  return (await h.deps.store.protocols.get(p.id))!;
}
