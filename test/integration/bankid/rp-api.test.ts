// The BankID client against the simulator over mutual TLS on a loopback
// port: real HTTPS, real certificates, real XML signatures. The simulator's
// control port plays the user's app and moves its clock, so nothing waits.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankIdClient } from '../../../shared/bankid/client';
import { BankIdError, BankIdUnreachable } from '../../../shared/bankid/errors';
import { collectMessage } from '../../../shared/bankid/messages';
import { hmacHasher, Personnummer } from '../../../shared/bankid/personnummer';
import { qrData, qrSeconds } from '../../../shared/bankid/qr';
import type { CollectResponse, CompletionData } from '../../../shared/bankid/schemas';
import type { BankIdRp, SignOrder } from '../../../shared/bankid/types';
import { verifyCompletion } from '../../../shared/bankid/verify';
import { visibleText } from '../../../shared/bankid/visible-data';
import { bankIdSimControl, type SimControl } from '../../../infra/local/bankid-sim-control';
import { goodOcspResponse } from '../../../infra/local/bankid-sim-ocsp';
import { foreignRpCertificate, issueSignerCertificate } from '../../../infra/local/bankid-sim-pki';
import { startBankIdSimulator, type RunningBankIdSimulator } from '../../../infra/local/bankid-simulator';

const SIGNER = '198112189876';
const OTHER = '194011213222';

let sim: RunningBankIdSimulator;
let client: BankIdRp & { close(): void };
const hasher = hmacHasher(randomBytes(32));

let app: SimControl;

const pdf = randomBytes(1000);
const digest = createHash('sha256').update(pdf).digest();
function order(extra: Partial<SignOrder> = {}): SignOrder {
  return {
    endUserIp: '192.0.2.10',
    visibleText: visibleText({ body: 'Kommunstyrelsen', meetingDate: '2026-11-30', paragraphs: { first: '101', last: '117' }, sha256: digest }),
    nonVisibleData: digest,
    ...extra,
  };
}

const clientFor = (credentials: { certPem: string; keyPem: string }, caPem = sim.pki.serverCa.certPem) =>
  bankIdClient({ baseUrl: sim.url, credentials, caPem, retryDelayMs: 0 });

async function errorOf(promise: Promise<unknown>): Promise<BankIdError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BankIdError);
  return error as BankIdError;
}

beforeAll(async () => {
  sim = await startBankIdSimulator();
  app = bankIdSimControl(sim.controlUrl);
  client = clientFor({ certPem: sim.pki.rp.certPem, keyPem: sim.pki.rp.keyPem });
});
afterAll(async () => {
  client?.close();
  await sim?.close();
});

