// Routing a body that signs with BankID: each signer carries the member's
// keyed hash, a member without one stops routing with a reason, and the box
// alone does not sign for such a signer. (Signing itself, against the BankID
// simulator, is in test/integration/bankid/ and test/e2e/bankid.test.ts.)
import { describe, expect, it } from 'vitest';
import { Personnummer } from '../../shared/bankid/personnummer';
import { claimMeeting } from '../../shared/flow/revisions';
import { routeProtocol } from '../../shared/flow/route';
import { submit } from '../../shared/flow/sign';
import { DRAFT_SHA, protocol } from '../unit/pages/fixtures';
import { CLIENT, PERSONNUMMERS, directory, harness, routed } from './harness';

const CHAIR = 'ordforande@example.se';

async function bankIdDirectory(withHashes: boolean[]) {
  const numbers = ['198112189876', '194011213222'];
  const base = directory();
  const members = await Promise.all(
    base.members.map(async (m, i) => (withHashes[i] ? { ...m, personnummerHash: await PERSONNUMMERS.hash(Personnummer.of(numbers[i]!)) } : m)),
  );
  return directory({ signature: 'bankid', members });
}

describe('a body that signs with BankID', () => {
  it('gives each signer the member’s keyed hash, and refuses the box-only signature', async () => {
    const h = harness();
    const body = await bankIdDirectory([true, true]);
    const p = await routed(h, {}, body);
    const signers = await h.deps.store.signers.all(p.id);
    expect(signers.map((s) => s.personnummerHash).sort()).toEqual(body.members.flatMap((m) => (m.personnummerHash ? [m.personnummerHash] : [])).sort());
    expect(await submit(h.deps, h.tokenOf(CHAIR), { action: 'sign', consent: 'on', sha256: DRAFT_SHA }, CLIENT)).toMatchObject({ status: 400, problem: 'action' });
    expect((await h.deps.store.signers.all(p.id)).every((s) => s.status === 'pending')).toBe(true);
  });

  it('stops routing, with the reason, when a signer’s member has no personnummer', async () => {
    const h = harness();
    await h.deps.store.bodies.put(await bankIdDirectory([true, false]));
    const p = protocol({ status: 'PARSED', pending: [], events: [], deadline: null, statusSince: h.deps.clock.now().toISOString() });
    await h.deps.store.protocols.create(p);
    expect((await claimMeeting(h.deps, p)).kind).toBe('current');
    expect(await routeProtocol(h.deps, p.id)).toBe('attention');
    const stopped = (await h.deps.store.protocols.get(p.id))!;
    expect(stopped.status).toBe('NEEDS_ATTENTION');
    expect(JSON.stringify(stopped.reason)).toContain('saknar personnummer');
    expect(h.mails.filter((m) => m.subject.startsWith('Justering:'))).toEqual([]);
  });

  it('signs with the box as before for a body without BankID', async () => {
    const h = harness();
    const p = await routed(h);
    expect((await h.deps.store.signers.all(p.id)).every((s) => s.personnummerHash === undefined)).toBe(true);
    expect(await submit(h.deps, h.tokenOf(CHAIR), { action: 'sign', consent: 'on', sha256: DRAFT_SHA }, CLIENT)).toMatchObject({ status: 200, done: 'signed' });
  });
});
