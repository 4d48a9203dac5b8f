// BankID on AWS: the RP certificate, its key, BankID's server CA and the
// signature roots come from one Secrets Manager entry (JSON), which only the
// sign function may read; the URL picks test or production.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as x509 from '@peculiar/x509';
import * as z from 'zod';
import { bankIdClient } from '../bankid/client';
import type { BankIdService } from '../bankid/types';
import type { AwsConfig } from '../config';

const Secret = z.object({ certPem: z.string().min(1), keyPem: z.string().min(1), caPem: z.string().min(1), rootsPem: z.string().min(1), passphrase: z.string().optional() });

export async function secretsManagerBankId(config: AwsConfig): Promise<BankIdService> {
  if (!config.JUSTERA_BANKID_URL || !config.JUSTERA_BANKID_SECRET) throw new Error('BankID is not configured (JUSTERA_BANKID_URL, JUSTERA_BANKID_SECRET).');
  const out = await new SecretsManagerClient({ region: config.AWS_REGION }).send(new GetSecretValueCommand({ SecretId: config.JUSTERA_BANKID_SECRET }));
  const parsed = Secret.safeParse(JSON.parse(out.SecretString ?? 'null'));
  if (!parsed.success) throw new Error(`The secret ${config.JUSTERA_BANKID_SECRET} is not {certPem, keyPem, caPem, rootsPem}.`);
  const s = parsed.data;
  const anchors = x509.PemConverter.decode(s.rootsPem).map((der) => new Uint8Array(der));
  return { rp: bankIdClient({ baseUrl: config.JUSTERA_BANKID_URL, credentials: { certPem: s.certPem, keyPem: s.keyPem, passphrase: s.passphrase }, caPem: s.caPem }), anchors };
}
