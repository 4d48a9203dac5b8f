// From an object created under drafts/ to a stored protocol: RECEIVED, then
// PARSED, or REJECTED / NEEDS_ATTENTION with a reason. The upload itself is
// never touched; the exact bytes are copied to originals/<id>.pdf, which is
// what signers read and what gets stamped.
import { createHash } from 'node:crypto';
import type { DecisionRecord, ItemRecord, ProtocolRecord, ProtocolStatus, Reason } from '../domain/records';
import { PdfReadError } from '../minutes/extract';
import { parsePdf } from '../minutes/index';
import { FileGoneError, type Deps } from '../ports';
import { claimMeeting, supersedeOlder } from './revisions';

export interface DraftObject {
  bucket: string;
  /** The key as S3 event notifications carry it: URL-encoded, spaces as '+'. */
  encodedKey: string;
  size: number;
  eTag: string;
  versionId?: string;
  sequencer?: string;
  eventTime?: string;
}

export type ReceiveOutcome = { outcome: 'ignored'; why: string } | { outcome: 'duplicate'; id: string } | { outcome: ProtocolStatus; id: string };

export const DRAFTS_PREFIX = 'drafts/';
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function decodeS3Key(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

export function isBodySlug(slug: string): boolean {
  return SLUG.test(slug);
}

/** Stable id from the object version: the same version delivered twice is the same protocol. */
export function protocolIdFor(bucket: string, key: string, identity: string): string {
  const digest = createHash('sha256').update(`${bucket}\n${key}\n${identity}`).digest();
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 20) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
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

/** Codes that mean the file is not acceptable at all; the others need a person to look. */
const REJECTING = new Set(['EMPTY', 'NOT_PDF', 'ENCRYPTED', 'TOO_LARGE', 'TOO_MANY_PAGES', 'BAD_FOLDER', 'FILE_GONE', 'ALREADY_ADJUSTED']);

export async function receiveDraft(deps: Deps, draft: DraftObject): Promise<ReceiveOutcome> {
  const key = decodeS3Key(draft.encodedKey);
  if (!key.startsWith(DRAFTS_PREFIX) || key.endsWith('/')) return { outcome: 'ignored', why: `not a draft: ${key}` };
  const folder = key.slice(DRAFTS_PREFIX.length).split('/')[0] ?? '';
  const hasFolder = key.slice(DRAFTS_PREFIX.length).includes('/');
  const id = protocolIdFor(draft.bucket, key, draft.versionId ?? `${draft.eTag}:${draft.sequencer ?? ''}`);
  const now = () => deps.clock.now().toISOString();

  const fresh = emptyProtocol(id, hasFolder ? folder : '', draft, key, now());
  const stored = (await deps.store.protocols.create(fresh)) ? fresh : await deps.store.protocols.get(id);
  if (!stored) throw new Error(`protocol ${id} vanished after create`);
  const protocol: ProtocolRecord = stored;
  if (protocol.status !== 'RECEIVED') return { outcome: 'duplicate', id };
  if (stored === fresh) deps.metric('ProtocolsReceived');

  const stop = async (reason: Reason, to?: ProtocolStatus): Promise<ReceiveOutcome> => {
    const status = to ?? (REJECTING.has(reason.code) ? 'REJECTED' : 'NEEDS_ATTENTION');
    const moved = await deps.store.protocols.transition(id, ['RECEIVED'], status, { reason }, { at: now(), type: 'stopped', detail: reason.sv });
    // The parse function sends no mail: the route function tells the secretary.
    if (moved && status !== 'SUPERSEDED') await deps.events.publish([{ type: 'ProtocolStopped', detail: { protocolId: id } }]);
    if (moved) deps.metric(status === 'REJECTED' ? 'ProtocolsRejected' : status === 'SUPERSEDED' ? 'ProtocolsSuperseded' : 'ProtocolsNeedingAttention');
    deps.log.info('stage', { stage: 'parse', protocolId: id, status, key, reason: reason.en });
    return { outcome: status, id };
  };

  // Dot segments would mean one thing to S3 and another to anyone resolving the path.
  const dotted = key.split('/').some((segment) => segment === '.' || segment === '..');
  if (!hasFolder || !isBodySlug(folder) || dotted)
    return stop(
      {
        code: 'BAD_FOLDER',
        sv: `Filen ligger inte i en mapp för ett organ. Lägg den i drafts/<organ>/, där <organ> skrivs med små bokstäver, siffror och bindestreck (t.ex. drafts/kommunstyrelsen/).`,
        en: 'The file is not in a body folder: upload it to drafts/<body>/, the body written in lower-case letters, digits and hyphens.',
      },
    );
  if (draft.size > deps.config.JUSTERA_MAX_BYTES) {
    const mb = (n: number) => (n / 1048576).toFixed(1);
    return stop({
      code: 'TOO_LARGE',
      sv: `Filen är ${mb(draft.size)} MB; största tillåtna storlek är ${mb(deps.config.JUSTERA_MAX_BYTES)} MB.`,
      en: `The file is ${mb(draft.size)} MB; the limit is ${mb(deps.config.JUSTERA_MAX_BYTES)} MB.`,
    });
  }

  let bytes: Uint8Array;
  try {
    bytes = (await deps.files.get(key, { versionId: draft.versionId, eTag: draft.versionId ? undefined : draft.eTag })).bytes;
  } catch (error) {
    if (!(error instanceof FileGoneError)) throw error;
    return error.gone === 'replaced'
      ? stop({ code: 'REPLACED', sv: 'Filen skrevs över av en nyare uppladdning innan den hann läsas.', en: 'The file was overwritten by a newer upload before it could be read.' }, 'SUPERSEDED')
      : stop({ code: 'FILE_GONE', sv: 'Filen togs bort ur bucketen innan den hann läsas.', en: 'The file was deleted before it could be read.' });
  }

  let parsed: Awaited<ReturnType<typeof parsePdf>>;
  try {
    parsed = await parsePdf(bytes, { maxBytes: deps.config.JUSTERA_MAX_BYTES, maxPages: deps.config.JUSTERA_MAX_PAGES, maxCpuMs: deps.config.JUSTERA_MAX_PARSE_CPU_MS });
  } catch (error) {
    if (!(error instanceof PdfReadError)) throw error;
    return stop({ code: error.code, sv: error.message, en: error.english });
  }

  // Content in a switched-off layer is neither on the signing page nor parsed, but would be sealed: a person exports it again.
  // Imported here, not at the top: other functions import this module for its helpers and must not carry pdf-lib.
  const { hiddenContentReason, hiddenOptionalContent } = await import('../stamp/optional-content');
  const layers = await hiddenOptionalContent(bytes);
  if (layers) return stop(hiddenContentReason(layers));

  const { minutes, document } = parsed;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const draftKey = `originals/${id}.pdf`;
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

  const parsedFields: Partial<ProtocolRecord> = {
    bodyName: minutes.body,
    kind: minutes.kind,
    date: minutes.date,
    time: minutes.time,
    place: minutes.place,
    chair: minutes.chair,
    adjusters: minutes.adjusters,
    secretary: minutes.secretary,
    attendees: minutes.attendees,
    signatures: minutes.signatures,
    warnings: minutes.warnings,
    evidence: minutes.evidence,
    draftKey,
    draftSha256: sha256,
    pages: document.pages.length,
    itemCount: items.length,
    decisionCount: decisions.length,
  };

  // Minutes without a recognisable item keep everything found, for a person to look at.
  if (items.length === 0) {
    const reason = {
      code: 'NO_ITEMS',
      sv: 'Inga numrerade paragrafer (§ 1, § 2 …) eller punkter (1., 2. …) hittades i PDF:en. Det som gick att läsa (organ, datum, personer) är sparat.',
      en: 'No numbered paragraphs (§ 1, § 2 …) or points (1., 2. …) were found in the PDF. What could be read (body, date, people) is kept.',
    };
    const moved = await deps.store.protocols.transition(id, ['RECEIVED'], 'NEEDS_ATTENTION', { ...parsedFields, reason }, { at: now(), type: 'stopped', detail: reason.sv });
    if (moved) {
      await deps.events.publish([{ type: 'ProtocolStopped', detail: { protocolId: id } }]);
      deps.metric('ProtocolsNeedingAttention');
    }
    deps.log.info('stage', { stage: 'parse', protocolId: id, status: 'NEEDS_ATTENTION', key, reason: reason.en });
    return { outcome: 'NEEDS_ATTENTION', id };
  }

  // The meeting record decides whether this upload is the meeting's current version (shared/flow/revisions.ts).
  const claim = await claimMeeting(deps, { ...protocol, date: minutes.date });
  if (claim.kind === 'already-adjusted')
    return stop({
      code: 'ALREADY_ADJUSTED',
      sv: `Protokollet från ${minutes.body ?? protocol.body} ${minutes.date ?? ''} är redan justerat (${claim.adjusted}) och ändras inte. Den nya filen har inte skickats för justering.`,
      en: `The minutes of this meeting are already adjusted (${claim.adjusted}) and will not change; the new file was not sent for adjustment.`,
    });
  if (claim.kind === 'outdated') {
    await deps.store.protocols.transition(id, ['RECEIVED'], 'SUPERSEDED', { ...parsedFields, supersededBy: claim.newer }, {
      at: now(),
      type: 'superseded',
      detail: `En nyare version (${claim.newer}) finns redan.`,
    });
    return { outcome: 'SUPERSEDED', id };
  }

  // Decisions enter the index only for a protocol that is current.
  await deps.store.content.putDecisions(decisions);
  // The versions this one replaces go first: a crash before PARSED repeats all of it.
  await supersedeOlder(deps, protocol, claim.older);
  const moved = await deps.store.protocols.transition(id, ['RECEIVED'], 'PARSED', { ...parsedFields, supersedes: claim.previous?.id ?? null }, {
    at: now(),
    type: 'parsed',
    detail: `${items.length} paragrafer, ${decisions.length} beslut`,
  });
  if (!moved) {
    // A newer upload replaced this one meanwhile; its decisions may have been indexed after it took them out.
    await deps.store.content.unindexDecisions(id);
    return { outcome: (await deps.store.protocols.get(id))?.status ?? 'SUPERSEDED', id };
  }
  await deps.events.publish([{ type: 'ProtocolParsed', detail: { protocolId: id } }]);
  deps.metric('ProtocolsParsed');
  deps.log.info('stage', { stage: 'parse', protocolId: id, status: 'PARSED', key, items: items.length, decisions: decisions.length });
  return { outcome: 'PARSED', id };
}
