// Whose key made a seal. A seal that verifies proves only that the file is
// unchanged since someone sealed it; anyone can make a key and a certificate
// with the organisation's name in it. The signer certificate must therefore be
// one of the trust anchors (the stack's published seal certificates, pinned by
// fingerprint) or be issued under one of them (a CA-issued seal certificate,
// the anchor being the CA): the chain is checked with pkijs, at the sealing time.
import * as pkijs from 'pkijs';
import { bytesEqual } from './der';
import { fingerprint } from './published';

export interface TrustResult {
  trusted: boolean;
  /** 'pinned': the signer certificate is an anchor; 'chain': it is issued under one. */
  method: 'pinned' | 'chain' | null;
  /** Fingerprint of the anchor that vouched for it. */
  anchor: string | null;
  /** Why not, when not trusted. */
  problem: string | null;
}

/**
 * `signer` is the signer certificate, `bag` every certificate the CMS carries
 * (possible intermediates), `anchors` the certificates trusted, `at` the time
 * the chain must be valid at (the timestamp, else the claimed signing time).
 */
export async function checkTrust(signer: Uint8Array, bag: Uint8Array[], anchors: Uint8Array[], at: Date): Promise<TrustResult> {
  const pinned = anchors.find((a) => bytesEqual(a, signer));
  if (pinned) return { trusted: true, method: 'pinned', anchor: fingerprint(pinned), problem: null };
  const parse = (der: Uint8Array) => pkijs.Certificate.fromBER(Uint8Array.from(der));
  let result: pkijs.CertificateChainValidationEngineVerifyResult;
  try {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: anchors.map(parse),
      certs: [parse(signer), ...bag.filter((c) => !bytesEqual(c, signer)).map(parse)],
      checkDate: at,
    });
    result = await engine.verify();
  } catch (error) {
    return { trusted: false, method: null, anchor: null, problem: `its certificate chain cannot be checked (${(error as Error).message})` };
  }
  if (!result.result) return { trusted: false, method: null, anchor: null, problem: result.resultMessage || 'no chain to a trusted certificate' };
  // The engine returns the path leaf first, anchor last; the anchor must be one we were given (not a look-alike from the CMS).
  const root = result.certificatePath?.at(-1);
  const rootDer = root ? new Uint8Array(root.toSchema().toBER()) : null;
  const anchor = rootDer ? anchors.find((a) => bytesEqual(a, rootDer)) : undefined;
  if (!anchor) return { trusted: false, method: null, anchor: null, problem: 'the chain does not end at a trusted certificate' };
  return { trusted: true, method: 'chain', anchor: fingerprint(anchor), problem: null };
}
