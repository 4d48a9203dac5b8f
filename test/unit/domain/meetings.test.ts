import { describe, expect, it } from 'vitest';
import { meetingKeyOf, uploadOrderOf } from '../../../shared/domain/meetings';

const upload = (receivedAt: string, sequencer: string | undefined, id: string) => ({ receivedAt, id, source: { bucket: 'b', key: 'drafts/x/p.pdf', eTag: 'e', size: 1, sequencer } });

describe('the order of uploads', () => {
  it('tells apart uploads a millisecond apart in the same second', () => {
    expect(uploadOrderOf(upload('2026-12-03T09:00:00.001Z', undefined, 'a')) > uploadOrderOf(upload('2026-12-03T09:00:00.000Z', undefined, 'z'))).toBe(true);
  });

  it('in the same millisecond, orders by sequencer as numbers, whatever their length', () => {
    const shorter = uploadOrderOf(upload('2026-12-03T09:00:00.000Z', 'FF', 'z'));
    const longer = uploadOrderOf(upload('2026-12-03T09:00:00.000Z', '0100', 'a'));
    expect(longer > shorter).toBe(true);
  });

  it('never ties: the id decides last', () => {
    expect(uploadOrderOf(upload('2026-12-03T09:00:00Z', '01', 'b')) > uploadOrderOf(upload('2026-12-03T09:00:00.000Z', '01', 'a'))).toBe(true);
  });
});

describe('the meeting of a protocol', () => {
  it('is its body and date, or for minutes without a date its own uploaded file', () => {
    const source = { bucket: 'b', key: 'drafts/ks/utan datum.pdf', eTag: 'e', size: 1 };
    expect(meetingKeyOf({ body: 'ks', date: '2026-11-10', source })).toBe('ks#2026-11-10');
    expect(meetingKeyOf({ body: 'ks', date: null, source })).toBe('ks#key:drafts/ks/utan datum.pdf');
  });
});
