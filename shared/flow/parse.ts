// From an object created under drafts/ to a stored protocol: RECEIVED, then
// PARSED, or REJECTED / NEEDS_ATTENTION with a reason. The upload itself is
// never touched; the exact bytes are copied to originals/<id>.pdf, which is
// what signers read and what gets stamped.
import { createHash } from 'node:crypto';
import { DRAFTS_PREFIX, decodeS3Key, protocolIdOfDraft, type DraftObject } from '../domain/draft-event';
import { outcomeOf, parserReason, reason } from '../domain/reasons';
import type { DecisionRecord, ItemRecord, ProtocolRecord, ProtocolStatus, Reason } from '../domain/records';
import { PdfReadError } from '../minutes/extract';
import { parsePdf } from '../minutes/index';
import { FileGoneError, type Deps } from '../ports';
import { encodePositions, positionsKeyOf, positionsOf } from '../stamp/positions';
import { claimMeeting, supersedeOlder } from './revisions';

export type ReceiveOutcome = { outcome: 'ignored'; why: string } | { outcome: 'duplicate'; id: string } | { outcome: ProtocolStatus; id: string };

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function isBodySlug(slug: string): boolean {
  return SLUG.test(slug);
}

function emptyProtocol(id: string, body: string, draft: DraftObject, key: string, at: string): ProtocolRecord {
  return {
    id,
    body,
    bodyName: null,
    kind: null,
    date: null,
    time: null,
    place: null,
    chair: null,
    adjusters: [],
    secretary: null,
    attendees: [],
    signatures: [],
    warnings: [],
    status: 'RECEIVED',
    reason: null,
    statusSince: at,
    receivedAt: draft.eventTime ?? at,
    updatedAt: at,
    source: { bucket: draft.bucket, key, versionId: draft.versionId, eTag: draft.eTag, size: draft.size, sequencer: draft.sequencer },
    draftKey: null,
    draftSha256: null,
    pages: null,
    itemCount: 0,
    decisionCount: 0,
    supersedes: null,
    supersededBy: null,
    deadline: null,
    pending: [],
    adjustedAt: null,
    signedKey: null,
    signedSha256: null,
    sealedAt: null,
    publishedAt: null,
    events: [{ at, type: 'received', status: 'RECEIVED', detail: key }],
  };
}

/** One upload being received: what every step below needs. */
interface Intake {
  deps: Deps;
  id: string;
  key: string;
  protocol: ProtocolRecord;
  now: () => string;
}

/** The minutes and their text positions, and whether the draft is PDF/A (the secretary is told how to export it when not). */
type Parsed = Awaited<ReturnType<typeof parsePdf>> & { pdfa: string | null };

export async function receiveDraft(deps: Deps, draft: DraftObject): Promise<ReceiveOutcome> {
  const key = decodeS3Key(draft.encodedKey);
  if (!key.startsWith(DRAFTS_PREFIX) || key.endsWith('/')) return { outcome: 'ignored', why: `not a draft: ${key}` };
  const intake = await recordUpload(deps, draft, key);
  if (intake.protocol.status !== 'RECEIVED') return { outcome: 'duplicate', id: intake.id };

  const problem = uploadProblem(deps, draft, key);
  if (problem) return stop(intake, problem);
  const read = await readUpload(intake, draft);
  if ('code' in read) return stop(intake, read);
  const parsed = await parseUpload(deps, read.bytes);
  if ('code' in parsed) return stop(intake, parsed);
  return storeParsed(intake, read.bytes, parsed);
}

/** The protocol record of this upload, made once: a repeated delivery finds it made. */
async function recordUpload(deps: Deps, draft: DraftObject, key: string): Promise<Intake> {
  const id = protocolIdOfDraft(draft);
  const now = () => deps.clock.now().toISOString();
  const rest = key.slice(DRAFTS_PREFIX.length);
  const fresh = emptyProtocol(id, rest.includes('/') ? (rest.split('/')[0] ?? '') : '', draft, key, now());
  const stored = (await deps.store.protocols.create(fresh)) ? fresh : await deps.store.protocols.get(id);
  if (!stored) throw new Error(`protocol ${id} vanished after create`);
  if (stored === fresh) deps.metric('ProtocolsReceived');
  return { deps, id, key, protocol: stored, now };
}

