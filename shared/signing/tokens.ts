// Capability links: 256 random bits, only their SHA-256 is stored, so a copy
// of the table holds no usable link.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface LinkToken {
  token: string;
  hash: string;
}

export function newToken(): LinkToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 32 bytes in base64url are exactly 43 characters of that alphabet. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Whether `hash` is one of `hashes`, comparing every candidate in constant time. */
export function hashIn(hash: string, hashes: readonly string[]): boolean {
  const wanted = Buffer.from(hash, 'hex');
  let found = false;
  for (const candidate of hashes) {
    const other = Buffer.from(candidate, 'hex');
    if (other.length === wanted.length && timingSafeEqual(other, wanted)) found = true;
  }
  return found;
}
