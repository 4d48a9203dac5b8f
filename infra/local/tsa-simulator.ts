// A time-stamping authority for one machine: RFC 3161 over HTTP on loopback,
// with its own test CA (made at first start, kept in the data folder when one
// is given) that issues the TSA certificate and publishes a CRL for what it
// issued, so the seal's long-term validation (PAdES B-LT) runs end to end
// without the internet. It can also issue a seal certificate from a PKCS#10
// request, as a real CA would, for trying `justera seal-certificate import`.
// Production code knows only a TSA URL (JUSTERA_TSA_URL); nothing here ships.
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const crypto = webcrypto as unknown as Crypto;
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const CA_NAME = 'CN=Justera test-CA, O=Justera test';
const DAY = 86_400_000;

export interface RunningTsaSimulator {
  /** POST RFC 3161 requests here. */
  url: string;
  /** The CA's CRL (DER), named in every certificate it issues. */
  crlUrl: string;
  /** DER certificates: the CA (the trust anchor) and the TSA's. */
  caCertificate: Uint8Array;
  tsaCertificate: Uint8Array;
  /** Time-stamp requests answered so far. */
  requests(): number;
  /** Issues a seal certificate for the public key of a PKCS#10 request (DER or PEM); returns the DER certificate. */
  issue(csr: Uint8Array | string, options?: { days?: number }): Promise<Uint8Array>;
  /** Puts a certificate (by hex serial) on the CRL. */
  revoke(serialHex: string): void;
  close(): Promise<void>;
}

interface Ca {
  keys: CryptoKeyPair;
  cert: x509.X509Certificate;
}

const serial = () => {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40; // positive, no leading zero
  return bytes.toString('hex');
};

/** The CA from `dir` (created there at first start), or a fresh one kept in memory. */
async function loadOrCreateCa(dir: string | undefined): Promise<Ca> {
  const keyFile = dir && join(dir, 'ca-key.pem');
  const certFile = dir && join(dir, 'ca.pem');
  if (keyFile && certFile) {
    try {
      const [keyPem, certPem] = await Promise.all([readFile(keyFile, 'utf8'), readFile(certFile, 'utf8')]);
      const cert = new x509.X509Certificate(certPem);
      const privateKey = await crypto.subtle.importKey('pkcs8', x509.PemConverter.decode(keyPem)[0]!, ALG, true, ['sign']);
      return { keys: { privateKey, publicKey: await cert.publicKey.export(ALG, ['verify'], crypto) }, cert };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const keys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial(),
      name: CA_NAME,
      keys,
      signingAlgorithm: ALG,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 10 * 365 * DAY),
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  if (dir && keyFile && certFile) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
    await writeFile(keyFile, x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), { mode: 0o600 });
    await writeFile(certFile, cert.toString('pem'));
  }
  return { keys, cert };
}

/** A certificate under the CA whose revocation status is on the CA's CRL. */
async function issueUnder(ca: Ca, subject: string | x509.Name, publicKey: CryptoKey | x509.PublicKey, crlUrl: string, usage: 'tsa' | 'seal', days: number): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create(
    {
      serialNumber: serial(),
      subject: typeof subject === 'string' ? subject : subject.toString(),
      issuer: ca.cert.subject,
      publicKey,
      signingKey: ca.keys.privateKey,
      signingAlgorithm: ALG,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + days * DAY),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        usage === 'tsa'
          ? new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)
          : new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        ...(usage === 'tsa' ? [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true)] : []),
        await x509.AuthorityKeyIdentifierExtension.create(ca.cert, false, crypto),
        new x509.CRLDistributionPointsExtension([crlUrl]),
        // Where a validator fetches the issuer (RFC 5280 4.2.2.1): the token and the seal carry only their own certificate.
        new x509.AuthorityInfoAccessExtension({ caIssuers: new x509.GeneralName('url', crlUrl.replace(/\/crl$/, '/ca.cer')) }),
      ],
    },
    crypto,
  );
}

