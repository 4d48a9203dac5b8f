// What a signing link shows and what posting it does. GET only records that
// the page was viewed; signing and requesting a change are POSTs with an
// explicit consent. The last signature moves the protocol to ADJUSTED exactly
// once, by single-item conditional writes.
import { isChangeTopic, MAX_COMMENT, reason as reasonFor } from '../domain/reasons';
import type { Device, RfaCode } from '../bankid/messages';
import type { DecisionRecord, ItemRecord, NoticeRecord, ProtocolRecord, Signature, SignerRecord } from '../domain/records';
import { changesRequested, pausedToSigner } from '../mail/messages';
import type { Deps } from '../ports';
import { hashIn, hashToken, isWellFormedToken } from '../signing/tokens';
import { secretaryAddress, sendOnce } from './notify';
import { secretaryLinkFor } from './secretary-links';
import { afterSignature } from './adjust';
import { collectOrder, startOrder, type BankIdOutcome, type RunningOrder } from './sign-bankid';

export type LinkState =
  | 'open'
  | 'signed'
  | 'changes-requested'
  | 'paused'
  | 'expired'
  | 'superseded'
  | 'adjusted'
  | 'published'
  | 'closed';

export interface LinkView {
  state: LinkState;
  protocol: ProtocolRecord;
  signer: SignerRecord;
  signers: SignerRecord[];
  items: ItemRecord[];
  decisions: DecisionRecord[];
  tokenHash: string;
  /** The notice of adjustment, once the protocol is published: the page links the signed PDF and gives the dates. */
  notice?: NoticeRecord | null;
}

export interface Client {
  ip: string;
  userAgent: string;
  /** Salt of the evidence hash (shared/signing/evidence.ts), recorded with the events of this request. */
  salt?: string;
}

/** Finds the signer a token belongs to, or null for anything unknown (always the same answer, no oracle). */
async function lookup(deps: Deps, token: string): Promise<{ protocol: ProtocolRecord; signer: SignerRecord; hash: string } | null> {
  // Hash even malformed tokens so that every unknown link costs the same.
  const hash = hashToken(token);
  const ref = await deps.store.signers.findToken(hash);
  if (!isWellFormedToken(token) || !ref) return null;
  const [protocol, signer] = await Promise.all([deps.store.protocols.get(ref.protocolId), deps.store.signers.get(ref.protocolId, ref.signerId)]);
  if (!protocol || !signer || !hashIn(hash, signer.tokenHashes)) return null;
  return { protocol, signer, hash };
}

export function stateOf(protocol: ProtocolRecord, signer: SignerRecord, now: Date): LinkState {
  // A newer version outranks whatever was done with this one: its links are dead.
  if (protocol.status === 'SUPERSEDED') return 'superseded';
  // A signer who has signed is shown where the protocol stands now, to the end (their link never dies of expiry).
  if (signer.status === 'signed') return afterSigning(protocol);
  if (signer.status === 'changes-requested') return 'changes-requested';
  if (protocol.status === 'EXPIRED' || now.toISOString() >= signer.expiresAt) return 'expired';
  if (protocol.status === 'CHANGES_REQUESTED') return 'paused';
  if (['ADJUSTED', 'SEALED', 'PUBLISHED'].includes(protocol.status)) return 'adjusted';
  if (protocol.status === 'ROUTED' && signer.status === 'pending') return 'open';
  return 'closed';
}

function afterSigning(protocol: ProtocolRecord): LinkState {
  switch (protocol.status) {
    case 'CHANGES_REQUESTED':
      return 'paused';
    case 'ADJUSTED':
    case 'SEALED':
      return 'adjusted';
    case 'PUBLISHED':
      return 'published';
    case 'ROUTED':
      return 'signed';
    default:
      return 'closed';
  }
}