/** What is wrong with the upload before reading it: its folder or its size. */
function uploadProblem(deps: Deps, draft: DraftObject, key: string): Reason | null {
  const rest = key.slice(DRAFTS_PREFIX.length);
  const folder = rest.split('/')[0] ?? '';
  // Dot segments would mean one thing to S3 and another to anyone resolving the path.
  const dotted = key.split('/').some((segment) => segment === '.' || segment === '..');
  if (!rest.includes('/') || !isBodySlug(folder) || dotted) return reason('BAD_FOLDER');
  if (draft.size > deps.config.JUSTERA_MAX_BYTES) return reason('TOO_LARGE', { size: draft.size, limit: deps.config.JUSTERA_MAX_BYTES });
  return null;
}

/** The uploaded bytes of exactly this version, or why they cannot be had. */
async function readUpload({ deps, key }: Intake, draft: DraftObject): Promise<{ bytes: Uint8Array } | Reason> {
  try {
    return { bytes: (await deps.files.get(key, { versionId: draft.versionId, eTag: draft.versionId ? undefined : draft.eTag })).bytes };
  } catch (error) {
    if (!(error instanceof FileGoneError)) throw error;
    return error.gone === 'replaced' ? reason('REPLACED') : reason('FILE_GONE');
  }
}

/** The minutes read from the PDF, or why they cannot be. */
async function parseUpload(deps: Deps, bytes: Uint8Array): Promise<Parsed | Reason> {
  let parsed: Awaited<ReturnType<typeof parsePdf>>;
  try {
    parsed = await parsePdf(bytes, { maxBytes: deps.config.JUSTERA_MAX_BYTES, maxPages: deps.config.JUSTERA_MAX_PAGES, maxCpuMs: deps.config.JUSTERA_MAX_PARSE_CPU_MS });
  } catch (error) {
    if (!(error instanceof PdfReadError)) throw error;
    return parserReason(error.code, { sv: error.message, en: error.english });
  }
  // Content in a switched-off layer is neither on the signing page nor parsed, but would be sealed: a person exports it again.
  // Imported here, not at the top: other functions import this module for its helpers and must not carry pdf-lib.
  const { hiddenOptionalContent } = await import('../stamp/optional-content');
  const hidden = await hiddenOptionalContent(bytes);
  if (hidden) return reason('HIDDEN_CONTENT', hidden);
  const { pdfaOfDraft } = await import('../stamp/pdfa');
  return { ...parsed, pdfa: await pdfaOfDraft(bytes) };
}

/** RECEIVED → the reason's state (shared/domain/reasons.ts), keeping whatever was read. */
async function stop({ deps, id, key, now }: Intake, why: Reason, read: Partial<ProtocolRecord> = {}): Promise<ReceiveOutcome> {
  const status = outcomeOf(why.code);
  const moved = await deps.store.protocols.transition(id, ['RECEIVED'], status, { ...read, reason: why }, { at: now(), type: 'stopped', detail: why.sv });
  // The parse function sends no mail: the route function tells the secretary.
  if (moved && status !== 'SUPERSEDED') await deps.events.publish([{ type: 'ProtocolStopped', detail: { protocolId: id } }]);
  if (moved) deps.metric(status === 'REJECTED' ? 'ProtocolsRejected' : status === 'SUPERSEDED' ? 'ProtocolsSuperseded' : 'ProtocolsNeedingAttention');
  deps.log.info('stage', { stage: 'parse', protocolId: id, status, key, reason: why.en });
  return { outcome: status, id };
}