describe('signing with BankID against the simulator', () => {
  it('signs: outstanding, started, userSign, complete, with a signature that verifies for the invited signer', async () => {
    const started = await client.sign(order());
    expect(started).toEqual({ orderRef: expect.any(String), autoStartToken: expect.any(String), qrStartToken: expect.any(String), qrStartSecret: expect.any(String) });

    const seen: CollectResponse[] = [await client.collect(started.orderRef)];
    await app.open({ autoStartToken: started.autoStartToken });
    seen.push(await client.collect(started.orderRef));
    await app.identify(started.orderRef, SIGNER, 'Helena Proos');
    seen.push(await client.collect(started.orderRef));
    await app.confirm(started.orderRef);
    const done = await client.collect(started.orderRef);

    expect(seen.map((s) => ('hintCode' in s ? s.hintCode : s.status))).toEqual(['outstandingTransaction', 'started', 'userSign']);
    expect(seen.map((s) => collectMessage(s.status, 'hintCode' in s ? s.hintCode : undefined, { flow: 'autostart' }))).toEqual(['RFA13', 'RFA15B', 'RFA9']);
    if (done.status !== 'complete') throw new Error(`expected complete, got ${JSON.stringify(done)}`);
    expect(done.completionData.user).toEqual({ personalNumber: SIGNER, name: 'Helena Proos', givenName: 'Helena', surname: 'Proos' });
    expect(Buffer.from(done.completionData.ocspResponse, 'base64')[0]).toBe(0x30); // a DER OCSP response

    const verified = await verifyCompletion(done.completionData, {
      visibleText: order().visibleText,
      nonVisibleData: digest,
      personnummerHash: await hasher.hash(Personnummer.of(SIGNER)),
      hasher,
      anchors: [new Uint8Array(sim.pki.signingRoot.cert.rawData)],
    });
    expect(verified).toMatchObject({ ok: true, name: 'Helena Proos', signatureSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // An ended order is collected once; after that BankID no longer knows it.
    expect((await errorOf(client.collect(started.orderRef))).errorCode).toBe('invalidParameters');
  });

  it('opens an order from the animated QR code of the current second, and not from a made-up one', async () => {
    const started = await client.sign(order());
    const t0 = Date.now();
    const forged = `bankid.${started.qrStartToken}.0.${'0'.repeat(64)}`;
    await expect(app.open({ qrData: forged })).rejects.toMatchObject({ status: 404 });
    const seconds = qrSeconds(new Date(t0), new Date());
    await app.open({ qrData: qrData(started.qrStartToken, started.qrStartSecret, seconds) });
    const state = await client.collect(started.orderRef);
    expect(state).toMatchObject({ status: 'pending', hintCode: 'started' });
    await client.cancel(started.orderRef);
  });

  it('the user cancels in the app: failed, userCancel, RFA6', async () => {
    const started = await client.sign(order());
    const { orderRef } = await app.open({ autoStartToken: started.autoStartToken });
    await app.cancel(orderRef);
    const state = await client.collect(started.orderRef);
    expect(state).toEqual({ orderRef: started.orderRef, status: 'failed', hintCode: 'userCancel' });
    expect(collectMessage(state.status, 'userCancel', { flow: 'qr' })).toBe('RFA6');
  });

  it('the relying party cancels: the order is gone, and cannot be cancelled twice', async () => {
    const started = await client.sign(order());
    await client.cancel(started.orderRef);
    expect((await errorOf(client.collect(started.orderRef))).errorCode).toBe('invalidParameters');
    const twice = await errorOf(client.cancel(started.orderRef));
    expect([twice.errorCode, twice.httpStatus, twice.userMessage]).toEqual(['invalidParameters', 400, null]);
  });

  it('an order nobody opens within 30 s fails with startFailed; one not signed within 3 minutes with expiredTransaction', async () => {
    const unopened = await client.sign(order());
    const opened = await client.sign(order());
    await app.open({ autoStartToken: opened.autoStartToken });
    await app.advance(31);
    const first = await client.collect(unopened.orderRef);
    expect(first).toMatchObject({ status: 'failed', hintCode: 'startFailed' });
    expect(collectMessage('failed', 'startFailed', { flow: 'qr' })).toBe('RFA17B');
    expect(await client.collect(opened.orderRef)).toMatchObject({ status: 'pending', hintCode: 'started' });
    await app.advance(150);
    const second = await client.collect(opened.orderRef);
    expect(second).toMatchObject({ status: 'failed', hintCode: 'expiredTransaction' });
    expect(collectMessage('failed', 'expiredTransaction', { flow: 'autostart' })).toBe('RFA8');
  });

  it('takes shorter timeouts when given: an order ends at the configured lifetime, not at BankID’s three minutes', async () => {
    const quick = await startBankIdSimulator({ pki: sim.pki, timeouts: { startWindowSeconds: 5, lifetimeSeconds: 20 } });
    const quickClient = bankIdClient({ baseUrl: quick.url, credentials: { certPem: sim.pki.rp.certPem, keyPem: sim.pki.rp.keyPem }, caPem: sim.pki.serverCa.certPem, retryDelayMs: 0 });
    const quickApp = bankIdSimControl(quick.controlUrl);
    try {
      const unopened = await quickClient.sign(order());
      const opened = await quickClient.sign(order());
      await quickApp.open({ autoStartToken: opened.autoStartToken });
      await quickApp.advance(6);
      expect(await quickClient.collect(unopened.orderRef)).toMatchObject({ status: 'failed', hintCode: 'startFailed' });
      expect(await quickClient.collect(opened.orderRef)).toMatchObject({ status: 'pending', hintCode: 'started' });
      await quickApp.advance(15);
      expect(await quickClient.collect(opened.orderRef)).toMatchObject({ status: 'failed', hintCode: 'expiredTransaction' });
    } finally {
      quickClient.close();
      await quick.close();
    }
  });

  it('a second order for the same personnummer: alreadyInProgress (RFA4), and the first one is cancelled (RFA3)', async () => {
    const first = await client.sign(order({ personnummer: Personnummer.of(SIGNER) }));
    const error = await errorOf(client.sign(order({ personnummer: Personnummer.of(SIGNER) })));
    expect([error.errorCode, error.httpStatus, error.userMessage]).toEqual(['alreadyInProgress', 400, 'RFA4']);
    const state = await client.collect(first.orderRef);
    expect(state).toMatchObject({ status: 'failed', hintCode: 'cancelled' });
    expect(collectMessage('failed', 'cancelled', { flow: 'qr' })).toBe('RFA3');
    // Someone else is not held up by it.
    const other = await client.sign(order({ personnummer: Personnummer.of(OTHER) }));
    await client.cancel(other.orderRef);
  });

  it('an order for one personnummer cannot be signed with another BankID', async () => {
    const started = await client.sign(order({ personnummer: Personnummer.of(SIGNER) }));
    const { orderRef } = await app.open({ autoStartToken: started.autoStartToken });
    await expect(app.identify(orderRef, OTHER, 'Someone Else')).rejects.toMatchObject({ status: 409 });
    await client.cancel(started.orderRef);
  });

  it('refuses a bad request as invalidParameters, which is ours to explain, not a BankID message', async () => {
    const error = await errorOf(client.sign(order({ endUserIp: 'not-an-ip' })));
    expect([error.errorCode, error.userMessage]).toEqual(['invalidParameters', null]);
  });

  it('refuses a text or digest over BankID’s limits before sending it', async () => {
    await app.outage('internalError'); // were anything sent, this would answer it
    const long = await errorOf(client.sign(order({ visibleText: 'å'.repeat(15_001) })));
    expect([long.errorCode, long.httpStatus, long.userMessage]).toEqual(['invalidParameters', 0, null]);
    const empty = await errorOf(client.sign(order({ nonVisibleData: new Uint8Array(0) })));
    expect(empty.errorCode).toBe('invalidParameters');
    await app.outage('internalError', 0);
  });

  it('retries maintenance as BankID allows, but not internalError', async () => {
    await app.outage('maintenance', 2);
    const started = await client.sign(order());
    await client.cancel(started.orderRef);

    await app.outage('maintenance', 3);
    const tooLong = await errorOf(client.sign(order()));
    expect([tooLong.errorCode, tooLong.httpStatus, tooLong.userMessage]).toEqual(['maintenance', 503, 'RFA5']);

    await app.outage('internalError');
    const internal = await errorOf(client.sign(order()));
    expect([internal.errorCode, internal.retryable, internal.userMessage]).toEqual(['internalError', false, 'RFA5']);
    const after = await client.sign(order()); // the fault was one answer; nothing was retried into it
    await client.cancel(after.orderRef);
  });

  it('takes the RP certificate as PKCS#12, the form BankID hands it out in', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'justera-bankid-p12-'));
    try {
      writeFileSync(path.join(dir, 'rp.pem'), `${sim.pki.rp.certPem}\n${sim.pki.rp.keyPem}\n`);
      execFileSync('openssl', ['pkcs12', '-export', '-in', 'rp.pem', '-out', 'rp.p12', '-passout', 'pass:qwerty123'], { cwd: dir });
      const pfxClient = bankIdClient({ baseUrl: sim.url, credentials: { pfx: readFileSync(path.join(dir, 'rp.p12')), passphrase: 'qwerty123' }, caPem: sim.pki.serverCa.certPem });
      const started = await pfxClient.sign(order());
      await pfxClient.cancel(started.orderRef);
      pfxClient.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a relying party whose certificate BankID did not issue, and a server the client does not trust', async () => {
    const stranger = await foreignRpCertificate();
    const wrongRp = clientFor({ certPem: stranger.certPem, keyPem: stranger.keyPem });
    await expect(wrongRp.sign(order())).rejects.toBeInstanceOf(BankIdUnreachable);
    wrongRp.close();

    const doubting = clientFor({ certPem: sim.pki.rp.certPem, keyPem: sim.pki.rp.keyPem }, stranger.certPem);
    await expect(doubting.sign(order())).rejects.toThrow(/not reachable.*certificate/i);
    doubting.close();
  });
});

