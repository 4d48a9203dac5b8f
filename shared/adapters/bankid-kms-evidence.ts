// The evidence key on AWS: a symmetric KMS key (SYMMETRIC_DEFAULT). Each
// BankID signature gets its own data key from GenerateDataKey (sign function);
// only its wrapped form is stored, and only the admin function may Decrypt it.
// The protocol and signer are the encryption context, so KMS refuses to
// unwrap a key moved onto another signature's record.
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { evidenceVault, type DataKeys, type EvidenceContext, type EvidenceVault } from '../bankid/evidence';
import type { AwsConfig } from '../config';
import { documentClient } from './clients';
import { evidenceRecords } from './dynamo/evidence';

const encryptionContext = (c: EvidenceContext) => ({ purpose: 'justera-bankid-evidence', protocolId: c.protocolId, signerId: c.signerId });

export function kmsDataKeys(client: KMSClient, keyId: string): DataKeys {
  return {
    async generate(context) {
      const out = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: encryptionContext(context) }));
      if (!out.Plaintext || out.Plaintext.length !== 32 || !out.CiphertextBlob) throw new Error(`KMS returned no AES-256 data key for key ${keyId}.`);
      return { plaintext: out.Plaintext, wrapped: out.CiphertextBlob, keyId: out.KeyId ?? keyId };
    },
    async unwrap(wrapped, wrappedBy, context) {
      const out = await client.send(new DecryptCommand({ KeyId: wrappedBy, CiphertextBlob: wrapped, EncryptionContext: encryptionContext(context) }));
      if (!out.Plaintext || out.Plaintext.length !== 32) throw new Error(`KMS returned no data key for key ${wrappedBy}.`);
      return out.Plaintext;
    },
  };
}

/** The key named by JUSTERA_EVIDENCE_KEY_ID. */
export function kmsEvidenceKeys(config: AwsConfig): DataKeys {
  if (!config.JUSTERA_EVIDENCE_KEY_ID) throw new Error('JUSTERA_EVIDENCE_KEY_ID is not set: no BankID evidence can be kept or read.');
  return kmsDataKeys(new KMSClient({ region: config.AWS_REGION }), config.JUSTERA_EVIDENCE_KEY_ID);
}

/** The sign (keeps) and admin (opens) functions' factory: records in the table, their data keys wrapped by the KMS key. */
export function kmsEvidenceVault(config: AwsConfig): EvidenceVault {
  return evidenceVault(kmsEvidenceKeys(config), evidenceRecords(documentClient(config.AWS_REGION), config.JUSTERA_TABLE));
}
