// A BankID RP API v6.0 on loopback, for one machine and the tests: HTTPS
// that accepts only clients with a certificate from its RP CA, /sign,
// /collect and /cancel with BankID's shapes, errors and hint codes, and
// completionData with a real XML signature by its own "BankID" CA. A second,
// plain-HTTP loopback port is the user's BankID app (open an order by its
// autostart token or QR code, pick the BankID, enter the code, cancel) and
// the tests' clock (advance) and fault switch (outage).
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { isIP, type AddressInfo } from 'node:net';
import { z } from 'zod';
import { Personnummer } from '../../shared/bankid/personnummer';
import type { CompletionData } from '../../shared/bankid/schemas';
import { goodOcspResponse } from './bankid-sim-ocsp';
import { OrderBook, SimError, type OrderTimeouts, type SimOrder } from './bankid-sim-orders';
import { createSimulatorPki, issueSignerCertificate, type Issued, type SimulatorPki } from './bankid-sim-pki';
import { signatureXml } from './bankid-sim-signature';

export interface BankIdSimulatorOptions {
  /** 0 (default): a free port. */
  port?: number;
  controlPort?: number;
  pki?: SimulatorPki;
  /** The relying party's name the app shows and the signature carries. */
  rpName?: string;
  /** BankID's start window (30 s) and order lifetime (3 min) unless given; tests reach them by moving the clock (advance), never by waiting. */
  timeouts?: OrderTimeouts;
}

export interface RunningBankIdSimulator {
  /** The RP API base URL, like https://appapi2.test.bankid.com/rp/v6.0. */
  url: string;
  /** The app and test controls (plain HTTP, loopback). */
  controlUrl: string;
  pki: SimulatorPki;
  close(): Promise<void>;
}

const STATUS: Record<string, number> = {
  alreadyInProgress: 400,
  invalidParameters: 400,
  unauthorized: 401,
  notFound: 404,
  methodNotAllowed: 405,
  requestTimeout: 408,
  unsupportedMediaType: 415,
  internalError: 500,
  maintenance: 503,
};

const base64 = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9+/]*={0,2}$/);
const SignBody = z.object({
  endUserIp: z.string().refine((ip) => isIP(ip) !== 0),
  userVisibleData: base64(40_000),
  userVisibleDataFormat: z.literal('simpleMarkdownV1').optional(),
  userNonVisibleData: base64(200_000).optional(),
  requirement: z
    .object({ pinCode: z.boolean().optional(), personalNumber: z.string().regex(/^\d{12}$/).optional(), mrtd: z.boolean().optional() })
    .optional(),
  returnUrl: z.string().url().optional(),
  returnRisk: z.boolean().optional(),
});
const OrderRefBody = z.object({ orderRef: z.string().min(1) });

