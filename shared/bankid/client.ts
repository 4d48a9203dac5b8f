// The BankID RP API v6.0 client: JSON over HTTPS with mutual TLS. BankID
// knows the relying party by its client certificate (PKCS#12 or PEM
// certificate + key) and is trusted through the CA BankID publishes for the
// environment; the base URL picks test or production. It never asks whether
// the server is real or simulated: the certificates decide.
import { Agent, request } from 'node:https';
import type { z } from 'zod';
import { BankIdError, BankIdUnreachable } from './errors';
import { CollectResponse, ErrorResponse, OrderResponse, type SignRequestBody } from './schemas';
import type { BankIdRp, SignOrder } from './types';

export const BANKID_TEST_URL = 'https://appapi2.test.bankid.com/rp/v6.0';
export const BANKID_PRODUCTION_URL = 'https://appapi2.bankid.com/rp/v6.0';

export type RpCredentials =
  | { pfx: Uint8Array; passphrase?: string }
  | { certPem: string; keyPem: string; passphrase?: string };

export interface BankIdClientOptions {
  /** e.g. BANKID_TEST_URL or BANKID_PRODUCTION_URL. */
  baseUrl: string;
  credentials: RpCredentials;
  /** PEM of the CA(s) that issued BankID's server certificate; the only ones trusted. */
  caPem: string;
  /** Per request; BankID answers within a few seconds. Default 10 s. */
  timeoutMs?: number;
  /** Extra tries after a maintenance answer (BankID: "RP may try again"). Default 2. */
  maintenanceRetries?: number;
  /** Wait before such a retry. Default 1 s. */
  retryDelayMs?: number;
}

export function bankIdClient(options: BankIdClientOptions): BankIdRp & { close(): void } {
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  if (base.protocol !== 'https:') throw new Error('The BankID URL must be https.');
  const credentials = options.credentials;
  const agent = new Agent({
    keepAlive: true,
    ca: options.caPem,
    ...('pfx' in credentials
      ? { pfx: Buffer.from(credentials.pfx), passphrase: credentials.passphrase }
      : { cert: credentials.certPem, key: credentials.keyPem, passphrase: credentials.passphrase }),
    minVersion: 'TLSv1.2',
  });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.maintenanceRetries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 1000;

  async function call<T>(path: string, body: object, schema: z.ZodType<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const answer = await post(new URL(path, base), JSON.stringify(body));
      if (answer.status === 200) {
        const parsed = schema.safeParse(parseJson(answer.text));
        if (!parsed.success) throw new BankIdError('internalError', `unexpected answer to ${path}: ${parsed.error.message}`, 200);
        return parsed.data;
      }
      const error = toError(answer.status, answer.text);
      if (!error.retryable || attempt >= retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    }
  }

  function post(url: URL, json: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          // No charset parameter: BankID answers unsupportedMediaType to "application/json; charset=…".
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (e) => reject(new BankIdUnreachable(`BankID answer broken: ${e.message}`, { cause: e })));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (e) => reject(new BankIdUnreachable(`BankID not reachable at ${url.origin}: ${e.message}`, { cause: e })));
      req.end(json);
    });
  }

  return {
    async sign(order: SignOrder) {
      // BankID's limits after base64: 40,000 characters shown, 200,000 unseen. Over them is a fault of ours, said as such.
      const visible = Buffer.from(order.visibleText, 'utf8').toString('base64');
      if (visible.length === 0 || visible.length > 40_000) throw new BankIdError('invalidParameters', 'userVisibleData must be 1–40,000 characters in base64', 0);
      if (order.nonVisibleData.length === 0 || Buffer.from(order.nonVisibleData).toString('base64').length > 200_000)
        throw new BankIdError('invalidParameters', 'userNonVisibleData must be 1–200,000 characters in base64', 0);
      const body: SignRequestBody = {
        endUserIp: order.endUserIp,
        userVisibleData: visible,
        userVisibleDataFormat: 'simpleMarkdownV1',
        userNonVisibleData: Buffer.from(order.nonVisibleData).toString('base64'),
        requirement: { pinCode: true, ...(order.personnummer ? { personalNumber: order.personnummer.digits() } : {}) },
        ...(order.returnUrl ? { returnUrl: order.returnUrl } : {}),
      };
      return call('sign', body, OrderResponse);
    },
    collect: (orderRef) => call('collect', { orderRef }, CollectResponse),
    async cancel(orderRef) {
      await call('cancel', { orderRef }, CancelResponse);
    },
    close: () => agent.destroy(),
  };
}

const CancelResponse = OrderResponse.pick({}).loose();

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toError(status: number, text: string): BankIdError {
  const parsed = ErrorResponse.safeParse(parseJson(text));
  if (parsed.success) return new BankIdError(parsed.data.errorCode, parsed.data.details, status);
  // A proxy or load balancer answered, not the API: name it by the status BankID would use.
  const byStatus: Record<number, string> = { 401: 'unauthorized', 403: 'unauthorized', 404: 'notFound', 408: 'requestTimeout', 503: 'maintenance' };
  return new BankIdError(byStatus[status] ?? 'internalError', `HTTP ${status} without a BankID error body`, status);
}
