// The stamp: visible signatures, footers and the audit trail on the adjusted minutes.
export { findSignatureAnchors, normalizeName } from './anchors';
export { stampProtocol, stampText } from './stamp';
export { formatZoned, ZONE } from '../domain/stockholm';
export * from './types';
