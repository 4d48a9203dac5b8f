// The port the sign flow talks to for BankID: start a sign order, collect its
// state, cancel it. The client (client.ts) implements it over mutual TLS; a
// second e-ID (Freja eID+) is another implementation of the same three calls.
import type { Personnummer } from './personnummer';
import type { CollectResponse, OrderResponse } from './schemas';

export interface SignOrder {
  /** The signer's IP address as the page saw it (BankID shows it to fraud checks, never stored by us). */
  endUserIp: string;
  /** What the app shows, as simpleMarkdownV1 text (visibleText builds it). */
  visibleText: string;
  /** Signed but not shown: the draft's SHA-256. */
  nonVisibleData: Uint8Array;
  /** Only this person may sign; BankID answers alreadyInProgress while they have another order. */
  personnummer?: Personnummer;
  /** Where the app returns to after an autostart on the same device. */
  returnUrl?: string;
}

export interface BankIdRp {
  sign(order: SignOrder): Promise<OrderResponse>;
  collect(orderRef: string): Promise<CollectResponse>;
  cancel(orderRef: string): Promise<void>;
}

/** What the sign flow needs of BankID: the RP API, and the roots a completed signature must chain to. */
export interface BankIdService {
  rp: BankIdRp;
  /** DER certificates of the trusted BankID roots (test or production). */
  anchors: Uint8Array[];
}
