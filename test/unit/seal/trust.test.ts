// Whose key made a seal: a seal by the organisation's key is trusted (pinned
// certificate, or a certificate issued under a trusted CA); a re-worded copy
// re-sealed with a new key of the same subject name is intact but not trusted;
// without a trust anchor nothing is claimed about the signer.
import { webcrypto } from 'node:crypto';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalSealKey, signerFromPem } from '../../../shared/seal/local-key';
import { sealPdf } from '../../../shared/seal/seal';
import type { SealSigner } from '../../../shared/seal/types';
import { verifySealedPdf } from '../../../shared/seal/verify';
import { appendUpdate, Snapshot } from '../../../shared/stamp/incremental';
import { stampedFixture, tempDir } from './helpers';

const ORGANISATION = 'Region Örebro län';
const crypto = webcrypto as unknown as Crypto;
let dir: string;
let remove: () => Promise<void>;
let ours: SealSigner;
let stamped: Uint8Array;
let genuine: Uint8Array;

/** The protocol with a sentence of its decision changed: what a forger would publish. */
/**
 * The forger's best copy: the decision re-worded in an update appended to the
 * stamped record, so the draft's bytes (and the prefix proof) stay intact and
 * only the key can tell it apart.
 */
async function reworded(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes);
  const snapshot = Snapshot.of(doc, bytes);
  const page = doc.getPage(0);
  page.drawRectangle({ x: 60, y: 400, width: 400, height: 14, color: rgb(1, 1, 1) });
  page.drawText('att avslå förslaget i sin helhet.', { x: 62, y: 403, size: 10, font: await doc.embedFont(StandardFonts.Helvetica) });
  await doc.flush();
  return appendUpdate(doc, snapshot);
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };

async function keyPair(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/** A CA and a seal certificate it issues, as an organisation's PKI would: the seal's PEM holds leaf then CA. */
async function issued(caName: string, caKeys?: CryptoKeyPair): Promise<{ signer: SealSigner; ca: x509.X509Certificate; caKeys: CryptoKeyPair }> {
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(Date.now() + 365 * 86_400_000);
  const cak = caKeys ?? (await keyPair());
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: '01',
      name: `CN=${caName}, O=${ORGANISATION}`,
      notBefore,
      notAfter,
      keys: cak,
      signingAlgorithm: RSA,
      extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
    },
    crypto,
  );
  const leafKeys = await keyPair();
  const leaf = await x509.X509CertificateGenerator.create(
    {
      serialNumber: '02',
      subject: `CN=${ORGANISATION} försegling, O=${ORGANISATION}`,
      issuer: ca.subject,
      notBefore,
      notAfter,
      publicKey: leafKeys.publicKey,
      signingKey: cak.privateKey,
      signingAlgorithm: RSA,
      extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true)],
    },
    crypto,
  );
  const signer = signerFromPem(await pkcs8Pem(leafKeys.privateKey), `${leaf.toString('pem')}\n${ca.toString('pem')}`);
  return { signer, ca, caKeys: cak };
}

beforeAll(async () => {
  ({ dir, remove } = await tempDir());
  ours = await ensureLocalSealKey(path.join(dir, 'ours'), ORGANISATION, { algorithm: 'EC' });
  stamped = await stampedFixture();
  genuine = await sealPdf(stamped, ours);
});
afterAll(async () => {
  await remove();
});

describe('trust', () => {
  it('a seal by a published certificate is trusted (pinned)', async () => {
    const result = await verifySealedPdf(genuine, { trustAnchors: [ours.certificate], organisation: ORGANISATION });
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.trust).toMatchObject({ trusted: true, method: 'pinned' });
  });

  it('a re-worded copy re-sealed with a new key of the same subject name is intact, but not sealed by the organisation', async () => {
    const theirs = await ensureLocalSealKey(path.join(dir, 'theirs'), ORGANISATION, { algorithm: 'EC' });
    const forged = await sealPdf(await reworded(stamped), theirs);
    const untrusted = await verifySealedPdf(forged);
    // On its own the forgery verifies: the signature is sound, only the key is someone else's.
    expect(untrusted.valid).toBe(true);
    expect(untrusted.trust).toBeNull();
    expect(untrusted.certificate?.subject).toBe((await verifySealedPdf(genuine)).certificate?.subject);

    const result = await verifySealedPdf(forged, { trustAnchors: [ours.certificate], organisation: ORGANISATION });
    expect(result.valid).toBe(false);
    expect(result.trust?.trusted).toBe(false);
    expect(result.problems.join('\n')).toContain(`not sealed by ${ORGANISATION}'s key`);
  });

  it('a CA-issued seal certificate is trusted through its chain to the CA, and only to that CA', async () => {
    const pki = await issued('Exempel CA');
    const sealed = await sealPdf(stamped, pki.signer);
    const trusted = await verifySealedPdf(sealed, { trustAnchors: [new Uint8Array(pki.ca.rawData)], organisation: ORGANISATION });
    expect(trusted.problems).toEqual([]);
    expect(trusted.trust).toMatchObject({ trusted: true, method: 'chain' });

    // Another CA with the very same name (and a leaf it issued, carrying its own look-alike CA in the CMS) is not ours.
    const impostor = await issued('Exempel CA');
    const forged = await sealPdf(await reworded(stamped), impostor.signer);
    const refused = await verifySealedPdf(forged, { trustAnchors: [new Uint8Array(pki.ca.rawData)], organisation: ORGANISATION });
    expect(refused.valid).toBe(false);
    expect(refused.problems.join('\n')).toContain(`not sealed by ${ORGANISATION}'s key`);
    // Nor does pinning our own seal certificate vouch for a CA-issued one.
    const pinnedOther = await verifySealedPdf(sealed, { trustAnchors: [ours.certificate], organisation: ORGANISATION });
    expect(pinnedOther.valid).toBe(false);
  });
});
