// The operator's view of a protocol's BankID evidence: each BankID signature's
// completionData, decrypted, beside the hash the signer record (and so the
// sealed PDF's audit page) carries. Admin only: it holds personnummer and the
// device IP, which no public answer, page or PDF ever does. `justera verify
// --evidence` checks it against the sealed PDF and BankID's roots.
import type { Evidence } from '../bankid/evidence';
import type { Deps } from '../ports';

export interface EvidenceItem {
  signerId: string;
  name: string;
  role: string;
  /** The SHA-256 the signature record carries (and the audit page prints); null when the record has none. */
  recordedSha256: string | null;
  /** When the signature was recorded. */
  signedAt: string | null;
  /** Decrypted; absent when the kept record does not open (then `problem` says why). */
  evidence?: Evidence;
  problem?: string;
}

export interface EvidenceAnswer {
  protocolId: string;
  draftSha256: string | null;
  items: EvidenceItem[];
}

export async function bankIdEvidence(deps: Deps, id: string): Promise<EvidenceAnswer | null> {
  const protocol = await deps.store.protocols.get(id);
  if (!protocol) return null;
  const signers = await deps.store.signers.history(id);
  const bankIdSigners = signers.filter((s) => s.signature?.method === 'BankID');
  // A protocol nobody signed with BankID needs no key: no KMS call, and functions without the key still answer.
  const opened = bankIdSigners.length ? await (await deps.evidence()).open(id) : [];
  const items = bankIdSigners.flatMap((s): EvidenceItem[] => {
    // A signer may have several records (a retried collect); the one that counts is the one the signature names.
    const kept = opened.find((o) => o.signerId === s.id && o.signatureSha256 === s.signature?.completionSha256) ?? opened.find((o) => o.signerId === s.id);
    const about = { signerId: s.id, name: s.name, role: s.role, recordedSha256: s.signature?.completionSha256 ?? null, signedAt: s.signature?.at ?? null };
    if (!kept) return [{ ...about, problem: 'no evidence is kept for this signature' }];
    return [{ ...about, ...('evidence' in kept ? { evidence: kept.evidence } : { problem: kept.problem }) }];
  });
  return { protocolId: id, draftSha256: protocol.draftSha256 ?? null, items };
}