export async function startBankIdSimulator(options: BankIdSimulatorOptions = {}): Promise<RunningBankIdSimulator> {
  const pki = options.pki ?? (await createSimulatorPki());
  const rpName = options.rpName ?? 'Justera';
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const book = new OrderBook(now, options.timeouts);
  const outage = { errorCode: '', count: 0 };
  const signerCerts = new Map<string, Promise<Issued>>();

  async function rpApi(req: IncomingMessage, body: string): Promise<{ status: number; json: unknown }> {
    if (outage.count > 0) {
      outage.count--;
      throw new SimError(outage.errorCode, STATUS[outage.errorCode] ?? 500, 'Simulated fault');
    }
    const path = new URL(req.url ?? '/', 'https://localhost').pathname;
    const route = /^\/rp\/v6\.0\/(sign|collect|cancel)$/.exec(path)?.[1];
    if (!route) throw new SimError('notFound', 404, 'Not found');
    if (req.method !== 'POST') throw new SimError('methodNotAllowed', 405, 'Only POST');
    if (req.headers['content-type'] !== 'application/json') throw new SimError('unsupportedMediaType', 415, 'Content-Type must be application/json');
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new SimError('invalidParameters', 400, 'Invalid JSON');
    }
    if (route === 'sign') {
      const parsed = SignBody.safeParse(json);
      if (!parsed.success) throw new SimError('invalidParameters', 400, `Invalid ${parsed.error.issues[0]?.path.join('.') || 'body'}`);
      const order = book.create(parsed.data);
      const { orderRef, autoStartToken, qrStartToken, qrStartSecret } = order;
      return { status: 200, json: { orderRef, autoStartToken, qrStartToken, qrStartSecret } };
    }
    const parsed = OrderRefBody.safeParse(json);
    if (!parsed.success) throw new SimError('invalidParameters', 400, 'Invalid orderRef');
    if (route === 'collect') return { status: 200, json: book.collect(parsed.data.orderRef) };
    book.cancel(parsed.data.orderRef);
    return { status: 200, json: {} };
  }

  async function completion(order: SimOrder): Promise<CompletionData> {
    const signer = order.signer!;
    const key = `${signer.personnummer}|${signer.name}`;
    if (!signerCerts.has(key)) signerCerts.set(key, issueSignerCertificate(pki, signer.personnummer, signer.name));
    const cert = await signerCerts.get(key)!;
    const [givenName = signer.name, ...rest] = signer.name.split(' ');
    const xml = signatureXml({
      userVisibleData: order.request.userVisibleData,
      userNonVisibleData: order.request.userNonVisibleData,
      rpName,
      signer: cert,
      chain: [pki.bankCa],
      deviceIp: '127.0.0.1',
    });
    return {
      user: { personalNumber: signer.personnummer, name: signer.name, givenName, surname: rest.join(' ') || signer.name },
      device: { ipAddress: '127.0.0.1', uhi: Buffer.from(signer.personnummer.slice(-4)).toString('base64') },
      bankIdIssueDate: cert.cert.notBefore.toISOString().slice(0, 10),
      signature: Buffer.from(xml, 'utf8').toString('base64'),
      ocspResponse: Buffer.from(await goodOcspResponse(cert, pki.bankCa, new Date(now()))).toString('base64'),
    };
  }

  const control = {
    open: (b: { autoStartToken?: string; qrData?: string }) => {
      const order = book.open(b);
      return { orderRef: order.orderRef, hintCode: order.hintCode };
    },
    identify: (b: { orderRef: string; personnummer: string; name: string }) => {
      const parsed = Personnummer.parse(b.personnummer, new Date(now()));
      if (!parsed.ok) throw new SimError('invalidParameters', 400, parsed.reason);
      if (!b.name?.trim()) throw new SimError('invalidParameters', 400, 'A name is needed');
      const order = book.identify(b.orderRef, parsed.value.digits(), b.name.trim());
      return { orderRef: order.orderRef, hintCode: order.hintCode };
    },
    confirm: async (b: { orderRef: string }) => {
      const order = book.find(b.orderRef);
      if (order.status !== 'pending' || order.hintCode !== 'userSign') throw new SimError('invalidParameters', 409, 'Not waiting for the security code');
      book.complete(b.orderRef, await completion(order));
      return { orderRef: b.orderRef, status: 'complete' };
    },
    cancel: (b: { orderRef: string }) => {
      book.userCancel(b.orderRef);
      return { orderRef: b.orderRef, status: 'failed' };
    },
    /** All the app's steps at once: what `justera bankid-sim sign` does. */
    sign: async (b: { autoStartToken?: string; qrData?: string; personnummer: string; name: string }) => {
      const { orderRef } = control.open(b);
      control.identify({ orderRef, personnummer: b.personnummer, name: b.name });
      return control.confirm({ orderRef });
    },
    advance: (b: { seconds: number }) => {
      if (!(b.seconds >= 0)) throw new SimError('invalidParameters', 400, 'seconds must be a number from 0');
      offsetMs += b.seconds * 1000;
      return { now: new Date(now()).toISOString() };
    },
    outage: (b: { errorCode: string; count?: number }) => {
      outage.errorCode = b.errorCode;
      outage.count = b.count ?? 1;
      return outage;
    },
  };
  const actions: Record<string, (body: never) => unknown> = control;

  const api = createHttpsServer(
    { key: pki.server.keyPem, cert: pki.server.certPem, ca: pki.rpCa.certPem, requestCert: true, rejectUnauthorized: true },
    (req, res) => handle(req, res, (body) => rpApi(req, body)),
  );
  const controls = createHttpServer((req, res) =>
    handle(req, res, async (body) => {
      const name = new URL(req.url ?? '/', 'http://localhost').pathname.slice(1);
      const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
      if (!action || req.method !== 'POST') throw new SimError('notFound', 404, `No control ${name}`);
      return { status: 200, json: await action((body ? JSON.parse(body) : {}) as never) };
    }),
  );
  const listen = (server: typeof api | typeof controls, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const apiPort = await listen(api, options.port ?? 0);
  const controlPort = await listen(controls, options.controlPort ?? 0);
  const close = (server: typeof api | typeof controls) =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    url: `https://127.0.0.1:${apiPort}/rp/v6.0`,
    controlUrl: `http://127.0.0.1:${controlPort}`,
    pki,
    close: async () => {
      await Promise.all([close(api), close(controls)]);
    },
  };
}

function handle(req: IncomingMessage, res: ServerResponse, answer: (body: string) => Promise<{ status: number; json: unknown }>): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size <= 512 * 1024) chunks.push(c);
  });
  req.on('end', () => {
    const reply = (status: number, json: unknown) => {
      const text = JSON.stringify(json);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (size > 512 * 1024) return reply(400, { errorCode: 'invalidParameters', details: 'Request too large' });
    answer(Buffer.concat(chunks).toString('utf8')).then(
      (r) => reply(r.status, r.json),
      (error: unknown) =>
        error instanceof SimError
          ? reply(error.httpStatus, { errorCode: error.errorCode, details: error.message })
          : reply(500, { errorCode: 'internalError', details: (error as Error).message }),
    );
  });
}
