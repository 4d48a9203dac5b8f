// Stands in for `pako` in the Lambda bundles (infra/bundling/aliases.ts): pdf-lib deflates
// the streams it writes with pako's JavaScript zlib; Node's own zlib writes the same format
// (RFC 1950) natively, and the bundle drops some 45 KB. pdf-lib uses `deflate` alone
// (it inflates with a decoder of its own).
import { deflateSync } from 'node:zlib';

export function deflate(data) {
  const out = deflateSync(data);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

export default { deflate };
