// The simulator's certificates kept on disk for the local stack: made once,
// read back whole, and still able to serve and sign after a restart.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bankIdClient } from '../../../shared/bankid/client';
import { hmacHasher, Personnummer } from '../../../shared/bankid/personnummer';
import { verifyCompletion } from '../../../shared/bankid/verify';
import { bankIdSimControl } from '../../../infra/local/bankid-sim-control';
import { loadOrCreateSimulatorPki } from '../../../infra/local/bankid-sim-pki';
import { startBankIdSimulator } from '../../../infra/local/bankid-simulator';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('simulator certificates in the data folder', () => {
  it('are made once, even by two first starts at once, with private keys for the owner alone', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'justera-bankid-pki-'));
    dirs.push(parent);
    const dir = path.join(parent, 'bankid-simulator');
    const [a, b] = await Promise.all([loadOrCreateSimulatorPki(dir), loadOrCreateSimulatorPki(dir)]);
    const again = await loadOrCreateSimulatorPki(dir);
    expect(a.rp.certPem).toBe(b.rp.certPem);
    expect(again.signingRoot.certPem).toBe(a.signingRoot.certPem);
    expect((await readdir(parent)).sort()).toEqual(['bankid-simulator']); // no temporary folder left behind
    expect((await stat(path.join(dir, 'rp-key.pem'))).mode & 0o077).toBe(0);
  });

  it('serve and sign after being read back', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'justera-bankid-pki-'));
    dirs.push(parent);
    const dir = path.join(parent, 'bankid-simulator');
    await loadOrCreateSimulatorPki(dir);
    const pki = await loadOrCreateSimulatorPki(dir);
    const sim = await startBankIdSimulator({ pki });
    const client = bankIdClient({ baseUrl: sim.url, credentials: { certPem: pki.rp.certPem, keyPem: pki.rp.keyPem }, caPem: pki.serverCa.certPem });
    try {
      const digest = randomBytes(32);
      const started = await client.sign({ endUserIp: '127.0.0.1', visibleText: 'Justering', nonVisibleData: digest });
      await bankIdSimControl(sim.controlUrl).sign({ autoStartToken: started.autoStartToken }, '198112189876', 'Patrik Stenvard');
      const done = await client.collect(started.orderRef);
      if (done.status !== 'complete') throw new Error('not complete');
      const hasher = hmacHasher(randomBytes(32));
      const verified = await verifyCompletion(done.completionData, {
        visibleText: 'Justering',
        nonVisibleData: digest,
        personnummerHash: await hasher.hash(Personnummer.of('198112189876')),
        hasher,
        anchors: [new Uint8Array(pki.signingRoot.cert.rawData)],
      });
      expect(verified).toMatchObject({ ok: true, name: 'Patrik Stenvard' });
    } finally {
      client.close();
      await sim.close();
    }
  });
});
