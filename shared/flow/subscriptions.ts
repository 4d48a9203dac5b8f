// E-mail subscriptions to a body's notices of adjustment: double opt-in
// (nothing readable stored before confirmation, see subscriptions-seal.ts),
// one mail per confirmed subscriber when a notice goes up, once each by the
// mail ledger, each with its own one-click unsubscribe link (RFC 8058).
import { randomBytes } from 'node:crypto';
import type { NoticeRecord } from '../domain/records';
import type { Deps } from '../ports';
import { hashToken, isWellFormedToken, newToken } from '../signing/tokens';
import { sendOnce } from './notify';
import { addressKeyOf, normalAddress, openAddress, sealAddress } from './subscriptions-seal';
import { confirmationMail, noticeMail } from './subscriptions-mail';

export type SubscriptionLang = 'sv' | 'en';

/** Requests per hour: an address gets few confirmation mails (no mail-bombing through us), a client few requests. */
export const SUBSCRIBE_LIMITS = { perAddress: 3, perClient: 10 } as const;
/** How long a confirmation link works. */
export const CONFIRM_HOURS = 48;
/** How long an unsubscribe link in a notice mail works (the ledger keeps its mails as long). */
export const UNSUBSCRIBE_DAYS = 400;

export type SubscribeOutcome = { kind: 'sent'; bodyName: string } | { kind: 'unknown-body' } | { kind: 'limited'; retryAfterSeconds: number };

function base(deps: Deps): string {
  return deps.config.JUSTERA_PUBLIC_URL.replace(/\/$/, '');
}

const langQuery = (lang: SubscriptionLang) => (lang === 'en' ? '?lang=en' : '');

/**
 * Counts the request against the client's and the address's hourly limits
 * (both keyed by a SHA-256, the counters expire after the hour), seals the
 * address into a pending request and mails the confirmation link. The answer
 * is the same whether or not the address already subscribes.
 */
export async function requestSubscription(deps: Deps, input: { body: string; email: string; lang: SubscriptionLang; client: string }): Promise<SubscribeOutcome> {
  const directory = await deps.store.bodies.get(input.body);
  if (!directory) return { kind: 'unknown-body' };
  const now = deps.clock.now();
  const window = now.toISOString().slice(0, 13);
  const windowEnd = new Date(Date.parse(`${window}:00:00Z`) + 3_600_000);
  const expires = new Date(windowEnd.getTime() + 3_600_000).toISOString();
  const retryAfterSeconds = Math.max(1, Math.ceil((windowEnd.getTime() - now.getTime()) / 1000));
  const { subscriptions } = deps.store;
  if (!(await subscriptions.countRequest('client', hashToken(input.client), window, SUBSCRIBE_LIMITS.perClient, expires))) return { kind: 'limited', retryAfterSeconds };
  const email = normalAddress(input.email);
  if (!(await subscriptions.countRequest('address', addressKeyOf(email), window, SUBSCRIBE_LIMITS.perAddress, expires))) return { kind: 'limited', retryAfterSeconds };

  const token = newToken();
  await subscriptions.putPending(token.hash, {
    body: input.body,
    lang: input.lang,
    sealed: sealAddress(token.token, input.body, email),
    expiresAt: new Date(now.getTime() + CONFIRM_HOURS * 3_600_000).toISOString(),
  });
  const confirmUrl = `${base(deps)}/prenumeration/bekrafta/${token.token}${langQuery(input.lang)}`;
  await sendOnce(deps, `subscribe#${token.hash}`, confirmationMail({ to: email, bodyName: directory.name, confirmUrl, expiresHours: CONFIRM_HOURS }));
  deps.metric('SubscriptionsRequested');
  return { kind: 'sent', bodyName: directory.name };
}

/** Whether a confirmation link still works (the page before the button); no state changes. */
export async function confirmationOpen(deps: Deps, token: string): Promise<boolean> {
  return isWellFormedToken(token) && deps.store.subscriptions.hasPending(hashToken(token), deps.clock.now().toISOString());
}

/** POST of the confirmation link: the pending request is taken (once), the address opened with the token and subscribed. */
export async function confirmSubscription(deps: Deps, token: string): Promise<{ kind: 'confirmed'; bodyName: string } | { kind: 'invalid' }> {
  if (!isWellFormedToken(token)) return { kind: 'invalid' };
  const now = deps.clock.now().toISOString();
  const pending = await deps.store.subscriptions.takePending(hashToken(token), now);
  const email = pending && openAddress(token, pending.body, pending.sealed);
  if (!pending || !email) return { kind: 'invalid' };
  await deps.store.subscriptions.add({ body: pending.body, addressKey: addressKeyOf(email), email, lang: pending.lang, confirmedAt: now, generation: randomBytes(16).toString('hex') });
  deps.metric('SubscriptionsConfirmed');
  const directory = await deps.store.bodies.get(pending.body);
  return { kind: 'confirmed', bodyName: directory?.name ?? pending.body };
}

/** Whether an unsubscribe link still works (the page before the button); no state changes. */
export async function unsubscribeOpen(deps: Deps, token: string): Promise<boolean> {
  return isWellFormedToken(token) && (await deps.store.subscriptions.getUnsubscribe(hashToken(token), deps.clock.now().toISOString())) !== null;
}

/** POST of an unsubscribe link (the button, or a mail client's one-click POST): the subscription ends. */
export async function unsubscribe(deps: Deps, token: string): Promise<'done' | 'invalid'> {
  if (!isWellFormedToken(token)) return 'invalid';
  const hash = hashToken(token);
  const link = await deps.store.subscriptions.getUnsubscribe(hash, deps.clock.now().toISOString());
  if (!link) return 'invalid';
  await deps.store.subscriptions.unsubscribe(hash, link);
  deps.metric('SubscriptionsEnded');
  return 'done';
}

/**
 * One mail per confirmed subscriber of the notice's body, once each (the mail
 * ledger: a retried publish sends only what is missing). The unsubscribe link
 * is minted only when its mail really goes out.
 */
export async function mailSubscribers(deps: Deps, notice: NoticeRecord): Promise<void> {
  const boardUrl = `${base(deps)}/anslagstavla`;
  for (const s of await deps.store.subscriptions.subscribers(notice.body))
    await sendOnce(deps, `notice#${notice.protocolId}#${s.addressKey}#${s.generation}`, async () => {
      const token = newToken();
      const expiresAt = new Date(deps.clock.now().getTime() + UNSUBSCRIBE_DAYS * 86_400_000).toISOString();
      await deps.store.subscriptions.putUnsubscribe(token.hash, { body: s.body, addressKey: s.addressKey, generation: s.generation, expiresAt });
      return noticeMail({ to: s.email, notice, boardUrl, unsubscribeUrl: `${base(deps)}/prenumeration/avsluta/${token.token}${langQuery(s.lang)}` });
    });
}
