// The in-memory subscriptions (see memory-records.ts): the same rules as the
// DynamoDB repository, each write all-or-nothing within one call.
import type { PendingSubscription, Subscriber, SubscriptionRepo, UnsubscribeLink } from '../../shared/store';

const copy = <T>(value: T): T => structuredClone(value);

export function memorySubscriptions(): SubscriptionRepo {
  const pending = new Map<string, PendingSubscription>();
  const subscribers = new Map<string, Subscriber>();
  const links = new Map<string, UnsubscribeLink>();
  const counts = new Map<string, number>();
  return {
    async putPending(hash, p) {
      pending.set(hash, copy(p));
    },
    async hasPending(hash, now) {
      return (pending.get(hash)?.expiresAt ?? '') > now;
    },
    async takePending(hash, now) {
      const p = pending.get(hash);
      if (!p || p.expiresAt <= now) return null;
      pending.delete(hash);
      return p;
    },
    async add(s) {
      if (!subscribers.has(`${s.body}#${s.addressKey}`)) subscribers.set(`${s.body}#${s.addressKey}`, copy(s));
    },
    async subscribers(body) {
      return [...subscribers.values()].filter((s) => s.body === body).map(copy);
    },
    async putUnsubscribe(hash, link) {
      links.set(hash, copy(link));
    },
    async getUnsubscribe(hash, now) {
      const link = links.get(hash);
      return link && link.expiresAt > now ? copy(link) : null;
    },
    async unsubscribe(hash, link) {
      const id = `${link.body}#${link.addressKey}`;
      const ended = subscribers.get(id)?.generation === link.generation;
      if (ended) subscribers.delete(id);
      links.delete(hash);
      return ended;
    },
    async countRequest(scope, hash, window, limit) {
      const id = `${scope}#${hash}#${window}`;
      const n = counts.get(id) ?? 0;
      if (n >= limit) return false;
      counts.set(id, n + 1);
      return true;
    },
  };
}
