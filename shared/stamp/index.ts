// The stamp: visible signatures, footers and the audit trail on the adjusted minutes.
export { findSignatureAnchors, normalizeName } from './anchors';
export { stampProtocol, stampText } from './stamp';
export { formatZoned, DEFAULT_TIME_ZONE } from './time';
export * from './types';
