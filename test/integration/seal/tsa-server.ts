// A small RFC 3161 time-stamping authority for tests: a real HTTP server on
// 127.0.0.1 that answers TimeStampReq with tokens signed by its own key
// (pkijs), so the seal's TSA path runs end to end without the internet.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const crypto = webcrypto as unknown as Crypto;
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

export interface TestTsa {
  url: string;
  requests: number;
  certificate: Uint8Array;
  close(): Promise<void>;
}

export async function startTestTsa(): Promise<TestTsa> {
  const keys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: [{ CN: ['Justera test-TSA'] }, { O: ['Exempel AB'] }],
      keys,
      signingAlgorithm: ALG,
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 86_400_000),
      extensions: [
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
      ],
    },
    crypto,
  );
  const der = new Uint8Array(cert.rawData);
  const pkiCert = pkijs.Certificate.fromBER(der);
  let serial = 1;

  async function answer(body: Uint8Array): Promise<Uint8Array> {
    const request = pkijs.TimeStampReq.fromBER(new Uint8Array(body));
    const tst = new pkijs.TSTInfo({
      version: 1,
      policy: '1.3.6.1.4.1.99999.1',
      messageImprint: request.messageImprint,
      serialNumber: new asn1js.Integer({ value: serial++ }),
      genTime: new Date(Math.floor(Date.now() / 1000) * 1000),
      nonce: request.nonce,
    });
    const tstDer = tst.toSchema().toBER();
    // ESS signing-certificate-v2 over the TSA certificate, as RFC 3161 (with RFC 5816) asks.
    const ess = new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: createHash('sha256').update(der).digest() })] })],
        }),
      ],
    });
    const signed = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({
        eContentType: '1.2.840.113549.1.9.16.1.4',
        eContent: new asn1js.OctetString({ valueHex: tstDer }),
      }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: pkiCert.issuer, serialNumber: pkiCert.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.9.16.1.4' })] }),
              new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(new Uint8Array(tstDer)).digest() })] }),
              new pkijs.Attribute({ type: '1.2.840.113549.1.9.16.2.47', values: [ess] }),
            ],
          }),
        }),
      ],
      certificates: request.certReq ? [pkiCert] : undefined,
    });
    await signed.sign(keys.privateKey, 0, 'SHA-256');
    const response = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
      timeStampToken: new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signed.toSchema(true) }),
    });
    return new Uint8Array(response.toSchema().toBER());
  }

  const tsa: TestTsa = { url: '', requests: 0, certificate: der, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      tsa.requests++;
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(415).end();
        return;
      }
      answer(Buffer.concat(chunks)).then(
        (reply) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(reply),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tsa.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
  tsa.close = () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  return tsa;
}
