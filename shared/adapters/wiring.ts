// What a function may reach beyond the table, bucket and bus. Both composition
// roots (shared/adapters/aws.ts, infra/local/runtime.ts) honour it alike.
import type { EvidenceVault } from '../bankid/evidence';
import type { PersonnummerHasher } from '../bankid/personnummer';
import type { BankIdService } from '../bankid/types';
import type { AwsConfig, Config } from '../config';
import type { Deps, Mailer, Requeue } from '../ports';
import type { SealSigner } from '../seal/types';

/**
 * The rights of one function, each with the AWS adapter for it. Only the
 * functions that send mail name a mailer (the ones IAM lets call SES), only
 * stamp the seal key, only admin the queues, only api the published seal
 * certificates, only sign BankID; the local root swaps in its own
 * adapter for exactly these, so the rights are the same on both runtimes. The
 * handlers pass the factories in so that a bundle carries only the adapter
 * code its function may use.
 */
export interface Wiring {
  sealSigner?: (config: AwsConfig) => Promise<SealSigner>;
  mailer?: (config: AwsConfig) => Mailer;
  requeue?: (config: AwsConfig) => Requeue;
  /** Admin (import) and sign (identity check). */
  personnummers?: (config: AwsConfig) => PersonnummerHasher;
  /** Sign only: BankID's RP API over mutual TLS. */
  bankId?: (config: AwsConfig) => Promise<BankIdService>;
  /** Sign (keeps BankID evidence) and admin (opens it): the records and the key that wraps each one's data key. */
  evidence?: (config: AwsConfig) => EvidenceVault;
  /** Api only: the seal certificates the stack publishes (GET /seal, the protocol pages). */
  sealCertificates?: (config: AwsConfig) => string[];
}

/** One runtime's adapters. */
export interface CompositionRoot {
  readonly config: Config;
  deps(wiring: Wiring): Deps;
}

/** What a function gets for a right it lacks: a loud failure, never a fallback. */
export const NO_MAIL: Mailer = {
  send: () => Promise.reject(new Error('this function sends no mail')),
};
export const NO_SEAL_KEY = (): Promise<SealSigner> => Promise.reject(new Error('this function has no access to the seal key'));
export const NO_REQUEUE: Requeue = () => Promise.reject(new Error('this function cannot send to the queues'));

export const NO_PERSONNUMMER_KEY = (): Promise<PersonnummerHasher> => Promise.reject(new Error('this function has no access to the personnummer key'));
export const NO_EVIDENCE_KEY = (): Promise<EvidenceVault> => Promise.reject(new Error('this function has no access to the evidence key'));
export const NO_SEAL_CERTIFICATES = (): Promise<string[]> => Promise.reject(new Error('this function publishes no seal certificates'));
export const NO_BANKID = (): Promise<BankIdService> => Promise.reject(new Error('this function cannot reach BankID'));

/** Made on first use and kept: one client, one key read per container. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** The seal signer is made on first use and kept (one KMS client, one key file read). */
export function onFirstUse(make: (() => Promise<SealSigner>) | undefined): () => Promise<SealSigner> {
  if (!make) return NO_SEAL_KEY;
  let signer: Promise<SealSigner> | undefined;
  return () => (signer ??= make());
}