/** Keeps the original and the paragraphs, then settles which version of the meeting this is. */
async function storeParsed(intake: Intake, bytes: Uint8Array, { minutes, document, pdfa }: Parsed): Promise<ReceiveOutcome> {
  const { deps, id, protocol } = intake;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const draftKey = `originals/${id}.pdf`;
  // Where the text is printed, from this same reading: the stamp places its marks by it and reads no PDF text itself.
  // Stored before the draft, so a draft under originals/ always has its positions beside it.
  await deps.files.put(positionsKeyOf(draftKey), encodePositions(positionsOf(document)), { contentType: 'application/json', metadata: { 'protocol-id': id, 'draft-sha256': sha256 } });
  await deps.files.put(draftKey, bytes, { contentType: 'application/pdf', metadata: { 'protocol-id': id, sha256 } });

  const items: ItemRecord[] = minutes.items.map((item, index) => ({ protocolId: id, index: index + 1, number: item.number, title: item.title, text: item.text }));
  const decisions: DecisionRecord[] = minutes.items.flatMap((item, index) =>
    item.decisions.map((text, k) => ({
      protocolId: id,
      body: protocol.body,
      bodyName: minutes.body,
      date: minutes.date,
      itemIndex: index + 1,
      itemNumber: item.number,
      itemTitle: item.title,
      index: k + 1,
      text,
      status: 'draft' as const,
    })),
  );
  await deps.store.content.putItems(items);

  const { body, kind, date, time, place, chair, adjusters, secretary, attendees, signatures, warnings, evidence } = minutes;
  const read: Partial<ProtocolRecord> = {
    ...{ bodyName: body, kind, date, time, place, chair, adjusters, secretary, attendees, signatures, warnings, evidence },
    ...{ draftKey, draftSha256: sha256, pages: document.pages.length, pdfa, itemCount: items.length, decisionCount: decisions.length },
  };
  // Minutes without a recognisable item keep everything found, for a person to look at.
  if (items.length === 0) return stop(intake, reason('NO_ITEMS'), read);
  return settleVersion(intake, read, decisions);
}

/** The meeting record decides whether this upload is the meeting's current version (shared/flow/revisions.ts). */
async function settleVersion(intake: Intake, read: Partial<ProtocolRecord>, decisions: DecisionRecord[]): Promise<ReceiveOutcome> {
  const { deps, id, key, protocol, now } = intake;
  const claim = await claimMeeting(deps, { ...protocol, date: read.date ?? null });
  // What was read is kept, so the record and the secretary's mail name the meeting by its date.
  if (claim.kind === 'already-adjusted') return stop(intake, reason('ALREADY_ADJUSTED', { body: read.bodyName ?? protocol.body, date: read.date ?? null, adjusted: claim.adjusted }), read);
  if (claim.kind === 'outdated') {
    await deps.store.protocols.transition(id, ['RECEIVED'], 'SUPERSEDED', { ...read, supersededBy: claim.newer }, { at: now(), type: 'superseded', detail: `En nyare version (${claim.newer}) finns redan.` });
    return { outcome: 'SUPERSEDED', id };
  }

  // Decisions enter the index only for a protocol that is current.
  await deps.store.content.putDecisions(decisions);
  // The versions this one replaces go first: a crash before PARSED repeats all of it.
  await supersedeOlder(deps, protocol, claim.older);
  const detail = `${read.itemCount} paragrafer, ${decisions.length} beslut`;
  const moved = await deps.store.protocols.transition(id, ['RECEIVED'], 'PARSED', { ...read, supersedes: claim.previous?.id ?? null }, { at: now(), type: 'parsed', detail });
  if (!moved) {
    // A newer upload replaced this one meanwhile; its decisions may have been indexed after it took them out.
    await deps.store.content.unindexDecisions(id);
    return { outcome: (await deps.store.protocols.get(id))?.status ?? 'SUPERSEDED', id };
  }
  await deps.events.publish([{ type: 'ProtocolParsed', detail: { protocolId: id } }]);
  deps.metric('ProtocolsParsed');
  deps.log.info('stage', { stage: 'parse', protocolId: id, status: 'PARSED', key, items: read.itemCount, decisions: decisions.length });
  return { outcome: 'PARSED', id };
}
