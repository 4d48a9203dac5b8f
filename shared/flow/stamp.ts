// ADJUSTED → SEALED: the exact draft that was signed gets a stamp at each
// signer's name, a footer, an audit page and the organisation's seal, and is
// stored once under signed/. Idempotent: a repeated event finds the file.
import { createHash, randomUUID } from 'node:crypto';
import { stockholmDate } from '../domain/stockholm';
import type { ProtocolRecord, SignerRecord } from '../domain/records';
import { FileGoneError, type Deps } from '../ports';
import { describeSigner } from '../seal/describe';
import { anchorsIn } from '../stamp/anchors';
import { positionsKeyOf, readPositions, type DraftPositions } from '../stamp/positions';
import { stampForSeal } from '../stamp/stamp';
import type { AuditSection } from '../stamp/types';
import { evidenceSha256 } from '../signing/evidence';
import { sealAndKeepValidation } from './seal-archive';

export class SignatureMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureMismatchError';
  }
}

/** How long an attempt holds the seal: the stamp function's time limit, which no attempt outlives. */
export const SEAL_LEASE_MS = 120_000;

export function signedKeyOf(p: Pick<ProtocolRecord, 'body' | 'date' | 'receivedAt' | 'id'>): string {
  return `signed/${p.body}/${p.date ?? stockholmDate(new Date(p.receivedAt))}-${p.id}.pdf`;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** How every signer was identified and gave consent (the public record names the method, not the evidence). */
export const SIGNING_METHOD = 'personlig länk via e-post, uttryckligt samtycke / personal link by e-mail, explicit consent';

/** BankID signatures name the method and the SHA-256 of BankID's signature XML (kept private, checked against this). */
function methodOf(s: SignerRecord): string {
  if (s.signature?.method !== 'BankID') return SIGNING_METHOD;
  return `BankID, signatur-SHA-256 / signature SHA-256 ${s.signature.completionSha256 ?? ''}`;
}

/**
 * The audit section of the public record: names, roles, times, the method and
 * the evidence hashes. E-mail, IP address, user agent and comments are left
 * out here, by construction (the audit types have no field for them).
 */
/** The sealed record's title: minnesanteckningar are not protokoll, so the title (and with it the footer and the PDF's metadata) names them so. */
export function recordTitle(p: Pick<ProtocolRecord, 'kind' | 'bodyName' | 'body' | 'date'>): string {
  return `${p.kind === 'minnesanteckningar' ? 'Minnesanteckningar' : 'Protokoll'} ${p.bodyName ?? p.body} ${p.date ?? ''}`.trim();
}

export function auditOf(p: ProtocolRecord, signers: SignerRecord[]): AuditSection {
  return {
    draftSha256: p.draftSha256 ?? '',
    signers: signers.map((s) => ({
      name: s.name,
      role: s.role,
      method: methodOf(s),
      events: s.events.map((e) => ({ type: e.type, at: e.at, evidenceSha256: evidenceSha256(p.id, s, e) })),
    })),
    events: p.events.map((e) => ({ type: e.type, at: e.at, detail: e.detail })),
  };
}

export async function sealProtocol(deps: Deps, id: string): Promise<'sealed' | 'skipped'> {
  const p = await deps.store.protocols.get(id);
  if (!p) throw new Error(`protocol ${id} not found`);
  if (p.status !== 'ADJUSTED') return 'skipped';
  // Two deliveries of the event must not both seal; the lease expires if this attempt dies, and is given back if it fails.
  const holder = randomUUID();
  if (!(await deps.store.protocols.claim(id, 'seal', holder, deps.clock.now(), SEAL_LEASE_MS))) {
    // Not a failure of this message: retrying it inside the lease would only use up its deliveries. If the holder
    // dies, the resume round sends the event again once the lease has run out (shared/flow/remind.ts).
    deps.log.info('stage', { stage: 'stamp', protocolId: id, busy: 'being sealed by another attempt' });
    return 'skipped';
  }
  try {
    return await sealClaimed(deps, p);
  } catch (error) {
    await deps.store.protocols.release(id, 'seal', holder).catch(() => undefined);
    throw error;
  }
}

/** The draft every signer approved, checked against what each of them signed. */
async function approvedDraft(deps: Deps, p: ProtocolRecord): Promise<{ draft: Uint8Array; signers: SignerRecord[] }> {
  const signers = await deps.store.signers.all(p.id);
  const draft = (await deps.files.get(p.draftKey ?? '')).bytes;
  const draftSha = sha256(draft);
  if (draftSha !== p.draftSha256) throw new SignatureMismatchError(`draft ${p.draftKey} has SHA-256 ${draftSha}, expected ${p.draftSha256}`);
  for (const s of signers)
    if (s.status !== 'signed' || s.signature?.pdfSha256 !== draftSha)
      throw new SignatureMismatchError(`${s.name} signed ${s.signature?.pdfSha256 ?? 'nothing'}, not the draft ${draftSha}`);
  return { draft, signers };
}

/**
 * Where the draft's text is printed, as the parse step kept it. A protocol parsed before the positions were
 * kept has none: rather than read the draft with pdf.js here (and carry it in this function), its stamps go to a
 * signature page of their own and its footers to the page edge, where they cover nothing known.
 */
async function storedPositions(deps: Deps, p: ProtocolRecord): Promise<DraftPositions | null> {
  const key = positionsKeyOf(p.draftKey ?? '');
  try {
    const positions = readPositions((await deps.files.get(key)).bytes);
    if (!positions) deps.log.warn('stage', { stage: 'stamp', protocolId: p.id, positions: `${key} unreadable: stamping without positions` });
    return positions;
  } catch (error) {
    if (!(error instanceof FileGoneError)) throw error;
    deps.log.info('stage', { stage: 'stamp', protocolId: p.id, positions: `${key} absent (parsed before positions were kept): stamping without them` });
    return null;
  }
}

/** Stamps and seals the approved draft and stores the record under `key`; returns its SHA-256. */
async function writeRecord(deps: Deps, p: ProtocolRecord, key: string): Promise<string> {
  const { draft, signers } = await approvedDraft(deps, p);
  const signer = await deps.sealSigner();
  const sealedAt = new Date(p.adjustedAt ?? deps.clock.now().toISOString());
  const positions = await storedPositions(deps, p);
  const anchors = positions ? anchorsIn(positions.block, signers.map((s) => s.name)) : new Map();
  // The seal continues from the document the stamp built (no second parse of the stamped bytes).
  const { bytes: stamped, continuation } = await stampForSeal({
    draft,
    positions,
    protocolId: p.id,
    title: recordTitle(p),
    bodyName: p.bodyName ?? p.body,
    meetingDate: p.date,
    signers: signers.map((s) => ({ name: s.name, role: s.role, signedAt: s.signature!.at, anchor: anchors.get(s.name), method: s.signature!.method })),
    audit: auditOf(p, signers),
    seal: describeSigner(signer, sealedAt, deps.config.JUSTERA_TSA_URL ?? null),
  });
  const sealed = await sealAndKeepValidation(deps, key, stamped, signer, {
    reason: 'Justerat protokoll',
    location: p.bodyName ?? p.body,
    name: deps.config.JUSTERA_SEAL_ORGANISATION,
    signingTime: sealedAt,
    tsaUrl: deps.config.JUSTERA_TSA_URL,
    continuation,
  });
  const signedSha = sha256(sealed);
  const lock = deps.config.JUSTERA_OBJECT_LOCK_MODE;
  await deps.files.put(key, sealed, {
    contentType: 'application/pdf',
    metadata: { 'protocol-id': p.id, sha256: signedSha },
    // A public record: kept unchangeable for the retention period where the bucket has Object Lock.
    ...(lock !== 'none' ? { retain: { mode: lock, until: new Date(deps.clock.now().getTime() + deps.config.JUSTERA_RETENTION_DAYS * 86_400_000) } } : {}),
  });
  return signedSha;
}

async function sealClaimed(deps: Deps, p: ProtocolRecord): Promise<'sealed' | 'skipped'> {
  const id = p.id;
  const key = signedKeyOf(p);
  // Stored by an attempt that died before recording it: never overwrite, just record.
  const existing = await deps.files.head(key);
  const signedSha = existing ? sha256((await deps.files.get(key)).bytes) : await writeRecord(deps, p, key);

  const moved = await deps.store.protocols.transition(id, ['ADJUSTED'], 'SEALED', { signedKey: key, signedSha256: signedSha, sealedAt: deps.clock.now().toISOString() }, {
    at: deps.clock.now().toISOString(),
    type: 'sealed',
    detail: `${key} SHA-256 ${signedSha}`,
  });
  if (!moved) return 'skipped';
  await deps.events.publish([{ type: 'ProtocolSealed', detail: { protocolId: id } }]);
  deps.metric('ProtocolsSealed');
  if (moved.adjustedAt) deps.metric('AdjustedToSealed', Date.parse(moved.statusSince) - Date.parse(moved.adjustedAt), 'Milliseconds');

  deps.log.info('stage', { stage: 'stamp', protocolId: id, status: 'SEALED', key });
  return 'sealed';
}
