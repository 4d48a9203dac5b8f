// Errors of the RP API, typed by BankID's errorCode, and what BankID says to
// do about each: retry silently (maintenance), tell the user (RFA4, RFA5), or
// never retry and never show as a BankID error (a fault in our request).
import { errorMessage, type RfaCode } from './messages';

export const KNOWN_ERROR_CODES = [
  'alreadyInProgress',
  'invalidParameters',
  'unauthorized',
  'notFound',
  'methodNotAllowed',
  'requestTimeout',
  'unsupportedMediaType',
  'internalError',
  'maintenance',
] as const;
export type BankIdErrorCode = (typeof KNOWN_ERROR_CODES)[number];

export class BankIdError extends Error {
  constructor(
    /** BankID's errorCode; a string outside BankIdErrorCode when BankID added a new one. */
    readonly errorCode: BankIdErrorCode | (string & {}),
    /** BankID's details text: for logs, never for the user. */
    readonly details: string,
    readonly httpStatus: number,
  ) {
    super(`BankID ${errorCode} (HTTP ${httpStatus})${details ? `: ${details}` : ''}`);
    this.name = 'BankIdError';
  }

  get known(): boolean {
    return (KNOWN_ERROR_CODES as readonly string[]).includes(this.errorCode);
  }

  /** The message BankID prescribes for the user, or null when ours must be shown instead. */
  get userMessage(): RfaCode | null {
    return errorMessage(this.errorCode);
  }

  /** BankID allows an automatic retry only for maintenance (503); requestTimeout and internalError go to the user. */
  get retryable(): boolean {
    return this.errorCode === 'maintenance';
  }
}

/** No answer: refused TLS (a wrong RP certificate), a connection error or a timeout. */
export class BankIdUnreachable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BankIdUnreachable';
  }

  readonly userMessage: RfaCode = 'RFA5';
}
