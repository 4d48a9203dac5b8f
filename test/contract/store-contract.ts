// What every implementation of the storage port (shared/store.ts) must do:
// the conditional writes the flows rely on for their invariants, and the
// listings the API pages through. Run against the in-memory store in the fast
// lane and against DynamoDB (dynalite) in the full suite, so the fast lane's
// flow tests stand on the same semantics as production.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DecisionRecord, ProtocolEvent } from '../../shared/domain/records';
import { BadCursorError, type Store } from '../../shared/store';
import { protocol, signer } from '../unit/pages/fixtures';

const ev = (at: string, type: ProtocolEvent['type'] = 'routed'): ProtocolEvent => ({ at, type });
const T0 = '2026-03-02T08:00:00.000Z';
const T1 = '2026-03-02T09:00:00.000Z';

export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`storage contract: ${name}`, () => {
    let store: Store;
    /** Ids and bodies unique to one test, so the tests share one table. */
    const fresh = () => randomUUID().replace(/-/g, '').toUpperCase();
    beforeAll(async () => {
      store = await open();
    });

    it('creates a protocol once; a repeated delivery gets false and changes nothing', async () => {
      const id = fresh();
      expect(await store.protocols.create(protocol({ id, status: 'RECEIVED', pending: [] }))).toBe(true);
      expect(await store.protocols.create(protocol({ id, status: 'PARSED', pending: [] }))).toBe(false);
      expect((await store.protocols.get(id))?.status).toBe('RECEIVED');
      expect(await store.protocols.get(fresh())).toBeNull();
    });

    it('moves a protocol only from the named states, appends the event, and honours the corrections guard', async () => {
      const id = fresh();
      await store.protocols.create(protocol({ id, status: 'PARSED', pending: [], events: [] }));
      expect(await store.protocols.transition(id, ['ROUTED'], 'ADJUSTED', {}, ev(T1))).toBeNull();
      expect(await store.protocols.transition(id, ['PARSED'], 'ROUTED', { pending: ['s1'] }, ev(T1), { corrections: 1 })).toBeNull();
      const routed = await store.protocols.transition(id, ['PARSED'], 'ROUTED', { pending: ['s2', 's1'], place: 'Rådhuset' }, ev(T1), { corrections: 0 });
      expect(routed).toMatchObject({ status: 'ROUTED', statusSince: T1, pending: ['s1', 's2'], place: 'Rådhuset' });
      expect(routed?.events.at(-1)).toMatchObject({ at: T1, status: 'ROUTED' });
      expect(await store.protocols.transition(fresh(), ['PARSED'], 'ROUTED', {}, ev(T1))).toBeNull();
    });

    it('completes an adjustment exactly once, only when nobody is pending', async () => {
      const id = fresh();
      await store.protocols.create(protocol({ id, status: 'PARSED', pending: [], events: [] }));
      await store.protocols.transition(id, ['PARSED'], 'ROUTED', { pending: ['s1', 's2'] }, ev(T0));
      expect(await store.protocols.completeAdjustment(id, T1)).toBe(false);
      expect(await store.protocols.removePending(id, 's1')).toEqual({ pending: ['s2'] });
      expect(await store.protocols.removePending(id, 's1')).toBeNull();
      expect(await store.protocols.removePending(id, 's2')).toEqual({ pending: [] });
      const results = await Promise.all([store.protocols.completeAdjustment(id, T1), store.protocols.completeAdjustment(id, T1)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.protocols.get(id)).toMatchObject({ status: 'ADJUSTED', adjustedAt: T1, pending: [] });
    });

    it('leases work to one holder until it expires or is released', async () => {
      const id = fresh();
      await store.protocols.create(protocol({ id, status: 'ADJUSTED', statusSince: T0, pending: [] }));
      const at = new Date(T0);
      expect(await store.protocols.claim(id, 'seal', 'a', at, 60_000)).toBe(true);
      expect(await store.protocols.claim(id, 'seal', 'b', at, 60_000)).toBe(false);
      expect(await store.protocols.claim(id, 'seal', 'a', at, 60_000)).toBe(true);
      expect(await store.protocols.claim(id, 'index', 'b', at, 60_000)).toBe(true);
      expect((await store.protocols.withExpiredLease('ADJUSTED', 'seal', new Date(at.getTime() + 30_000))).map((p) => p.id)).not.toContain(id);
      expect((await store.protocols.withExpiredLease('ADJUSTED', 'seal', new Date(at.getTime() + 61_000))).map((p) => p.id)).toContain(id);
      expect(await store.protocols.claim(id, 'seal', 'b', new Date(at.getTime() + 61_000), 60_000)).toBe(true);
      await store.protocols.release(id, 'seal', 'a');
      expect(await store.protocols.claim(id, 'seal', 'a', new Date(at.getTime() + 62_000), 60_000)).toBe(false);
      await store.protocols.release(id, 'seal', 'b');
      expect(await store.protocols.claim(id, 'seal', 'a', new Date(at.getTime() + 62_000), 60_000)).toBe(true);
      expect(await store.protocols.claim(fresh(), 'seal', 'a', at, 60_000)).toBe(false);
    });

    it('lists a body newest meeting first, filters by state and range, and pages with cursors that fit only their listing', async () => {
      const body = `body-${fresh().toLowerCase()}`;
      const dates = ['2026-01-10', '2026-02-10', '2026-03-10', '2026-04-10', '2026-05-10'];
      for (const [i, date] of dates.entries())
        await store.protocols.create(protocol({ id: `${fresh()}`, body, date, status: i % 2 ? 'PUBLISHED' : 'ROUTED', pending: [] }));
      const walk = async (query: Omit<Parameters<Store['protocols']['list']>[0], 'cursor'>) => {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let n = 0; n < 10; n++) {
          const page = await store.protocols.list({ ...query, cursor });
          seen.push(...page.items.map((p) => p.date!));
          if (!page.next) return seen;
          cursor = page.next;
        }
        throw new Error('cursor never ended');
      };
      expect(await walk({ body, limit: 2 })).toEqual([...dates].reverse());
      expect(await walk({ body, limit: 1, status: 'PUBLISHED' })).toEqual(['2026-04-10', '2026-02-10']);
      expect(await walk({ body, limit: 10, from: '2026-02-01', to: '2026-03-31' })).toEqual(['2026-03-10', '2026-02-10']);
      const first = await store.protocols.list({ body, limit: 2 });
      await expect(store.protocols.list({ body: `${body}-other`, limit: 2, cursor: first.next! })).rejects.toBeInstanceOf(BadCursorError);
      await expect(store.protocols.list({ body, limit: 2, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(BadCursorError);
      expect((await store.protocols.ofMeeting(body, '2026-03-10')).map((p) => p.date)).toEqual(['2026-03-10']);
    });

    it('finds protocols in a state since before a time, oldest first', async () => {
      const ids = [fresh(), fresh()];
      await store.protocols.create(protocol({ id: ids[0], status: 'CHANGES_REQUESTED', statusSince: '2001-01-02T00:00:00.000Z', pending: [] }));
      await store.protocols.create(protocol({ id: ids[1], status: 'CHANGES_REQUESTED', statusSince: '2001-01-01T00:00:00.000Z', pending: [] }));
      const found = (await store.protocols.inStatus('CHANGES_REQUESTED', '2001-01-03')).map((p) => p.id).filter((id) => ids.includes(id));
      expect(found).toEqual([ids[1], ids[0]]);
      expect((await store.protocols.inStatus('CHANGES_REQUESTED', '2001-01-01T12')).map((p) => p.id)).not.toContain(ids[0]);
    });

    it('gives a meeting to the latest upload until one version is adjusted, and never to two', async () => {
      const key = `m-${fresh()}#2026-03-01`;
      expect(await store.meetings.claimCurrent(key, 'A', '0002')).toMatchObject({ won: true, meeting: { current: 'A', members: ['A'] } });
      expect(await store.meetings.claimCurrent(key, 'B', '0001')).toMatchObject({ won: false, meeting: { current: 'A' } });
      expect(await store.meetings.claimCurrent(key, 'A', '0002')).toMatchObject({ won: true });
      expect(await store.meetings.claimCurrent(key, 'C', '0003')).toMatchObject({ won: true, meeting: { current: 'C', members: ['A', 'C'] } });
      expect(await store.meetings.claimAdjusted(key, 'A')).toBe(false);
      const [c, c2] = await Promise.all([store.meetings.claimAdjusted(key, 'C'), store.meetings.claimAdjusted(key, 'C')]);
      expect([c, c2]).toEqual([true, true]);
      expect(await store.meetings.claimCurrent(key, 'D', '0004')).toMatchObject({ won: false, meeting: { adjusted: 'C' } });
      const legacy = `m-${fresh()}#2026-03-01`;
      expect(await store.meetings.claimAdjusted(legacy, 'E')).toBe(true);
      expect(await store.meetings.get(legacy)).toMatchObject({ current: 'E', adjusted: 'E', members: ['E'] });
    });

    it('indexes decisions by body, date and words, and takes a superseded draft out of the index', async () => {
      const body = `body-${fresh().toLowerCase()}`;
      const id = fresh();
      const decision = (index: number, text: string): DecisionRecord => ({
        protocolId: id, body, bodyName: 'Nämnden', date: '2026-02-03', itemIndex: index, itemNumber: String(index), itemTitle: `Ärende ${index}`, index: 0, text, status: 'draft',
      });
      await store.content.putItems([{ protocolId: id, index: 2, number: '2', title: 'Två', text: '' }, { protocolId: id, index: 1, number: '1', title: 'Ett', text: '' }]);
      expect((await store.content.items(id)).map((i) => i.index)).toEqual([1, 2]);
      await store.content.putDecisions([decision(1, 'Nämnden beslutar att godkänna budgeten.'), decision(2, 'Nämnden beslutar att avslå motionen.')]);
      expect((await store.content.queryDecisions({ body, words: ['budget'], limit: 10 })).items.map((d) => d.itemIndex)).toEqual([1]);
      expect((await store.content.queryDecisions({ body, limit: 10 })).items.map((d) => d.itemIndex)).toEqual([2, 1]);
      await store.content.setDecisionStatus(id, 'adjusted');
      expect((await store.content.queryDecisions({ body, status: 'adjusted', limit: 10 })).items).toHaveLength(2);
      await store.content.unindexDecisions(id);
      expect((await store.content.queryDecisions({ body, limit: 10 })).items).toEqual([]);
      expect((await store.content.decisions(id)).map((d) => d.status)).toEqual(['adjusted', 'adjusted']);
    });

    it('lets a signer sign once, with a mailed token, before the link expires — and a withdrawal and a signature never both land', async () => {
      const protocolId = fresh();
      await store.signers.create([signer({ protocolId, id: 's1', status: 'waiting', tokenHashes: ['ignored'], expiresAt: '2026-03-03T00:00:00.000Z' })]);
      expect((await store.signers.get(protocolId, 's1'))?.tokenHashes).toEqual([]);
      const sig = { at: T1, ip: '192.0.2.1', userAgent: 'test', pdfSha256: 'f'.repeat(64) };
      const signed = { at: T1, type: 'signed' as const };
      expect(await store.signers.sign(protocolId, 's1', 'h1', sig, signed)).toBe(false);
      expect(await store.signers.activate(protocolId, 's1')).toBe(true);
      expect(await store.signers.activate(protocolId, 's1')).toBe(false);
      await store.signers.addToken(protocolId, 's1', 'h1', '2026-03-03T00:00:00.000Z');
      expect(await store.signers.findToken('h1')).toEqual({ protocolId, signerId: 's1' });
      expect(await store.signers.sign(protocolId, 's1', 'other', sig, signed)).toBe(false);
      expect(await store.signers.sign(protocolId, 's1', 'h1', sig, { ...signed, at: '2026-03-04T00:00:00.000Z' })).toBe(false);
      const race = await Promise.all([
        store.signers.sign(protocolId, 's1', 'h1', sig, signed),
        store.signers.withdraw(protocolId, 's1', { at: T1, type: 'withdrawn' }),
      ]);
      expect(race.filter(Boolean)).toHaveLength(1);
      expect(await store.signers.sign(protocolId, 's1', 'h1', sig, signed)).toBe(false);
    });

    it('withdraws and reinstates a task, keeps it in the history, and leaves it out of the current signers', async () => {
      const protocolId = fresh();
      await store.signers.create([signer({ protocolId, id: 's2', step: 2, status: 'pending' }), signer({ protocolId, id: 's1', step: 1, status: 'pending' })]);
      expect(await store.signers.withdraw(protocolId, 's1', { at: T1, type: 'withdrawn' })).toBe(true);
      expect(await store.signers.withdraw(protocolId, 's1', { at: T1, type: 'withdrawn' })).toBe(false);
      expect((await store.signers.all(protocolId)).map((s) => s.id)).toEqual(['s2']);
      expect((await store.signers.history(protocolId)).map((s) => s.id)).toEqual(['s1', 's2']);
      await store.signers.reinstate(protocolId, 's1', { at: T1, type: 'reinstated' });
      expect((await store.signers.get(protocolId, 's1'))?.status).toBe('pending');
    });

    it('records the first view in the trail, counts the rest, and each reminder day once', async () => {
      const protocolId = fresh();
      await store.signers.create([signer({ protocolId, id: 's1', events: [], views: 0, firstViewedAt: null, reminders: [] })]);
      await store.signers.recordView(protocolId, 's1', { at: T0, type: 'viewed' });
      await store.signers.recordView(protocolId, 's1', { at: T1, type: 'viewed' });
      expect(await store.signers.get(protocolId, 's1')).toMatchObject({ views: 2, firstViewedAt: T0, events: [{ at: T0, type: 'viewed' }] });
      expect(await store.signers.recordReminder(protocolId, 's1', [3], { at: T1, type: 'reminded' })).toBe(true);
      expect(await store.signers.recordReminder(protocolId, 's1', [3, 5], { at: T1, type: 'reminded' })).toBe(false);
      expect(await store.signers.recordReminder(protocolId, 's1', [5], { at: T1, type: 'reminded' })).toBe(true);
      expect((await store.signers.get(protocolId, 's1'))?.reminders).toEqual([3, 5]);
    });

    it('lets one sender claim a mail, tells the others it is busy or sent, and takes a stale claim over', async () => {
      const key = `mail-${fresh()}`;
      expect(await store.mail.claim(key, T0, 60_000)).toBe('claimed');
      expect(await store.mail.claim(key, T0, 60_000)).toBe('busy');
      expect(await store.mail.claim(key, '2026-03-02T08:02:00.000Z', 60_000)).toBe('claimed');
      await store.mail.release(key);
      expect(await store.mail.claim(key, T1, 60_000)).toBe('claimed');
      await store.mail.markSent(key, T1);
      await store.mail.release(key);
      expect(await store.mail.claim(key, '2026-04-01T00:00:00.000Z', 60_000)).toBe('sent');
    });

    it('keeps bodies, notices, dead letters and secretary links', async () => {
      const slug = `body-${fresh().toLowerCase()}`;
      await store.bodies.put({ slug, name: 'Nämnden', organisation: 'Kommunen', secretary: { name: 'S', email: 's@example.se' }, signingOrder: 'parallel', deadlineDays: 14, reminderDays: [3], members: [] });
      await Promise.all([store.bodies.addMember(slug, { name: 'A', email: 'a@example.se', role: 'ledamot' }, T0), store.bodies.addMember(slug, { name: 'B', email: 'b@example.se', role: 'ledamot' }, T1)]);
      expect((await store.bodies.get(slug))?.members.map((m) => m.name).sort()).toEqual(['A', 'B']);
      expect((await store.bodies.list()).map((b) => b.slug)).toContain(slug);
      await expect(store.bodies.addMember(`${slug}-missing`, { name: 'C', email: 'c@example.se', role: 'ledamot' }, T1)).rejects.toThrow();

      const notice = (protocolId: string, postedOn: string, takeDownOn: string) => ({
        protocolId, body: slug, bodyName: 'Nämnden', meetingDate: '2026-02-01', adjustedOn: postedOn, postedOn, appealEndsOn: takeDownOn, takeDownOn, protocolUrl: 'u', pdfUrl: 'p',
      });
      const [old, recent] = [fresh(), fresh()];
      await store.notices.put(notice(old, '2001-01-01', '2001-01-22'));
      await store.notices.put(notice(recent, '2099-01-01', '2099-01-22'));
      const current = (await store.notices.current('2099-01-05')).map((n) => n.protocolId);
      expect(current).toContain(recent);
      expect(current).not.toContain(old);
      // The take-down day itself is still "up"; the archive has it from the day after.
      expect((await store.notices.current('2099-01-22')).map((n) => n.protocolId)).toContain(recent);
      expect((await store.notices.past('2099-01-22')).map((n) => n.protocolId)).not.toContain(recent);
      const archive = (await store.notices.past('2099-01-23')).map((n) => n.protocolId);
      expect(archive).toEqual(expect.arrayContaining([recent, old]));
      expect(archive.indexOf(recent)).toBeLessThan(archive.indexOf(old));
      expect((await store.notices.past('2099-01-05')).map((n) => n.protocolId)).not.toContain(recent);

      const letter = { id: fresh(), queue: 'parse', at: T0, protocolId: null, attempts: 5, error: 'boom', body: '{}', redrivenAt: null, statusBefore: null };
      await store.deadLetters.put(letter);
      expect((await store.deadLetters.list()).map((l) => l.id)).toContain(letter.id);
      await store.deadLetters.markRedriven(letter, T1);
      expect((await store.deadLetters.list()).map((l) => l.id)).not.toContain(letter.id);
      expect((await store.deadLetters.list(true)).find((l) => l.id === letter.id)?.redrivenAt).toBe(T1);

      const hash = fresh();
      await store.secretaryLinks.put(hash, { protocolId: fresh(), email: 's@example.se', createdAt: T0, expiresAt: T1, firstViewedAt: null, views: 0 });
      expect(await store.secretaryLinks.recordView(hash, T0)).toBe(true);
      expect(await store.secretaryLinks.recordView(hash, T1)).toBe(false);
      expect(await store.secretaryLinks.get(hash)).toMatchObject({ firstViewedAt: T0, views: 2 });
      expect(await store.secretaryLinks.recordView(fresh(), T1)).toBe(false);
    });
  });
}