export async function openLink(deps: Deps, token: string, client: Client): Promise<LinkView | null> {
  const found = await lookup(deps, token);
  if (!found) return null;
  const { protocol, signer, hash } = found;
  const now = deps.clock.now();
  const state = stateOf(protocol, signer, now);
  if (state === 'open') await deps.store.signers.recordView(protocol.id, signer.id, { at: now.toISOString(), type: 'viewed', ...client });
  const [signers, items, decisions, notice] = await Promise.all([
    deps.store.signers.all(protocol.id),
    deps.store.content.items(protocol.id),
    deps.store.content.decisions(protocol.id),
    state === 'published' ? deps.store.notices.get(protocol.id) : null,
  ]);
  return { state, protocol, signer, signers, items, decisions, tokenHash: hash, notice };
}

export type SubmitResult =
  | { status: 200; done: 'signed' | 'changes-requested'; view: LinkView; adjusted: boolean }
  | { status: 200; done: 'bankid-running'; view: LinkView; order: RunningOrder }
  /** BankID's message (null: a fault of ours, said as such); the page offers to start again. */
  | { status: 200; done: 'bankid-failed'; view: LinkView; message: RfaCode | null }
  /** Completed by another person than the invited signer (or a signature that does not hold up). */
  | { status: 403; done: 'bankid-refused'; view: LinkView }
  | { status: 400; problem: 'consent' | 'comment' | 'action'; view: LinkView }
  | { status: 404 }
  | { status: 409 | 410; view: LinkView };

export interface SignForm {
  action?: string;
  consent?: string;
  comment?: string;
  /** What the change concerns (CHANGE_TOPICS), with request-changes. */
  topic?: string;
  sha256?: string;
}


export async function submit(deps: Deps, token: string, form: SignForm, client: Client): Promise<SubmitResult> {
  const view = await openLink(deps, token, client);
  if (!view) return { status: 404 };
  const refusal = (v: LinkView): SubmitResult => ({ status: ['expired', 'superseded', 'closed'].includes(v.state) ? 410 : 409, view: v });
  if (view.state !== 'open') return refusal(view);
  const { protocol, signer } = view;
  const at = deps.clock.now().toISOString();
  const again = async () => {
    const [p, s] = await Promise.all([deps.store.protocols.get(protocol.id), deps.store.signers.get(protocol.id, signer.id)]);
    return refusal({ ...view, protocol: p ?? protocol, signer: s ?? signer, state: stateOf(p ?? protocol, s ?? signer, deps.clock.now()) });
  };

  const record = async (signature: Signature, detail?: string): Promise<SubmitResult> => {
    if (!(await deps.store.signers.sign(protocol.id, signer.id, view.tokenHash, signature, { at, type: 'signed', ...client, ...(detail ? { detail } : {}) })))
      return again();
    deps.metric('Signatures');
    const adjusted = await afterSignature(deps, protocol.id, signer.id);
    deps.log.info('stage', { stage: 'sign', protocolId: protocol.id, signer: signer.name, adjusted, method: signature.method });
    const fresh = await openLink(deps, token, client);
    return { status: 200, done: 'signed', view: fresh ?? view, adjusted };
  };
  const linkSignature = { at, ip: client.ip, userAgent: client.userAgent, pdfSha256: protocol.draftSha256 ?? '' };
  // A signer of a BankID body carries the member's hash: the box alone does not sign for them.
  const byBankId = Boolean(signer.personnummerHash);

  if (form.action === 'sign' && !byBankId) {
    if (form.consent !== 'on') return { status: 400, problem: 'consent', view };
    // The page carried the hash of the PDF it showed; a different one means the signer read something else.
    if (form.sha256 !== protocol.draftSha256) return again();
    return record({ ...linkSignature, method: 'link' });
  }

  if (form.action === 'bankid-start' && byBankId) {
    if (form.consent !== 'on') return { status: 400, problem: 'consent', view };
    if (form.sha256 !== protocol.draftSha256) return again();
    const started = await startOrder(deps, view, client, deviceOf(client));
    if (!started) return again();
    return bankIdResult(started, view);
  }

  if (form.action === 'bankid-collect' && byBankId) {
    const outcome = await collectOrder(deps, view, client, deviceOf(client));
    if (outcome.kind !== 'signed') return bankIdResult(outcome, view);
    const result = await record({ ...linkSignature, pdfSha256: signer.bankId?.pdfSha256 ?? '', method: 'BankID', completionSha256: outcome.signatureSha256 }, 'BankID');
    await deps.store.signers.endBankId(protocol.id, signer.id, signer.bankId?.orderRef ?? '');
    return result;
  }

  if (form.action === 'request-changes') {
    const comment = (form.comment ?? '').trim();
    if (!comment || comment.length > MAX_COMMENT) return { status: 400, problem: 'comment', view };
    // A form from before the list, or a client that leaves it out, asks without a topic; a value not on the list is refused.
    const topic = form.topic === undefined || form.topic === '' ? undefined : form.topic;
    if (topic !== undefined && !isChangeTopic(topic)) return { status: 400, problem: 'action', view };
    if (!(await deps.store.signers.requestChanges(protocol.id, signer.id, view.tokenHash, comment, { at, type: 'changes-requested', ...client })))
      return again();
    // The reason is public (the API shows it); the comment goes to the secretary by mail and stays in the admin audit trail.
    const reason = reasonFor('CHANGES_REQUESTED', { name: signer.name, role: signer.role, ...(topic ? { topic } : {}) });
    deps.metric('ChangesRequested');
    const moved = await deps.store.protocols.transition(protocol.id, ['ROUTED'], 'CHANGES_REQUESTED', { reason }, { at, type: 'changes-requested', detail: reason.sv });
    const to = await secretaryAddress(deps, protocol.body);
    if (moved && to) await sendOnce(deps, `changes#${protocol.id}#${signer.id}`, async () => changesRequested(moved, to, signer, comment, await secretaryLinkFor(deps, moved, to)));
    if (moved) await tellOthersPaused(deps, moved, signer);
    deps.log.info('stage', { stage: 'sign', protocolId: protocol.id, signer: signer.name, status: 'CHANGES_REQUESTED' });
    const fresh = await openLink(deps, token, client);
    return { status: 200, done: 'changes-requested', view: fresh ?? view, adjusted: false };
  }
  return { status: 400, problem: 'action', view };
}

