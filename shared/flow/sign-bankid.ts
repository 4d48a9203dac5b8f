// Signing with BankID from a signing link. The link still finds the signer;
// BankID proves who holds it. Both steps are POSTs: "start" asks BankID for a
// sign order over the exact draft the page showed, "collect" asks how it is
// going and, once complete, verifies the signature and checks that the person
// is the invited member (keyed hash) before the same conditional write as a
// link signature. The order's secrets stay on the signer record; the page gets
// a rendered QR code and the autostart link only. BankID's completionData is
// kept encrypted as evidence before the signature counts: a signature whose
// evidence could not be kept is not recorded (the signer starts again).
import { BankIdError, BankIdUnreachable } from '../bankid/errors';
import { collectMessage, errorMessage, type Device, type RfaCode } from '../bankid/messages';
import { autostartLink, qrData, qrSeconds, qrSvg } from '../bankid/qr';
import type { CompletionData } from '../bankid/schemas';
import { verifyCompletion } from '../bankid/verify';
import { visibleText } from '../bankid/visible-data';
import type { BankIdOrderState, ItemRecord, ProtocolRecord } from '../domain/records';
import type { Deps } from '../ports';
import type { Client, LinkView } from './sign';

/** What the page shows while an order runs. */
export interface RunningOrder {
  /** data: URL of the QR code as SVG, for the seconds since the order started. */
  qrImage: string;
  autostart: string;
  message: RfaCode;
}

export type BankIdOutcome =
  | { kind: 'running'; order: RunningOrder }
  | { kind: 'signed'; completion: CompletionData; signatureSha256: string }
  /** Cancelled, expired, or BankID could not be reached: its message, and the page offers to start again. `null`: a fault of ours. */
  | { kind: 'failed'; message: RfaCode | null }
  /** Completed by someone other than the invited signer, or a signature that does not verify. */
  | { kind: 'refused' }
  /** No order to collect (finished in another tab, or never started). */
  | { kind: 'none' };

/** "§ 3" → "3": the visible text writes the § itself. */
const paragraphNumber = (item: ItemRecord) => item.number.replace(/^§+\s*/, '').replace(/\.$/, '');

export function orderText(protocol: ProtocolRecord, items: ItemRecord[]): string {
  const sorted = [...items].sort((a, b) => a.index - b.index);
  const [first, last] = [sorted[0], sorted.at(-1)];
  return visibleText({
    body: protocol.bodyName ?? protocol.body,
    meetingDate: protocol.date ?? 'okänt datum',
    paragraphs: first && last ? { first: paragraphNumber(first), last: paragraphNumber(last) } : undefined,
    sha256: Buffer.from(protocol.draftSha256 ?? '', 'hex'),
  });
}

async function running(order: BankIdOrderState, deps: Deps, message: RfaCode, device: Device): Promise<RunningOrder> {
  const seconds = qrSeconds(new Date(order.startedAt), deps.clock.now());
  const svg = await qrSvg(qrData(order.qrStartToken, order.qrStartSecret, seconds));
  return { qrImage: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, autostart: autostartLink(order.autoStartToken, device), message };
}

function failure(error: unknown): { kind: 'failed'; message: RfaCode | null } {
  if (error instanceof BankIdError) return { kind: 'failed', message: errorMessage(error.errorCode) };
  if (error instanceof BankIdUnreachable) return { kind: 'failed', message: 'RFA5' };
  throw error;
}

/** Starts an order for this signer over the draft the page showed (the caller checked consent, state and digest). */
export async function startOrder(deps: Deps, view: LinkView, client: Client, device: Device): Promise<Exclude<BankIdOutcome, { kind: 'signed' }> | false> {
  const { protocol, signer } = view;
  const { rp } = await deps.bankId();
  // One order per signer: an earlier one (another tab, a reload) is cancelled so it cannot complete later.
  if (signer.bankId) await rp.cancel(signer.bankId.orderRef).catch(() => undefined);
  const text = orderText(protocol, view.items);
  const digest = Buffer.from(protocol.draftSha256 ?? '', 'hex');
  let started;
  try {
    started = await rp.sign({ endUserIp: client.ip, visibleText: text, nonVisibleData: digest });
  } catch (error) {
    return failure(error);
  }
  const at = deps.clock.now().toISOString();
  const order: BankIdOrderState = { ...started, startedAt: at, visibleText: text, pdfSha256: protocol.draftSha256 ?? '' };
  if (!(await deps.store.signers.startBankId(protocol.id, signer.id, view.tokenHash, order, { at, type: 'bankid-started', ...client }))) {
    await rp.cancel(started.orderRef).catch(() => undefined);
    return false;
  }
  return { kind: 'running', order: await running(order, deps, collectMessage('pending', 'outstandingTransaction', { flow: 'qr', device }) ?? 'RFA1', device) };
}

/** Asks BankID how the signer's order is going; a completed one is verified against the invited signer before it counts. */
export async function collectOrder(deps: Deps, view: LinkView, client: Client, device: Device): Promise<BankIdOutcome> {
  const { protocol, signer } = view;
  const order = signer.bankId;
  if (!order) return { kind: 'none' };
  const { rp, anchors } = await deps.bankId();
  let answer;
  try {
    answer = await rp.collect(order.orderRef);
  } catch (error) {
    const outcome = failure(error);
    // BankID no longer knows the order (it ended long ago): nothing left to collect.
    if (error instanceof BankIdError && error.errorCode === 'notFound') await deps.store.signers.endBankId(protocol.id, signer.id, order.orderRef);
    return outcome;
  }
  const at = deps.clock.now().toISOString();
  if (answer.status === 'pending') return { kind: 'running', order: await running(order, deps, collectMessage('pending', answer.hintCode, { flow: 'qr', device }) ?? 'RFA21', device) };
  if (answer.status === 'failed') {
    await deps.store.signers.endBankId(protocol.id, signer.id, order.orderRef);
    return { kind: 'failed', message: collectMessage('failed', answer.hintCode, { flow: 'qr', device }) };
  }
  const verified = await verifyCompletion(answer.completionData, {
    visibleText: order.visibleText,
    nonVisibleData: Buffer.from(order.pdfSha256, 'hex'),
    personnummerHash: signer.personnummerHash ?? '',
    hasher: await deps.personnummers(),
    anchors,
  });
  if (!verified.ok) {
    // The reason names no person: the trail and the log say why, never whose number it was.
    deps.log.warn('bankid refused', { protocolId: protocol.id, signer: signer.name, problem: verified.problem });
    await deps.store.signers.endBankId(protocol.id, signer.id, order.orderRef, { at, type: 'bankid-refused', detail: verified.reason, ...client });
    return { kind: 'refused' };
  }
  // Kept before the signature is recorded, so every BankID signature on a sealed record has its evidence.
  const vault = await deps.evidence();
  await vault.keep({ protocolId: protocol.id, signerId: signer.id }, { completionData: answer.completionData, visibleText: order.visibleText, pdfSha256: order.pdfSha256 }, at);
  return { kind: 'signed', completion: answer.completionData, signatureSha256: verified.signatureSha256 };
}