describe('the simulator answers calls our client never makes as BankID does', () => {
  function raw(method: string, path: string, contentType: string, body: string): Promise<{ status: number; json: unknown }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        new URL(`${sim.url}${path}`),
        { method, headers: { 'Content-Type': contentType }, cert: sim.pki.rp.certPem, key: sim.pki.rp.keyPem, ca: sim.pki.serverCa.certPem },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as unknown) : text });
          });
        },
      );
      req.on('error', reject);
      req.end(body || undefined);
    });
  }

  it.each([
    ['GET', '/collect', 'application/json', '', 405, 'methodNotAllowed'],
    ['POST', '/auth/unknown', 'application/json', '{}', 404, 'notFound'],
    ['POST', '/collect', 'application/json; charset=UTF-8', '{"orderRef":"x"}', 415, 'unsupportedMediaType'],
    ['POST', '/collect', 'application/json', '{orderRef', 400, 'invalidParameters'],
    ['POST', '/sign', 'application/json', '{"endUserIp":"192.0.2.1","userVisibleData":"not base64!"}', 400, 'invalidParameters'],
  ])('%s %s (%s, body %j) → %i %s', async (method, path, contentType, body, status, errorCode) => {
    expect(await raw(method, path, contentType, body)).toEqual({ status, json: { errorCode, details: expect.any(String) } });
  });
});

