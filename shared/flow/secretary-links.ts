// The secretary's personal link to a protocol's page: the same rules as a
// signing link (256 random bits, only the SHA-256 stored, never returned by an
// endpoint). Each mail to the secretary carries its own. A link dies when the
// protocol is superseded or rejected, after SECRETARY_LINK_DAYS, and when the
// directory names another secretary than the one it was mailed to. It outlives
// publication and withdrawal: the page then shows the ending (the sealed PDF
// and the notice, or the reason), and no mail mints a new one.
// Not single-use: the secretary may look, correct and send from the same link;
// every correction is a same-origin POST and lands in the audit trail.
import type { BodyDirectory, ProtocolRecord, ProtocolStatus, SecretaryLinkRecord } from '../domain/records';
import type { Deps } from '../ports';
import { hashToken, isWellFormedToken, newToken } from '../signing/tokens';

export const SECRETARY_LINK_DAYS = 30;

/** States in which the page has nothing left to show or do. */
const DEAD: readonly ProtocolStatus[] = ['SUPERSEDED', 'REJECTED'];
/** States whose page an existing link still shows, but for which no mail carries a new link. */
const ENDED: readonly ProtocolStatus[] = ['PUBLISHED', 'WITHDRAWN'];

export function secretaryUrl(deps: Deps, token: string): string {
  return `${deps.config.JUSTERA_PUBLIC_URL.replace(/\/$/, '')}/secretary/${token}`;
}

/** Mints a link for the body's secretary, or null when the mail goes elsewhere (the operator) or there is nothing to show. */
export async function secretaryLinkFor(deps: Deps, p: ProtocolRecord, to: string): Promise<string | null> {
  if (!p.draftKey || DEAD.includes(p.status) || ENDED.includes(p.status)) return null;
  const directory = await deps.store.bodies.get(p.body);
  if (!directory || directory.secretary.email.toLowerCase() !== to.toLowerCase()) return null;
  const { token, hash } = newToken();
  const now = deps.clock.now();
  await deps.store.secretaryLinks.put(hash, {
    protocolId: p.id,
    email: to,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SECRETARY_LINK_DAYS * 86_400_000).toISOString(),
    firstViewedAt: null,
    views: 0,
  });
  return secretaryUrl(deps, token);
}

export interface SecretaryView {
  protocol: ProtocolRecord;
  directory: BodyDirectory;
  link: SecretaryLinkRecord;
}

/** The protocol a token opens, or null for anything unknown, expired or dead (one answer for all: no oracle). */
export async function openSecretaryLink(deps: Deps, token: string): Promise<SecretaryView | null> {
  // Hash even malformed tokens so that every unknown link costs the same.
  const hash = hashToken(token);
  const link = await deps.store.secretaryLinks.get(hash);
  if (!isWellFormedToken(token) || !link) return null;
  if (deps.clock.now().toISOString() >= link.expiresAt) return null;
  const protocol = await deps.store.protocols.get(link.protocolId);
  if (!protocol || DEAD.includes(protocol.status)) return null;
  const directory = await deps.store.bodies.get(protocol.body);
  if (!directory) return null;
  if (directory.secretary.email.toLowerCase() !== link.email.toLowerCase()) return null;
  return { protocol, directory, link };
}

/** GET records only that the link was viewed (first view and a count), on the link's own record. */
export async function recordSecretaryView(deps: Deps, token: string): Promise<void> {
  await deps.store.secretaryLinks.recordView(hashToken(token), deps.clock.now().toISOString());
}
