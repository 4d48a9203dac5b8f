// BankID on one machine: the same client as on AWS, its certificates read
// from the PEM files the configuration names (the simulator's, which `npm
// start` makes under the data folder, or BankID's test environment's).
import { readFile } from 'node:fs/promises';
import * as x509 from '@peculiar/x509';
import { bankIdClient } from '../../shared/bankid/client';
import type { BankIdService } from '../../shared/bankid/types';
import type { LocalConfig } from '../../shared/config';

export async function localBankId(config: LocalConfig): Promise<BankIdService> {
  const { JUSTERA_BANKID_URL: url, JUSTERA_BANKID_CERT: cert, JUSTERA_BANKID_KEY: key, JUSTERA_BANKID_CA: ca, JUSTERA_BANKID_ROOTS: roots } = config;
  if (!url || !cert || !key || !ca || !roots) throw new Error('BankID is not configured (JUSTERA_BANKID_URL and its certificate files).');
  const [certPem, keyPem, caPem, rootsPem] = await Promise.all([cert, key, ca, roots].map((file) => readFile(file, 'utf8')));
  const anchors = x509.PemConverter.decode(rootsPem!).map((der) => new Uint8Array(der));
  if (!anchors.length) throw new Error(`${roots} holds no certificate.`);
  return { rp: bankIdClient({ baseUrl: url, credentials: { certPem: certPem!, keyPem: keyPem! }, caPem: caPem! }), anchors };
}
