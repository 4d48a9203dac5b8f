import { describe, expect, it } from 'vitest';
import type { BodyDirectory, ProtocolRecord } from '../../../shared/domain/records';
import { changedItems } from '../../../shared/flow/revisions';
import { deadlineFor, resolveSigners } from '../../../shared/flow/route-signers';

const directory = (order: BodyDirectory['signingOrder'] = 'parallel'): BodyDirectory => ({
  slug: 'ks',
  name: 'Kommunstyrelsen',
  organisation: 'Exempelby kommun',
  secretary: { name: 'Sara Lindqvist', email: 'sara@example.se' },
  signingOrder: order,
  deadlineDays: 14,
  reminderDays: [3, 7],
  members: [
    { name: 'Anna Berglund', email: 'anna@example.se', role: 'ordförande' },
    { name: 'Erik Åström', email: 'erik@example.se', role: 'ledamot' },
    { name: 'Maria Öberg', email: 'maria@example.se', role: 'ledamot' },
  ],
});

const protocol = (over: Partial<ProtocolRecord> = {}) =>
  ({ id: 'p1', kind: 'protokoll', chair: 'Anna Berglund', adjusters: ['Erik Astrom', 'Maria Öberg (V)'], secretary: 'Sara Lindqvist', date: '2026-11-10', receivedAt: '2026-11-12T10:00:00Z', ...over }) as ProtocolRecord;
const now = new Date('2026-11-12T10:00:00Z');

describe('who signs, in which order', () => {
  it('parallel: chair and adjusters together', () => {
    const r = resolveSigners(protocol(), directory(), now);
    expect(r.problems).toEqual([]);
    expect(r.signers.map((s) => [s.name, s.role, s.step, s.status])).toEqual([
      ['Anna Berglund', 'ordförande', 0, 'pending'],
      ['Erik Åström', 'justerare', 0, 'pending'],
      ['Maria Öberg', 'justerare', 0, 'pending'],
    ]);
  });

  it('sequential: chair, then each adjuster', () => {
    const r = resolveSigners(protocol(), directory('sequential'), now);
    expect(r.signers.map((s) => [s.step, s.status])).toEqual([
      [0, 'pending'],
      [1, 'waiting'],
      [2, 'waiting'],
    ]);
  });

  it('secretary-first: the secretary, then the others together', () => {
    const r = resolveSigners(protocol(), { ...directory('secretary-first'), members: [...directory().members, { name: 'Sara Lindqvist', email: 'sara@example.se', role: 'sekreterare' }] }, now);
    expect(r.signers.map((s) => [s.role, s.step])).toEqual([
      ['sekreterare', 0],
      ['ordförande', 1],
      ['justerare', 1],
      ['justerare', 1],
    ]);
  });

  it('names exactly who is missing, and how to fix it', () => {
    const r = resolveSigners(protocol({ adjusters: ['Olle Okänd'] }), directory(), now);
    expect(r.problems).toEqual(['Olle Okänd (justerare) finns inte i katalogen för Kommunstyrelsen.']);
    expect(r.fixes.join(' ')).toContain('/admin/protocols/p1/route');
  });

  it('a protokoll without an adjuster, or naming nobody, needs attention', () => {
    expect(resolveSigners(protocol({ adjusters: [] }), directory(), now).problems[0]).toContain('ingen justerare');
    expect(resolveSigners(protocol({ chair: null, adjusters: [] }), directory(), now).problems[0]).toContain('varken ordförande eller justerare');
    // Minutes naming nobody are not sent to the directory's chair alone.
    expect(resolveSigners(protocol({ kind: 'minnesanteckningar', chair: null, adjusters: [] }), directory(), now).problems[0]).toContain('varken ordförande eller justerare');
  });
});

describe('no chair in the text', () => {
  it("routes to the directory's ordförande, says so, and marks the signer's origin", () => {
    const r = resolveSigners(protocol({ chair: null }), directory(), now);
    expect(r.problems).toEqual([]);
    expect(r.signers.map((s) => [s.name, s.role, s.origin])).toEqual([
      ['Anna Berglund', 'ordförande', 'directory'],
      ['Erik Åström', 'justerare', 'minutes'],
      ['Maria Öberg', 'justerare', 'minutes'],
    ]);
    expect(r.notes[0]).toBe('Protokollet anger ingen ordförande; länken skickades till katalogens ordförande, Anna Berglund.');
  });

  it('needs attention when the directory has no ordförande, or more than one', () => {
    const none = { ...directory(), members: directory().members.map((m) => ({ ...m, role: 'ledamot' })) };
    expect(resolveSigners(protocol({ chair: null }), none, now).problems[0]).toContain('katalogen har ingen med rollen ordförande');
    const two = { ...directory(), members: [...directory().members, { name: 'Per Persson', email: 'per@example.se', role: 'Ordförande' }] };
    expect(resolveSigners(protocol({ chair: null }), two, now).problems[0]).toContain('flera med rollen ordförande: Anna Berglund, Per Persson');
  });

  it('after a correction, signers get fresh ids and the corrected ones say so', () => {
    const corrections = [{ at: '2026-11-12T11:00:00Z', by: 'secretary' as const, changes: [{ field: 'adjusters' as const, from: [], to: ['Maria Öberg'] }], addedMembers: [] }];
    const r = resolveSigners(protocol({ chair: null, adjusters: ['Maria Öberg'], corrections }), directory(), now);
    expect(r.signers.map((s) => [s.id, s.origin])).toEqual([
      ['c1s1', 'directory'],
      ['c1s2', 'correction'],
    ]);
  });
});

describe('the deadline', () => {
  it('is the statutory days after the meeting, at the end of that day in Stockholm', () => {
    expect(deadlineFor(protocol(), 14, now)).toEqual({ deadline: '2026-11-24T22:59:59.999Z', note: null });
  });

  it('counts from the upload, with a note, when the meeting-based deadline has passed', () => {
    const r = deadlineFor(protocol({ date: '2025-02-14' }), 14, now);
    expect(r.deadline).toBe('2026-11-26T22:59:59.999Z');
    expect(r.note).toContain('2025-02-28');
  });
});

describe('what changed between versions', () => {
  it('lists changed, added and removed paragraphs', () => {
    const item = (number: string, title: string, text: string) => ({ protocolId: 'p', index: 1, number, title, text });
    expect(
      changedItems(
        [item('§ 1', 'Öppnande', 'a'), item('§ 2', 'Budget', 'b'), item('§ 3', 'Övrigt', 'c')],
        [item('§ 1', 'Öppnande', 'a'), item('§ 2', 'Budget', 'B'), item('§ 4', 'Nytt', 'd')],
      ),
    ).toEqual(['§ 2 Budget', '§ 4 Nytt (ny)', '§ 3 Övrigt (borttagen)']);
  });
});