/** Starts the simulator on 127.0.0.1 (a free port unless given); `dir` keeps its CA across restarts. */
export async function startTsaSimulator(options: { dir?: string; port?: number } = {}): Promise<RunningTsaSimulator> {
  const ca = await loadOrCreateCa(options.dir);
  const revoked = new Map<string, Date>();
  let answered = 0;
  let tsa: { keys: CryptoKeyPair; cert: pkijs.Certificate; der: Uint8Array } | null = null;

  async function crl(): Promise<Uint8Array> {
    const list = await x509.X509CrlGenerator.create(
      {
        issuer: ca.cert.subject,
        thisUpdate: new Date(Date.now() - 60_000),
        nextUpdate: new Date(Date.now() + DAY),
        signingKey: ca.keys.privateKey,
        signingAlgorithm: ALG,
        entries: [...revoked].map(([serialNumber, revocationDate]) => ({ serialNumber, revocationDate })),
        extensions: [await x509.AuthorityKeyIdentifierExtension.create(ca.cert, false, crypto)],
      },
      crypto,
    );
    return new Uint8Array(list.rawData);
  }

  async function timestamp(body: Uint8Array): Promise<Uint8Array> {
    const { keys, cert, der } = tsa!;
    const request = pkijs.TimeStampReq.fromBER(new Uint8Array(body));
    const tst = new pkijs.TSTInfo({
      version: 1,
      policy: '1.3.6.1.4.1.99999.1',
      messageImprint: request.messageImprint,
      serialNumber: new asn1js.Integer({ valueHex: Buffer.from(serial(), 'hex') }),
      genTime: new Date(Math.floor(Date.now() / 1000) * 1000),
      nonce: request.nonce,
    });
    const tstDer = tst.toSchema().toBER();
    // ESS signing-certificate-v2 over the TSA certificate, as RFC 3161 (with RFC 5816) asks.
    const ess = new asn1js.Sequence({
      value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: createHash('sha256').update(der).digest() })] })] })],
    });
    const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });
    const signed = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.9.16.1.4', eContent: new asn1js.OctetString({ valueHex: tstDer }) }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              attribute('1.2.840.113549.1.9.3', new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.9.16.1.4' })),
              attribute('1.2.840.113549.1.9.4', new asn1js.OctetString({ valueHex: createHash('sha256').update(new Uint8Array(tstDer)).digest() })),
              attribute('1.2.840.113549.1.9.16.2.47', ess),
            ],
          }),
        }),
      ],
      // Only the TSA's own certificate, which the ESS attribute binds; the CA's comes with the CRL (GET /ca.pem).
      certificates: request.certReq ? [cert] : undefined,
    });
    await signed.sign(keys.privateKey, 0, 'SHA-256');
    answered++;
    const response = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
      timeStampToken: new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signed.toSchema(true) }),
    });
    return new Uint8Array(response.toSchema().toBER());
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, type: string, body: Uint8Array | string) => res.writeHead(status, { 'content-type': type }).end(body);
      const path = (req.url ?? '').split('?')[0];
      let answer: Promise<void>;
      if (req.method === 'POST' && path === '/tsa' && req.headers['content-type'] === 'application/timestamp-query')
        answer = timestamp(new Uint8Array(Buffer.concat(chunks))).then((body) => void reply(200, 'application/timestamp-reply', body));
      else if (req.method === 'GET' && path === '/crl') answer = crl().then((body) => void reply(200, 'application/pkix-crl', body));
      else if (req.method === 'GET' && path === '/ca.cer') answer = Promise.resolve(void reply(200, 'application/pkix-cert', new Uint8Array(ca.cert.rawData)));
      else if (req.method === 'GET' && path === '/ca.pem') answer = Promise.resolve(void reply(200, 'application/x-pem-file', ca.cert.toString('pem')));
      else answer = Promise.resolve(void reply(req.method === 'POST' ? 415 : 404, 'text/plain', 'no such endpoint'));
      answer.catch((error: unknown) => reply(500, 'text/plain', String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const crlUrl = `${base}/crl`;

  // The TSA's own certificate names this run's CRL address, so it is issued afresh at each start.
  const tsaKeys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const tsaCert = await issueUnder(ca, 'CN=Justera test-TSA, O=Justera test', tsaKeys.publicKey, crlUrl, 'tsa', 365);
  const tsaDer = new Uint8Array(tsaCert.rawData);
  tsa = { keys: tsaKeys, cert: pkijs.Certificate.fromBER(tsaDer), der: tsaDer };
  const caDer = new Uint8Array(ca.cert.rawData);

  return {
    url: `${base}/tsa`,
    crlUrl,
    caCertificate: caDer,
    tsaCertificate: tsaDer,
    requests: () => answered,
    async issue(csr, issueOptions = {}) {
      const request = new x509.Pkcs10CertificateRequest(typeof csr === 'string' ? csr : new Uint8Array(csr));
      if (!(await request.verify(crypto))) throw new Error('The certificate request is not signed by its own key.');
      const cert = await issueUnder(ca, request.subjectName, request.publicKey, crlUrl, 'seal', issueOptions.days ?? 365);
      return new Uint8Array(cert.rawData);
    },
    revoke(serialHex) {
      revoked.set(serialHex.toLowerCase(), new Date(Date.now() - 1000));
    },
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
