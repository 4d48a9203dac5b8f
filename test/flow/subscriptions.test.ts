// The rules of a subscription, in memory: a confirmation link works once and
// only for 48 hours, the sealed address opens only with its token and body,
// a notice is mailed once per subscriber however often publish retries, an
// old unsubscribe link does not end a later subscription, and the hourly limits.
import { describe, expect, it } from 'vitest';
import { hashToken } from '../../shared/signing/tokens';
import { confirmSubscription, mailSubscribers, requestSubscription, unsubscribe } from '../../shared/flow/subscriptions';
import { openAddress, sealAddress } from '../../shared/flow/subscriptions-seal';
import type { NoticeRecord } from '../../shared/domain/records';
import { BODY, directory, harness, type Harness } from './harness';

const NOTICE: NoticeRecord = {
  protocolId: 'p1',
  body: BODY,
  bodyName: 'Samverkansnämnden',
  meetingDate: '2025-02-14',
  adjustedOn: '2025-02-19',
  postedOn: '2025-02-19',
  appealEndsOn: '2025-03-12',
  takeDownOn: '2025-03-12',
  protocolUrl: 'https://justera.example.se/protocols/p1',
  pdfUrl: 'https://justera.example.se/protocols/p1/pdf',
};

async function subscribed(h: Harness, email: string): Promise<string> {
  await h.deps.store.bodies.put(directory());
  expect((await requestSubscription(h.deps, { body: BODY, email, lang: 'sv', client: '192.0.2.1' })).kind).toBe('sent');
  const token = h.mails.at(-1)!.links[0]!.split('/').pop()!;
  expect((await confirmSubscription(h.deps, token)).kind).toBe('confirmed');
  return token;
}

const unsubscribeToken = (h: Harness, email: string) => h.mails.filter((m) => m.to === email).at(-1)!.headers!['List-Unsubscribe']!.slice(1, -1).split('/').pop()!;

describe('subscriptions', () => {
  it('seals the address so that only its token and body open it', () => {
    const token = 'A'.repeat(43);
    const sealed = sealAddress(token, BODY, 'ada@example.org');
    expect(sealed).not.toContain('ada');
    expect(openAddress(token, BODY, sealed)).toBe('ada@example.org');
    expect(openAddress('B'.repeat(43), BODY, sealed)).toBeNull();
    expect(openAddress(token, 'another-body', sealed)).toBeNull();
    const tampered = Buffer.from(sealed, 'base64url');
    tampered[14]! ^= 1;
    expect(openAddress(token, BODY, tampered.toString('base64url'))).toBeNull();
  });

  it('confirms once, and not after 48 hours', async () => {
    const h = harness();
    const token = await subscribed(h, 'ada@example.org');
    expect((await confirmSubscription(h.deps, token)).kind).toBe('invalid');
    await h.deps.store.bodies.put(directory());
    await requestSubscription(h.deps, { body: BODY, email: 'late@example.org', lang: 'en', client: '192.0.2.1' });
    const late = h.mails.at(-1)!.links[0]!;
    expect(late).toMatch(/\?lang=en$/);
    h.at('2025-02-19T08:05:01.000Z');
    expect((await confirmSubscription(h.deps, late.split('/').pop()!.split('?')[0]!)).kind).toBe('invalid');
    expect((await h.deps.store.subscriptions.subscribers(BODY)).map((s) => s.email)).toEqual(['ada@example.org']);
  });

  it('mails each subscriber once per notice, whatever publish retries, with the RFC 8058 headers', async () => {
    const h = harness();
    await subscribed(h, 'ada@example.org');
    await subscribed(h, 'bo@example.org');
    await mailSubscribers(h.deps, NOTICE);
    await mailSubscribers(h.deps, NOTICE);
    const notices = h.mails.filter((m) => m.subject.startsWith('Anslag:'));
    expect(notices.map((m) => m.to).sort()).toEqual(['ada@example.org', 'bo@example.org']);
    for (const m of notices) {
      expect(m.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(m.headers!['List-Unsubscribe']).toMatch(/^<https:\/\/justera\.example\.se\/prenumeration\/avsluta\/[A-Za-z0-9_-]{43}>$/);
      expect(m.links).toContain(m.headers!['List-Unsubscribe']!.slice(1, -1));
    }
  });

  it('ends only the subscription an unsubscribe link was sent for', async () => {
    const h = harness();
    await subscribed(h, 'ada@example.org');
    await mailSubscribers(h.deps, NOTICE);
    const first = unsubscribeToken(h, 'ada@example.org');
    expect(await unsubscribe(h.deps, first)).toBe('done');
    expect(await unsubscribe(h.deps, first)).toBe('invalid');
    await subscribed(h, 'ada@example.org');
    await mailSubscribers(h.deps, { ...NOTICE, protocolId: 'p2' });
    expect(h.mails.filter((m) => m.subject.startsWith('Anslag:'))).toHaveLength(2);
    // A link that was never minted, or one whose hash is known but not the token, does nothing.
    expect(await unsubscribe(h.deps, hashToken(first).slice(0, 43))).toBe('invalid');
    expect(await h.deps.store.subscriptions.subscribers(BODY)).toHaveLength(1);
  });

  it('limits requests per address and per client each hour', async () => {
    const h = harness();
    await h.deps.store.bodies.put(directory());
    const ask = (email: string, client: string) => requestSubscription(h.deps, { body: BODY, email, lang: 'sv', client });
    for (let i = 0; i < 3; i++) expect((await ask('Ada@Example.org', `198.51.100.${i}`)).kind).toBe('sent');
    expect(await ask('ada@example.org ', '198.51.100.9')).toEqual({ kind: 'limited', retryAfterSeconds: 55 * 60 });
    for (let i = 0; i < 9; i++) expect((await ask(`p${i}@example.org`, '203.0.113.5')).kind).toBe('sent');
    expect((await ask('other@example.org', '203.0.113.5')).kind).toBe('sent');
    expect((await ask('more@example.org', '203.0.113.5')).kind).toBe('limited');
    h.at('2025-02-17T09:00:00.000Z');
    expect((await ask('ada@example.org', '203.0.113.5')).kind).toBe('sent');
    expect((await requestSubscription(h.deps, { body: 'no-such-body', email: 'x@example.org', lang: 'sv', client: '1' })).kind).toBe('unknown-body');
  });
});
