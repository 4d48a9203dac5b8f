// The simulator's orders and their life, as BankID documents it: pending
// (outstandingTransaction until the app opens the order, started while it
// looks for a BankID, userSign while it waits for the security code), then
// complete or failed (userCancel, cancelled, startFailed when no app picked
// the order up within 30 s, expiredTransaction when it was not signed within
// 3 minutes). An ended order answers one collect and is then gone (complete
// ones are kept 3 minutes, failed ones 5, if nobody collects); an unknown
// orderRef is invalidParameters. Time is a clock the tests move.
import { randomUUID } from 'node:crypto';
import { qrData } from '../../shared/bankid/qr';
import type { CollectResponse, CompletionData, SignRequestBody } from '../../shared/bankid/schemas';

export const START_WINDOW_S = 30;
export const ORDER_LIFETIME_S = 180;

/** How long an order waits for the app, and to be signed; BankID's by default, shorter for a test that wants it. */
export interface OrderTimeouts {
  startWindowSeconds: number;
  lifetimeSeconds: number;
}
export const BANKID_TIMEOUTS: OrderTimeouts = { startWindowSeconds: START_WINDOW_S, lifetimeSeconds: ORDER_LIFETIME_S };
const KEEP_COMPLETE_S = 180;
const KEEP_FAILED_S = 300;
/** How old a scanned QR code may be: the app reads a code shown a moment ago. */
const QR_TOLERANCE_S = 5;

export class SimError extends Error {
  constructor(
    readonly errorCode: string,
    readonly httpStatus: number,
    details: string,
  ) {
    super(details);
  }
}

export interface SimOrder {
  orderRef: string;
  autoStartToken: string;
  qrStartToken: string;
  qrStartSecret: string;
  createdAt: number;
  request: SignRequestBody;
  status: 'pending' | 'failed' | 'complete';
  hintCode: string;
  endedAt?: number;
  /** Who opened it in the app. */
  signer?: { personnummer: string; name: string };
  completionData?: CompletionData;
}

export class OrderBook {
  private readonly orders = new Map<string, SimOrder>();

  constructor(
    private readonly now: () => number,
    private readonly timeouts: OrderTimeouts = BANKID_TIMEOUTS,
  ) {}

  create(request: SignRequestBody): SimOrder {
    this.sweep();
    const wanted = request.requirement?.personalNumber;
    if (wanted) {
      const other = [...this.orders.values()].find((o) => o.status === 'pending' && this.personOf(o) === wanted);
      if (other) {
        // BankID cancels both: the running order fails, the new one is never made.
        this.end(other, 'failed', 'cancelled');
        throw new SimError('alreadyInProgress', 400, 'Order already in progress for pno');
      }
    }
    const order: SimOrder = {
      orderRef: randomUUID(),
      autoStartToken: randomUUID(),
      qrStartToken: randomUUID(),
      qrStartSecret: randomUUID(),
      createdAt: this.now(),
      request,
      status: 'pending',
      hintCode: 'outstandingTransaction',
    };
    this.orders.set(order.orderRef, order);
    return order;
  }

  collect(orderRef: string): CollectResponse {
    const order = this.live(orderRef);
    if (order.status === 'pending') return { orderRef, status: 'pending', hintCode: order.hintCode };
    this.orders.delete(orderRef); // an ended order is collected once
    if (order.status === 'failed') return { orderRef, status: 'failed', hintCode: order.hintCode };
    if (!order.completionData) throw new SimError('internalError', 500, 'Completed order without completion data');
    return { orderRef, status: 'complete', completionData: order.completionData };
  }

  cancel(orderRef: string): void {
    this.live(orderRef);
    this.orders.delete(orderRef);
  }

  /** The app opens an order: by its autostart token (same device) or a scanned QR code. */
  open(start: { autoStartToken?: string; qrData?: string }): SimOrder {
    this.sweep();
    const order = [...this.orders.values()].find((o) =>
      start.autoStartToken ? o.autoStartToken === start.autoStartToken : start.qrData ? this.qrMatches(o, start.qrData) : false,
    );
    if (!order) throw new SimError('notFound', 404, 'No order for that start token or QR code (expired, or shown too long ago)');
    this.refresh(order);
    if (order.status !== 'pending' || order.hintCode !== 'outstandingTransaction')
      throw new SimError('invalidParameters', 409, `The order is ${order.status} (${order.hintCode})`);
    order.hintCode = 'started';
    return order;
  }

  /** The user picks their BankID: from now the app waits for the security code. */
  identify(orderRef: string, personnummer: string, name: string): SimOrder {
    const order = this.pendingOrder(orderRef, 'started');
    const wanted = order.request.requirement?.personalNumber;
    if (wanted && wanted !== personnummer) throw new SimError('invalidParameters', 409, 'This BankID may not sign this order');
    const other = [...this.orders.values()].find((o) => o !== order && o.status === 'pending' && this.personOf(o) === personnummer);
    if (other) this.end(other, 'failed', 'cancelled'); // one order per person: the older one is cancelled
    order.signer = { personnummer, name };
    order.hintCode = 'userSign';
    return order;
  }

  /** The security code was entered: the order completes with its signature. */
  complete(orderRef: string, completionData: CompletionData): void {
    this.end(this.pendingOrder(orderRef, 'userSign'), 'complete', '', completionData);
  }

  userCancel(orderRef: string): void {
    this.end(this.pendingOrder(orderRef), 'failed', 'userCancel');
  }

  find(orderRef: string): SimOrder {
    return this.live(orderRef);
  }

  private pendingOrder(orderRef: string, hintCode?: string): SimOrder {
    const order = this.live(orderRef);
    if (order.status !== 'pending' || (hintCode && order.hintCode !== hintCode))
      throw new SimError('invalidParameters', 409, `The order is ${order.status} (${order.hintCode}), not ${hintCode ?? 'pending'}`);
    return order;
  }

  private live(orderRef: string): SimOrder {
    this.sweep();
    const order = this.orders.get(orderRef);
    if (!order) throw new SimError('invalidParameters', 400, 'No such order');
    this.refresh(order);
    return order;
  }

  private personOf(order: SimOrder): string | undefined {
    return order.signer?.personnummer ?? order.request.requirement?.personalNumber;
  }

  private qrMatches(order: SimOrder, data: string): boolean {
    const elapsed = Math.floor((this.now() - order.createdAt) / 1000);
    const seconds = Number(data.split('.')[2]);
    if (!Number.isInteger(seconds) || seconds > elapsed || seconds < elapsed - QR_TOLERANCE_S) return false;
    return qrData(order.qrStartToken, order.qrStartSecret, seconds) === data;
  }

  private refresh(order: SimOrder): void {
    if (order.status !== 'pending') return;
    const age = (this.now() - order.createdAt) / 1000;
    if (order.hintCode === 'outstandingTransaction' && age > this.timeouts.startWindowSeconds) this.end(order, 'failed', 'startFailed');
    else if (age > this.timeouts.lifetimeSeconds) this.end(order, 'failed', 'expiredTransaction');
  }

  private end(order: SimOrder, status: 'failed' | 'complete', hintCode: string, completionData?: CompletionData): void {
    order.status = status;
    order.hintCode = hintCode;
    order.endedAt = this.now();
    if (completionData) order.completionData = completionData;
  }

  private sweep(): void {
    for (const order of this.orders.values()) {
      this.refresh(order);
      const keep = order.status === 'complete' ? KEEP_COMPLETE_S : KEEP_FAILED_S;
      if (order.endedAt !== undefined && (this.now() - order.endedAt) / 1000 > keep) this.orders.delete(order.orderRef);
    }
  }
}
