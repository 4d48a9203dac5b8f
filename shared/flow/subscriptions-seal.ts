// The pending half of double opt-in keeps no address: the address is sealed
// (AES-256-GCM) under a key derived (HKDF-SHA256) from the 256-bit
// confirmation token, which only the mail carries. The table holds the
// token's SHA-256 and the ciphertext; neither a copy of the table nor the
// service itself can read the address until its owner follows the link, and
// a request never confirmed expires with nothing readable left behind.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const INFO = 'justera subscription address v1';

function keyOf(token: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(token, 'base64url'), Buffer.alloc(0), INFO, 32));
}

/** The address sealed for the token, bound to the body it subscribes to. */
export function sealAddress(token: string, body: string, address: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(token), iv);
  cipher.setAAD(Buffer.from(body, 'utf8'));
  const sealed = Buffer.concat([cipher.update(address, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The address back, or null when the token or body do not fit (tampered or foreign). */
export function openAddress(token: string, body: string, sealed: string): string | null {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < 12 + 16 + 3) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(token), bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(body, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** An address as one subscription knows it: trimmed, lower case (mailbox providers treat case alike in practice). */
export function normalAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** The key of an address in the subscriber list and in the hourly counter: its SHA-256, never the address. */
export function addressKeyOf(address: string): string {
  return createHash('sha256').update(normalAddress(address), 'utf8').digest('hex');
}
