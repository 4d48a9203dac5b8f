// The checks `justera seal-certificate import` makes on an issued chain, and
// the organisation identifier a certificate request carries.
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { checkIssuedChain } from '../../../shared/seal/chain';
import { organisationIdentifier } from '../../../shared/seal/csr';

const crypto = webcrypto as unknown as Crypto;
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY = 86_400_000;

async function keys(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function issued(options: { ca?: boolean; notAfter?: Date; usage?: number } = {}) {
  const caKeys = await keys();
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    { serialNumber: '01', name: 'CN=Test CA', keys: caKeys, signingAlgorithm: ALG, notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 365 * DAY), extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)] },
    crypto,
  );
  const sealKeys = await keys();
  const leaf = await x509.X509CertificateGenerator.create(
    {
      serialNumber: '02',
      subject: 'CN=Sigill, O=Exempel kommun',
      issuer: ca.subject,
      publicKey: sealKeys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: ALG,
      notBefore: new Date(Date.now() - 2 * DAY),
      notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY),
      extensions: [new x509.BasicConstraintsExtension(options.ca ?? false, undefined, true), new x509.KeyUsagesExtension(options.usage ?? x509.KeyUsageFlags.nonRepudiation, true)],
    },
    crypto,
  );
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', sealKeys.publicKey));
  return { pem: leaf.toString('pem') + '\n' + ca.toString('pem'), spki, ca: ca.toString('pem') };
}

describe('checkIssuedChain', () => {
  it('accepts a chain for the key, leaf first, and names the issuer', async () => {
    const { pem, spki } = await issued();
    const chain = checkIssuedChain(pem, spki);
    expect(chain.certificates).toHaveLength(2);
    expect(chain.issuer).toBe('CN=Test CA');
  });

  it('refuses an expired seal certificate, a CA certificate and one not for signatures', async () => {
    const expired = await issued({ notAfter: new Date(Date.now() - DAY) });
    expect(() => checkIssuedChain(expired.pem, expired.spki)).toThrow(/not valid now/);
    const ca = await issued({ ca: true });
    expect(() => checkIssuedChain(ca.pem, ca.spki)).toThrow(/is a CA certificate/);
    const encipher = await issued({ usage: x509.KeyUsageFlags.keyEncipherment });
    expect(() => checkIssuedChain(encipher.pem, encipher.spki)).toThrow(/not for signatures/);
  });

  it('refuses a file without certificates', () => {
    expect(() => checkIssuedChain('nothing here', new Uint8Array())).toThrow(/no PEM certificate/);
  });
});

describe('organisationIdentifier', () => {
  it('writes a Swedish organisationsnummer as ETSI EN 319 412-1 asks, and refuses anything else', () => {
    expect(organisationIdentifier('212000-0142')).toBe('NTRSE-2120000142');
    expect(organisationIdentifier('2120000142')).toBe('NTRSE-2120000142');
    expect(() => organisationIdentifier('21200-0142')).toThrow(/organisationsnummer/);
  });
});
