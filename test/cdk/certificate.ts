// A throwaway self-signed certificate, for configuration tests (on AWS the
// certificate certifies the KMS seal key's public key).
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

export async function selfSignedPem(modulusLength = 3072): Promise<string> {
  const crypto = webcrypto as unknown as Crypto;
  const params = { name: 'RSASSA-PKCS1-v1_5', modulusLength, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  const keys = (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    { serialNumber: '01', name: 'CN=Justera test seal', notBefore: new Date(), notAfter: new Date(Date.now() + 86_400_000), keys, signingAlgorithm: params },
    crypto,
  );
  return cert.toString('pem');
}
