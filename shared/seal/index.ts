// The seal: PAdES signatures over finished protocols, their verification, and the local key.
export { sealPdf } from './seal';
export { verifySealedPdf } from './verify';
export { describeSeal, certificateInfo } from './describe';
export { ensureLocalSealKey, signerFromPem } from './local-key';
export type { SealSigner, SealOptions, VerifyResult, CertificateInfo, TimestampInfo } from './types';
