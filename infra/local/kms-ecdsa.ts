// ECDSA over a digest someone else computed, as KMS signs with MessageType
// DIGEST. Node's crypto always hashes what it signs, so the KMS simulator does
// the curve arithmetic itself (affine points, BigInt): slow, but it signs a
// handful of digests per test and nothing else.
import { randomBytes, type KeyObject } from 'node:crypto';

interface Curve {
  p: bigint;
  n: bigint;
  a: bigint;
  g: { x: bigint; y: bigint };
}

/** NIST P-256 and P-384 (FIPS 186-4, D.1.2.3 and D.1.2.4). */
export const CURVES: Record<'P-256' | 'P-384', Curve> = {
  'P-256': {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    a: 0xffffffff00000001000000000000000000000000fffffffffffffffffffffffcn,
    g: {
      x: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
      y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
    },
  },
  'P-384': {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffcn,
    g: {
      x: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
      y: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
    },
  },
};

type Point = { x: bigint; y: bigint } | null;
const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;

function inverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return mod(s0, m);
}

function add(c: Curve, p: Point, q: Point): Point {
  if (!p) return q;
  if (!q) return p;
  if (p.x === q.x && mod(p.y + q.y, c.p) === 0n) return null;
  const l = p.x === q.x ? mod((3n * p.x * p.x + c.a) * inverse(2n * p.y, c.p), c.p) : mod((q.y - p.y) * inverse(q.x - p.x, c.p), c.p);
  const x = mod(l * l - p.x - q.x, c.p);
  return { x, y: mod(l * (p.x - x) - p.y, c.p) };
}

function multiply(c: Curve, k: bigint, p: Point): Point {
  let result: Point = null;
  for (let addend = p; k > 0n; k >>= 1n, addend = add(c, addend, addend)) if (k & 1n) result = add(c, result, addend);
  return result;
}

const toBig = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);

function derInteger(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

/** The DER SEQUENCE { r, s } KMS returns for ECDSA, over `digest` with the EC private key. */
export function signDigestEcdsa(key: KeyObject, curve: keyof typeof CURVES, digest: Uint8Array): Uint8Array {
  const c = CURVES[curve];
  const d = toBig(Buffer.from(key.export({ format: 'jwk' }).d!, 'base64url'));
  const z = toBig(digest);
  for (;;) {
    const k = mod(toBig(randomBytes(64)), c.n - 1n) + 1n;
    const r = mod(multiply(c, k, c.g)!.x, c.n);
    const s = mod(inverse(k, c.n) * (z + r * d), c.n);
    if (!r || !s) continue;
    const body = Buffer.concat([derInteger(r), derInteger(s)]);
    const length = body.length < 128 ? Buffer.from([body.length]) : Buffer.from([0x81, body.length]);
    return new Uint8Array(Buffer.concat([Buffer.from([0x30]), length, body]));
  }
}
