// The personnummer's keyed hash on AWS: GenerateMac on a KMS HMAC key, through
// the real KMSClient against the KMS simulator on loopback. The same key
// material gives the same hash as the local key file, so a body can move
// between the two without its members' hashes changing meaning.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKmsSimulator, type KmsSimulator } from '../../../infra/local/kms-simulator';
import { kmsPersonnummerHasher } from '../../../shared/adapters/bankid-kms-hasher';
import { hmacHasher, Personnummer } from '../../../shared/bankid/personnummer';

const material = randomBytes(32);
let kms: KmsSimulator;
let client: KMSClient;

beforeAll(async () => {
  kms = await startKmsSimulator({
    'alias/justera-personnummer': { keySpec: 'HMAC_256', secret: material },
    'alias/justera-seal': { keySpec: 'ECC_NIST_P256', privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey },
  });
  client = new KMSClient({ region: 'eu-north-1', endpoint: kms.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  client?.destroy();
  await kms?.close();
});

describe('kmsPersonnummerHasher', () => {
  const p = Personnummer.of('198112189876');

  it('hashes with one GenerateMac (HMAC_SHA_256) over the twelve digits, the same hash as the local one for the same key material', async () => {
    const hash = await kmsPersonnummerHasher(client, 'alias/justera-personnummer').hash(p);
    expect(hash).toBe(await hmacHasher(material).hash(p));
    const macs = kms.calls.filter((c) => c.operation === 'GenerateMac');
    expect(macs).toEqual([{ operation: 'GenerateMac', input: { KeyId: 'alias/justera-personnummer', MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('198112189876').toString('base64') } }]);
  });

  it('fails with KMS’s own error for an unknown key or a key that is not for MACs', async () => {
    await expect(kmsPersonnummerHasher(client, 'alias/none').hash(p)).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(kmsPersonnummerHasher(client, 'alias/justera-seal').hash(p)).rejects.toMatchObject({ name: 'InvalidKeyUsageException' });
  });
});
