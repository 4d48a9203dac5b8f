import { createHash } from 'node:crypto';
import type { ProtocolRecord, Reason } from '../domain/records';
import { problemToSecretary } from '../mail/messages';
import type { Deps, MailMessage } from '../ports';
import { secretaryLinkFor } from './secretary-links';

/** How long a claimed but unconfirmed send blocks others; after it, a retry may send again. */
export const MAIL_CLAIM_MS = 20_000;

export class MailBusyError extends Error {
  constructor(key: string) {
    super(`mail ${key} is being sent by another attempt`);
    this.name = 'MailBusyError';
  }
}

/**
 * Sends a mail at most once per key: a repeated or concurrent event finds it
 * sent (or being sent: then it throws so the queue retries later). Only a
 * crash between sending and recording can repeat it, once.
 */
export async function sendOnce(deps: Deps, key: string, message: MailMessage | (() => Promise<MailMessage>)): Promise<boolean> {
  const claim = await deps.store.mail.claim(key, deps.clock.now().toISOString(), MAIL_CLAIM_MS);
  if (claim === 'sent') return false;
  if (claim === 'busy') throw new MailBusyError(key);
  try {
    await deps.mailer.send(typeof message === 'function' ? await message() : message);
  } catch (error) {
    await deps.store.mail.release(key).catch(() => undefined);
    throw error;
  }
  await deps.store.mail.markSent(key, deps.clock.now().toISOString());
  return true;
}

/** The secretary of the protocol's body, or the operator when the body has no directory. */
export async function secretaryAddress(deps: Deps, body: string): Promise<string | null> {
  const directory = await deps.store.bodies.get(body);
  return directory?.secretary.email ?? deps.config.JUSTERA_OPERATOR_EMAIL ?? null;
}

/** Tells the secretary that a protocol stopped and what to do; once per protocol, state and distinct reason. */
export async function reportProblem(deps: Deps, protocol: ProtocolRecord, reason: Reason, fix: string[] = []): Promise<void> {
  const to = await secretaryAddress(deps, protocol.body);
  if (!to) {
    deps.log.warn('no secretary or operator address to report to', { protocolId: protocol.id, reason: reason.code });
    return;
  }
  const which = createHash('sha256').update(reason.sv).digest('hex').slice(0, 12);
  // The link is minted only when the mail really goes out (not for a repeat the ledger stops).
  await sendOnce(deps, `problem#${protocol.id}#${protocol.status}#${reason.code}#${which}`, async () =>
    problemToSecretary(protocol, to, reason, fix, await secretaryLinkFor(deps, protocol, to)),
  );
}
