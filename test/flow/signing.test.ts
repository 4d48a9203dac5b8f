// The signing rules on the in-memory store: who is invited when, what a link
// lets its holder do, and that a protocol is adjusted exactly once however the
// signatures interleave. The same rules run end to end in test/integration.
import { describe, expect, it } from 'vitest';
import { random } from '../../bench/lib/generate';
import { submit } from '../../shared/flow/sign';
import { remindRound } from '../../shared/flow/remind';
import { DRAFT_SHA } from '../unit/pages/fixtures';
import { CLIENT, directory, harness, routed } from './harness';

const CHAIR = 'ordforande@example.se';
const ADJUSTER = 'justerare@example.se';
const SECRETARY = 'sekreterare@example.se';
const sign = { action: 'sign', consent: 'on', sha256: DRAFT_SHA };

describe('parallel signing', () => {
  it('invites chair and adjuster at once; both signatures adjust the protocol once', async () => {
    const h = harness();
    const p = await routed(h);
    expect(p.status).toBe('ROUTED');
    expect(h.mails.filter((m) => m.subject.startsWith('Justering:')).map((m) => m.to).sort()).toEqual([ADJUSTER, CHAIR]);
    const first = await submit(h.deps, h.tokenOf(CHAIR), sign, CLIENT);
    expect(first).toMatchObject({ status: 200, done: 'signed', adjusted: false });
    const second = await submit(h.deps, h.tokenOf(ADJUSTER), sign, CLIENT);
    expect(second).toMatchObject({ status: 200, done: 'signed', adjusted: true });
    expect(h.events).toEqual([{ type: 'ProtocolAdjusted', detail: { protocolId: p.id } }]);
    expect(await submit(h.deps, h.tokenOf(CHAIR), sign, CLIENT)).toMatchObject({ status: 409 });
  });

  it('is adjusted exactly once whatever order concurrent signatures land in (200 interleavings)', async () => {
    const rnd = random(20261203);
    for (let round = 0; round < 200; round++) {
      const members = Array.from({ length: 2 + Math.floor(rnd() * 4) }, (_, i) => ({ name: `Ledamot ${String.fromCharCode(65 + i)} Test`, email: `l${i}@example.se`, role: i === 0 ? 'ordförande' : 'ledamot' }));
      const h = harness(undefined, rnd);
      const p = await routed(h, { chair: members[0]!.name, adjusters: members.slice(1).map((m) => m.name) }, directory({ members }));
      // Every signer twice (two tabs), in a shuffled order, all in flight together.
      const attempts = [...members, ...members].map((m) => ({ m, key: rnd() })).sort((a, b) => a.key - b.key);
      const results = await Promise.all(attempts.map(({ m }) => submit(h.deps, h.tokenOf(m.email), sign, CLIENT)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(members.length);
      expect(results.filter((r) => r.status === 200 && 'adjusted' in r && r.adjusted)).toHaveLength(1);
      expect(h.events.filter((e) => e.type === 'ProtocolAdjusted')).toHaveLength(1);
      expect((await h.deps.store.protocols.get(p.id))?.status).toBe('ADJUSTED');
    }
  });
});

describe('what a link lets its holder do', () => {
  it('asks for consent and for the PDF the signer was shown', async () => {
    const h = harness();
    await routed(h);
    expect(await submit(h.deps, h.tokenOf(CHAIR), { action: 'sign', sha256: DRAFT_SHA }, CLIENT)).toMatchObject({ status: 400, problem: 'consent' });
    expect(await submit(h.deps, h.tokenOf(CHAIR), { ...sign, sha256: '0'.repeat(64) }, CLIENT)).toMatchObject({ status: 409 });
    expect(await submit(h.deps, 'x'.repeat(43), sign, CLIENT)).toEqual({ status: 404 });
  });

  it('a change request pauses signing, tells the secretary, and the other link can no longer sign', async () => {
    const h = harness();
    const p = await routed(h);
    const asked = await submit(h.deps, h.tokenOf(ADJUSTER), { action: 'request-changes', comment: '§ 3 saknar beslutet.' }, CLIENT);
    expect(asked).toMatchObject({ status: 200, done: 'changes-requested' });
    const stored = await h.deps.store.protocols.get(p.id);
    expect(stored).toMatchObject({ status: 'CHANGES_REQUESTED', reason: { code: 'CHANGES_REQUESTED' } });
    // The reason is public; the comment is not in it.
    expect(JSON.stringify(stored?.reason)).not.toContain('saknar beslutet');
    expect(h.mails.filter((m) => m.to === SECRETARY).at(-1)?.text).toContain('§ 3 saknar beslutet.');
    expect(await submit(h.deps, h.tokenOf(CHAIR), sign, CLIENT)).toMatchObject({ status: 409 });
  });

  it('a change request names what it concerns in the public reason and the paused mail, never the comment', async () => {
    const h = harness();
    const p = await routed(h);
    await submit(h.deps, h.tokenOf(CHAIR), sign, CLIENT);
    const asked = await submit(h.deps, h.tokenOf(ADJUSTER), { action: 'request-changes', topic: 'decision', comment: '§ 3 saknar beslutet.' }, CLIENT);
    expect(asked).toMatchObject({ status: 200, done: 'changes-requested' });
    const reason = (await h.deps.store.protocols.get(p.id))?.reason;
    expect(reason?.sv).toBe('Patrik Stenvard (justerare) begärde en ändring av ett beslut. Kommentaren har skickats till sekreteraren.');
    expect(reason?.en).toContain('requested a change to a decision.');
    const paused = h.mails.filter((m) => m.to === CHAIR).at(-1)!;
    expect(paused.text).toContain('begärde en ändring av ett beslut');
    expect(paused.text).not.toContain('saknar beslutet');
  });

  it('refuses a topic not on the list, and records nothing', async () => {
    const h = harness();
    const p = await routed(h);
    const asked = await submit(h.deps, h.tokenOf(ADJUSTER), { action: 'request-changes', topic: 'budget<script>', comment: 'Fel.' }, CLIENT);
    expect(asked).toMatchObject({ status: 400, problem: 'action' });
    expect((await h.deps.store.protocols.get(p.id))?.status).toBe('ROUTED');
    // "Something else", as the page preselects it, is a change request without a topic in the reason.
    expect(await submit(h.deps, h.tokenOf(ADJUSTER), { action: 'request-changes', topic: 'other', comment: 'Fel.' }, CLIENT)).toMatchObject({ status: 200 });
    expect((await h.deps.store.protocols.get(p.id))?.reason?.sv).toBe('Patrik Stenvard (justerare) begärde en ändring. Kommentaren har skickats till sekreteraren.');
  });

  it('a link is dead after the deadline (410)', async () => {
    const h = harness();
    await routed(h);
    h.at('2025-03-20T08:00:00.000Z');
    expect(await submit(h.deps, h.tokenOf(CHAIR), sign, CLIENT)).toMatchObject({ status: 410 });
  });
});

describe('signing orders', () => {
  it('secretary first: the others are invited once the secretary has signed', async () => {
    const h = harness();
    const members = [...directory().members, { name: 'Eva-Lena Aspetorp', email: SECRETARY, role: 'sekreterare' }];
    await routed(h, {}, directory({ signingOrder: 'secretary-first', members }));
    const invited = () => h.mails.filter((m) => m.subject.startsWith('Justering:')).map((m) => m.to).sort();
    expect(invited()).toEqual([SECRETARY]);
    expect(await submit(h.deps, h.tokenOf(SECRETARY), sign, CLIENT)).toMatchObject({ status: 200, adjusted: false });
    expect(invited()).toEqual([ADJUSTER, CHAIR, SECRETARY]);
  });
});

describe('the daily round', () => {
  it('reminds each waiting signer once per schedule day, and expires the protocol at its deadline', async () => {
    const h = harness();
    const p = await routed(h);
    await submit(h.deps, h.tokenOf(CHAIR), sign, CLIENT);
    const reminders = () => h.mails.filter((m) => m.to === ADJUSTER).length - 1;
    h.at('2025-02-20T09:00:00.000Z');
    expect((await remindRound(h.deps)).reminded).toBe(1);
    expect((await remindRound(h.deps)).reminded).toBe(0);
    expect(reminders()).toBe(1);
    h.at('2025-03-10T09:00:00.000Z');
    expect((await remindRound(h.deps)).expired).toBe(1);
    expect((await h.deps.store.protocols.get(p.id))?.status).toBe('EXPIRED');
    expect(h.mails.filter((m) => m.to === SECRETARY).length).toBeGreaterThan(0);
  });
});
