import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashIn, hashToken, isWellFormedToken, newToken } from '../../../shared/signing/tokens';

describe('link tokens', () => {
  it('carry 256 random bits in 43 base64url characters, and only their SHA-256 is kept', () => {
    const { token, hash } = newToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(isWellFormedToken(token)).toBe(true);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).not.toContain(token);
  });

  it('are never the same twice', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => newToken().token));
    expect(seen.size).toBe(2000);
  });

  it('reject malformed input', () => {
    for (const bad of ['', 'abc', `${newToken().token}=`, '../../etc/passwd', `${'a'.repeat(42)}%`, 'a'.repeat(44)]) expect(isWellFormedToken(bad)).toBe(false);
  });

  it('compare hashes in constant time against every candidate', () => {
    const a = hashToken('a');
    expect(hashIn(a, [hashToken('b'), a])).toBe(true);
    expect(hashIn(a, [hashToken('b')])).toBe(false);
    expect(hashIn(a, ['short'])).toBe(false);
  });
});
