// The personnummer key on AWS: a KMS HMAC key (KeySpec HMAC_256, KeyUsage
// GENERATE_VERIFY_MAC). The key never leaves KMS; each hash is a GenerateMac
// call, allowed to the functions that take or check a personnummer only.
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import type { AwsConfig } from '../config';
import type { PersonnummerHasher } from '../bankid/personnummer';

export function kmsPersonnummerHasher(client: KMSClient, keyId: string): PersonnummerHasher {
  return {
    async hash(personnummer) {
      const out = await client.send(
        new GenerateMacCommand({ KeyId: keyId, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(personnummer.digits(), 'ascii') }),
      );
      if (!out.Mac || out.Mac.length !== 32) throw new Error(`KMS returned no HMAC-SHA256 for key ${keyId}.`);
      return Buffer.from(out.Mac).toString('hex');
    },
  };
}

/** The admin and sign functions' factory: the key named by JUSTERA_PERSONNUMMER_KEY_ID. */
export function kmsPersonnummers(config: AwsConfig): PersonnummerHasher {
  if (!config.JUSTERA_PERSONNUMMER_KEY_ID) throw new Error('JUSTERA_PERSONNUMMER_KEY_ID is not set: no personnummer can be taken or checked.');
  return kmsPersonnummerHasher(new KMSClient({ region: config.AWS_REGION }), config.JUSTERA_PERSONNUMMER_KEY_ID);
}