describe('verifying completionData', () => {
  let completion: CompletionData;
  const expected = async (over: Partial<Parameters<typeof verifyCompletion>[1]> = {}) => ({
    visibleText: order().visibleText,
    nonVisibleData: digest,
    personnummerHash: await hasher.hash(Personnummer.of(SIGNER)),
    hasher,
    anchors: [new Uint8Array(sim.pki.signingRoot.cert.rawData)],
    ...over,
  });

  beforeAll(async () => {
    const started = await client.sign(order());
    await app.sign({ autoStartToken: started.autoStartToken }, SIGNER, 'Helena Proos');
    const done = await client.collect(started.orderRef);
    if (done.status !== 'complete') throw new Error('not complete');
    completion = done.completionData;
  });

  const xml = () => Buffer.from(completion.signature, 'base64').toString('utf8');
  const withXml = (text: string): CompletionData => ({ ...completion, signature: Buffer.from(text, 'utf8').toString('base64') });

  it('accepts the untouched signature', async () => {
    expect((await verifyCompletion(completion, await expected())).ok).toBe(true);
  });

  it('refuses signed data changed after signing', async () => {
    const otherDigest = Buffer.from(createHash('sha256').update('another pdf').digest()).toString('base64');
    const tampered = xml().replace(/<usrNonVisibleData>[^<]*</, `<usrNonVisibleData>${otherDigest}<`);
    expect(tampered).not.toBe(xml());
    expect(await verifyCompletion(withXml(tampered), await expected({ nonVisibleData: Buffer.from(otherDigest, 'base64') }))).toMatchObject({ ok: false, problem: 'signature' });
  });

  it('refuses a valid signature over another document or text', async () => {
    expect(await verifyCompletion(completion, await expected({ nonVisibleData: randomBytes(32) }))).toMatchObject({ ok: false, problem: 'other-data' });
    expect(await verifyCompletion(completion, await expected({ visibleText: 'Något annat' }))).toMatchObject({ ok: false, problem: 'other-data' });
  });

  it('refuses a signature by someone other than the invited signer, or one whose reported person differs from the certificate', async () => {
    expect(await verifyCompletion(completion, await expected({ personnummerHash: await hasher.hash(Personnummer.of(OTHER)) }))).toMatchObject({
      ok: false,
      problem: 'other-person',
    });
    const swapped = { ...completion, user: { ...completion.user, personalNumber: OTHER } };
    expect(await verifyCompletion(swapped, await expected())).toMatchObject({ ok: false, problem: 'other-person' });
  });

  it('refuses a signature whose certificate does not chain to the configured BankID root', async () => {
    const stranger = await foreignRpCertificate();
    expect(await verifyCompletion(completion, await expected({ anchors: [new Uint8Array(stranger.cert.rawData)] }))).toMatchObject({
      ok: false,
      problem: 'untrusted',
    });
  });

  it('refuses an OCSP response that is broken or about another certificate', async () => {
    const ocsp = Buffer.from(completion.ocspResponse, 'base64');
    // producedAt, a GeneralizedTime in the signed response data (certificates before 2050 carry two-digit years).
    const year = ocsp.indexOf(Buffer.from(String(new Date().getUTCFullYear())));
    expect(year).toBeGreaterThan(0);
    ocsp[year + 3] = (ocsp[year + 3] ?? 0) ^ 0x01; // another year: no longer what the responder signed
    expect(await verifyCompletion({ ...completion, ocspResponse: ocsp.toString('base64') }, await expected())).toMatchObject({ ok: false, problem: 'revocation' });

    const someoneElse = await issueSignerCertificate(sim.pki, OTHER, 'Someone Else');
    const aboutThem = Buffer.from(await goodOcspResponse(someoneElse, sim.pki.bankCa, new Date())).toString('base64');
    expect(await verifyCompletion({ ...completion, ocspResponse: aboutThem }, await expected())).toMatchObject({
      ok: false,
      problem: 'revocation',
      reason: expect.stringMatching(/another certificate/),
    });
  });

  it('refuses what is not an XML signature', async () => {
    expect(await verifyCompletion(withXml('<not-a-signature/>'), await expected())).toMatchObject({ ok: false, problem: 'malformed' });
  });
});
