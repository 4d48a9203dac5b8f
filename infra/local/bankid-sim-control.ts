// The simulator's app-and-clock controls as calls: what a test, the local
// stack or `justera bankid-sim` uses to play the signer's BankID app.
export interface SimControl {
  /** The app opens the order: same device (autostart token) or a scanned QR code. */
  open(start: { autoStartToken?: string; qrData?: string }): Promise<{ orderRef: string; hintCode: string }>;
  /** The user picks their BankID (personnummer, name); the app waits for the security code. */
  identify(orderRef: string, personnummer: string, name: string): Promise<{ orderRef: string; hintCode: string }>;
  /** The security code is entered: the order completes, signed. */
  confirm(orderRef: string): Promise<void>;
  /** The user presses cancel in the app. */
  cancel(orderRef: string): Promise<void>;
  /** open, identify and confirm at once. */
  sign(start: { autoStartToken?: string; qrData?: string }, personnummer: string, name: string): Promise<{ orderRef: string }>;
  /** Moves the simulator's clock (start window, order lifetime). */
  advance(seconds: number): Promise<void>;
  /** The next `count` RP API calls answer this BankID error. */
  outage(errorCode: string, count?: number): Promise<void>;
}

export class SimControlError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    details: string,
  ) {
    super(`BankID simulator: ${errorCode} (${status}): ${details}`);
    this.name = 'SimControlError';
  }
}

export function bankIdSimControl(controlUrl: string): SimControl {
  async function call<T>(action: string, body: object): Promise<T> {
    const res = await fetch(`${controlUrl}/${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as T & { errorCode?: string; details?: string };
    if (!res.ok) throw new SimControlError(res.status, json.errorCode ?? 'unknown', json.details ?? '');
    return json;
  }
  return {
    open: (start) => call('open', start),
    identify: (orderRef, personnummer, name) => call('identify', { orderRef, personnummer, name }),
    confirm: async (orderRef) => void (await call('confirm', { orderRef })),
    cancel: async (orderRef) => void (await call('cancel', { orderRef })),
    sign: (start, personnummer, name) => call('sign', { ...start, personnummer, name }),
    advance: async (seconds) => void (await call('advance', { seconds })),
    outage: async (errorCode, count = 1) => void (await call('outage', { errorCode, count })),
  };
}