/**
 * Everyone else who has the protocol in hand (invited, whether they signed or
 * not) learns that signing is paused and who asked: the public reason, never
 * the comment, which is for the secretary alone.
 */
async function tellOthersPaused(deps: Deps, protocol: ProtocolRecord, requester: SignerRecord): Promise<void> {
  const others = (await deps.store.signers.all(protocol.id)).filter((s) => s.id !== requester.id && s.invitedAt && (s.status === 'pending' || s.status === 'signed'));
  if (!others.length) return;
  const replyTo = (await deps.store.bodies.get(protocol.body))?.secretary.email ?? null;
  for (const s of others) await sendOnce(deps, `paused#${protocol.id}#${requester.id}#${s.id}`, pausedToSigner(protocol, s, requester, replyTo));
}

function bankIdResult(outcome: Exclude<BankIdOutcome, { kind: 'signed' }>, view: LinkView): SubmitResult {
  switch (outcome.kind) {
    case 'running':
      return { status: 200, done: 'bankid-running', view, order: outcome.order };
    case 'refused':
      return { status: 403, done: 'bankid-refused', view };
    case 'failed':
      return { status: 200, done: 'bankid-failed', view, message: outcome.message };
    default:
      // Nothing to collect: the order ended elsewhere; the page offers to start one.
      return { status: 200, done: 'bankid-failed', view, message: 'RFA22' };
  }
}

/** BankID's messages differ for phones and computers; the user agent is all a page request tells. */
function deviceOf(client: Client): Device {
  return /Mobi|Android|iPhone|iPad/i.test(client.userAgent) ? 'mobile' : 'desktop';
}
