// BankID evidence sealed with a data key per signature: on AWS the key comes
// from KMS GenerateDataKey and is unwrapped with Decrypt (through the real
// KMSClient against the KMS simulator on loopback), on one machine it is
// wrapped under the key file in the data folder. Either way the stored record
// holds no readable personnummer, opens only for the signature it was kept
// for, and a changed byte does not open at all.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_KEY_FILE, localEvidenceKeys } from '../../../infra/local/bankid-personnummer-key';
import { startKmsSimulator, type KmsSimulator } from '../../../infra/local/kms-simulator';
import { kmsDataKeys } from '../../../shared/adapters/bankid-kms-evidence';
import { openEvidence, sealEvidence, signatureSha256, type DataKeys, type Evidence } from '../../../shared/bankid/evidence';

const PN = '198112189876';
const EVIDENCE: Evidence = {
  completionData: {
    user: { personalNumber: PN, name: 'Helena Proos', givenName: 'Helena', surname: 'Proos' },
    device: { ipAddress: '192.0.2.10' },
    bankIdIssueDate: '2024-05-02',
    signature: Buffer.from('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">…</Signature>').toString('base64'),
    ocspResponse: Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x00]).toString('base64'),
  },
  visibleText: 'Protokoll',
  pdfSha256: 'a'.repeat(64),
};
const CONTEXT = { protocolId: 'p1', signerId: 's1' };
const AT = '2026-01-02T03:04:05.000Z';

let kms: KmsSimulator;
let client: KMSClient;

beforeAll(async () => {
  kms = await startKmsSimulator({
    'alias/justera-evidence': { keySpec: 'SYMMETRIC_DEFAULT', secret: randomBytes(32) },
    'alias/justera-personnummer': { keySpec: 'HMAC_256', secret: randomBytes(32) },
  });
  client = new KMSClient({ region: 'eu-north-1', endpoint: kms.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  client?.destroy();
  await kms?.close();
});

const flip = (b64: string) => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[bytes.length - 1]! ^= 1;
  return bytes.toString('base64');
};

function keepsAndOpens(name: string, keys: () => Promise<DataKeys>) {
  describe(name, () => {
    it('seals the evidence so the stored record holds neither the personnummer nor the IP, and opens it again', async () => {
      const sealed = await sealEvidence(await keys(), CONTEXT, EVIDENCE, AT);
      const stored = JSON.stringify(sealed);
      for (const secret of [PN, '192.0.2.10', 'Helena', Buffer.from(PN).toString('base64')]) expect(stored).not.toContain(secret);
      expect(Buffer.from(sealed.ciphertext, 'base64').toString('latin1')).not.toContain(PN);
      expect(sealed.signatureSha256).toBe(signatureSha256(EVIDENCE.completionData));
      expect(await openEvidence(await keys(), sealed)).toEqual(EVIDENCE);
    });

    it('does not open a changed ciphertext, a changed wrapped key, or a record moved onto another signature', async () => {
      const sealed = await sealEvidence(await keys(), CONTEXT, EVIDENCE, AT);
      await expect(openEvidence(await keys(), { ...sealed, ciphertext: flip(sealed.ciphertext) })).rejects.toThrow(/does not decrypt/);
      await expect(openEvidence(await keys(), { ...sealed, wrappedKey: flip(sealed.wrappedKey) })).rejects.toThrow();
      await expect(openEvidence(await keys(), { ...sealed, signerId: 's2' })).rejects.toThrow();
      await expect(openEvidence(await keys(), { ...sealed, protocolId: 'p2' })).rejects.toThrow();
    });
  });
}

keepsAndOpens('on AWS: a KMS data key per signature', async () => kmsDataKeys(client, 'alias/justera-evidence'));

const dir = mkdtempSync(join(tmpdir(), 'evidence-key-'));
keepsAndOpens('on one machine: the key file', () => localEvidenceKeys(dir));

describe('the key material', () => {
  it('KMS: GenerateDataKey (AES_256) and Decrypt carry the protocol and signer as encryption context', async () => {
    const sealed = await sealEvidence(kmsDataKeys(client, 'alias/justera-evidence'), CONTEXT, EVIDENCE, AT);
    await openEvidence(kmsDataKeys(client, 'alias/justera-evidence'), sealed);
    const context = { purpose: 'justera-bankid-evidence', ...CONTEXT };
    expect(kms.calls.filter((c) => c.operation === 'GenerateDataKey').at(-1)?.input).toEqual({ KeyId: 'alias/justera-evidence', KeySpec: 'AES_256', EncryptionContext: context });
    expect(kms.calls.filter((c) => c.operation === 'Decrypt').at(-1)?.input).toMatchObject({ EncryptionContext: context });
    expect(sealed.keyId).toMatch(/^arn:aws:kms:eu-north-1:\d+:key\//);
  });

  it('KMS: a key that is not for encryption is refused with KMS’s error', async () => {
    await expect(sealEvidence(kmsDataKeys(client, 'alias/justera-personnummer'), CONTEXT, EVIDENCE, AT)).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
  });

  it('locally: one key file, mode 0600, made once and kept', async () => {
    const first = await sealEvidence(await localEvidenceKeys(dir), CONTEXT, EVIDENCE, AT);
    expect(statSync(join(dir, EVIDENCE_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(await openEvidence(await localEvidenceKeys(dir), first)).toEqual(EVIDENCE);
    const other = mkdtempSync(join(tmpdir(), 'evidence-key-'));
    await expect(openEvidence(await localEvidenceKeys(other), first)).rejects.toThrow(/does not unwrap/);
  });
});
