// PARSED → ROUTED: signer tasks with personal links, or NEEDS_ATTENTION with
// exactly who is missing. Safe to repeat: a ROUTED protocol only gets the
// invitations it still lacks. Routing on the ProtocolParsed event may stop for
// the secretary (wrong folder, confirmBeforeSending); a person's explicit
// "send for adjustment" (the secretary's page, POST /admin/protocols/{id}/route)
// is the confirmation and overrides the folder check.
import { fixFor, reason, reroutable } from '../domain/reasons';
import type { BodyDirectory, ProtocolRecord, Reason, SignerRecord } from '../domain/records';
import { confirmToSecretary, routedToSecretary } from '../mail/messages';
import type { Deps } from '../ports';
import { checkBody } from './body-names';
import { inviteActive } from './invite';
import { reportProblem, sendOnce } from './notify';
import { changedItems, claimMeeting, holdsMeeting, supersedeOlder } from './revisions';
import { resolveSigners, type Resolution } from './route-signers';
import { secretaryLinkFor } from './secretary-links';


export type RouteOutcome = 'routed' | 'attention' | 'skipped';

export interface RouteRequest {
  /** A person asked for it (the secretary's page or an operator); absent for the ProtocolParsed event. */
  by?: 'secretary' | 'operator';
}

export async function routeProtocol(deps: Deps, id: string, request: RouteRequest = {}): Promise<RouteOutcome> {
  const p = await deps.store.protocols.get(id);
  if (!p) throw new Error(`protocol ${id} not found`);
  if (p.status === 'ROUTED') {
    await inviteActive(deps, p, await revisionChanges(deps, p));
    return 'routed';
  }
  const explicit = request.by !== undefined;
  // Which stops routing may continue from, and which only when a person asks, is the reasons table's `reroute`.
  const resumable = p.status === 'PARSED' || (p.status === 'NEEDS_ATTENTION' && reroutable(p.reason?.code ?? '', explicit));
  if (!resumable) return 'skipped';
  // A version a newer upload (or an adjusted one) displaced is not sent out. Minutes that stopped in
  // parse before claiming their meeting (NO_ITEMS) claim it when a person sends them (readiness).
  const settles = explicit && p.status === 'NEEDS_ATTENTION';
  if (!settles && !(await holdsMeeting(deps, p))) return 'skipped';
  const routing: Routing = { deps, p, request, explicit, settles, now: deps.clock.now() };

  const ready = await readiness(routing);
  if ('fixes' in ready) return attention(routing, ready.why, ready.fixes);
  if (!explicit && ready.directory.confirmBeforeSending) return awaitConfirmation(routing, ready);
  return sendForAdjustment(routing, ready);
}

/** One routing attempt: the protocol as read at its start, and who asked. */
interface Routing {
  deps: Deps;
  p: ProtocolRecord;
  request: RouteRequest;
  explicit: boolean;
  /** A person sends a stopped protocol: it claims its meeting now. */
  settles: boolean;
  now: Date;
}

interface Ready {
  directory: BodyDirectory;
  resolution: Resolution;
}

/** The directory and the resolved signers, or the reason routing stops and what the secretary does. */
async function readiness({ deps, p, explicit, settles, now }: Routing): Promise<Ready | { why: Reason; fixes: string[] }> {
  const id = p.id;
  const directory = await deps.store.bodies.get(p.body);
  if (!directory) return { why: reason('NO_DIRECTORY', { body: p.body, id }), fixes: fixFor('NO_DIRECTORY', { body: p.body, id }) };

  if (!explicit) {
    // The same bytes again after a change request: the change is missing, and the signers would get the same file.
    const earlier = await earlierRequest(deps, p);
    if (earlier && earlier.previous.draftSha256 === p.draftSha256 && earlier.requesters.length) {
      const missing = { previous: earlier.previous.id, requesters: named(earlier.requesters), id };
      return { why: reason('CHANGE_MISSING', missing), fixes: fixFor('CHANGE_MISSING', missing) };
    }
    const check = checkBody(p.bodyName, directory, await deps.store.bodies.list());
    if (check.kind === 'other') {
      const wrong = { named: check.named, directory, folders: check.known.map((b) => `drafts/${b.slug}/`).join(', '), id };
      return { why: reason('WRONG_BODY', wrong), fixes: fixFor('WRONG_BODY', wrong) };
    }
  }

  if (settles) {
    // Minutes that stopped in parse (NO_ITEMS) never claimed their meeting; claiming again is harmless.
    const revision = await claimMeeting(deps, p);
    if (revision.kind === 'already-adjusted' || revision.kind === 'outdated') {
      const conflict = { newer: revision.kind === 'outdated', other: revision.kind === 'outdated' ? revision.newer : revision.adjusted };
      return { why: reason('REVISION_CONFLICT', conflict), fixes: fixFor('REVISION_CONFLICT', conflict) };
    }
    await supersedeOlder(deps, p, revision.older);
  }

  const resolution = resolveSigners(p, directory, now);
  if (resolution.problems.length) return { why: reason('SIGNERS_UNRESOLVED', resolution), fixes: fixFor('SIGNERS_UNRESOLVED', resolution) };
  return { directory, resolution };
}

/** → NEEDS_ATTENTION with the reason; the secretary is told what to do. */
async function attention({ deps, p, now }: Routing, why: Reason, fixes: string[]): Promise<RouteOutcome> {
  const from = p.status === 'NEEDS_ATTENTION' ? 'NEEDS_ATTENTION' : 'PARSED';
  const moved = await deps.store.protocols.transition(p.id, [from], 'NEEDS_ATTENTION', { reason: why }, { at: now.toISOString(), type: 'routing-failed', detail: why.sv });
  if (moved) await reportProblem(deps, moved, why, fixes);
  if (moved) deps.metric('ProtocolsNeedingAttention');
  deps.log.info('stage', { stage: 'route', protocolId: p.id, status: 'NEEDS_ATTENTION', reason: why.en });
  return 'attention';
}

const wouldAsk = (resolution: Resolution) => resolution.signers.map((s) => `${s.name} (${s.role}${s.origin === 'directory' ? ', enligt katalogen' : ''})`);

/** The directory asks the secretary to confirm the parse first: she gets the list of who would be asked. */
async function awaitConfirmation({ deps, p, now }: Routing, { directory, resolution }: Ready): Promise<RouteOutcome> {
  const awaiting = reason('CONFIRM_BEFORE_SENDING', { directory: directory.name });
  const moved = await deps.store.protocols.transition(p.id, ['PARSED'], 'NEEDS_ATTENTION', { reason: awaiting }, { at: now.toISOString(), type: 'awaiting-confirmation', detail: awaiting.sv });
  if (moved)
    await sendOnce(deps, `confirm#${p.id}`, async () =>
      confirmToSecretary(moved, directory.secretary.email, wouldAsk(resolution), await secretaryLinkFor(deps, moved, directory.secretary.email)),
    );
  deps.log.info('stage', { stage: 'route', protocolId: p.id, status: 'NEEDS_ATTENTION', reason: awaiting.en });
  return 'attention';
}

/** → ROUTED: signer tasks made, links mailed, the secretary told who was asked. */
async function sendForAdjustment({ deps, p, request, now }: Routing, { directory, resolution }: Ready): Promise<RouteOutcome> {
  const id = p.id;
  await deps.store.signers.create(resolution.signers);
  const confirmed = request.by === 'secretary' ? 'Bekräftat av sekreteraren: ' : request.by === 'operator' ? 'Skickat av driftansvarig: ' : '';
  // A corrected version names, on its audit trail and so on its audit page, the version it replaces and the request behind it.
  const earlier = await earlierRequest(deps, p);
  const revision = earlier
    ? `Ny version av ${earlier.previous.id}${earlier.requesters.length ? ` efter ändring begärd av ${named(earlier.requesters)}` : ''}. `
    : '';
  const routed = await deps.store.protocols.transition(
    id,
    [p.status],
    'ROUTED',
    { pending: resolution.signers.map((s) => s.id), deadline: resolution.deadline, reason: null, warnings: [...new Set([...p.warnings, ...resolution.notes])] },
    { at: now.toISOString(), type: 'routed', detail: `${revision}${confirmed}${wouldAsk(resolution).join(', ')}` },
    // A correction that slipped in since this read would be routed with the old names: then nothing happens here.
    { corrections: p.corrections?.length ?? 0 },
  );
  if (!routed) {
    // A correction came in between: the tasks made from the older reading must never be invited.
    const now2 = await deps.store.protocols.get(id);
    if ((now2?.corrections?.length ?? 0) !== (p.corrections?.length ?? 0))
      for (const s of resolution.signers) await deps.store.signers.withdraw(id, s.id, { at: now.toISOString(), type: 'withdrawn', detail: 'Ersatt av en rättelse innan länken skickades.' });
    return 'skipped';
  }
  deps.metric('ProtocolsRouted');
  await inviteActive(deps, routed, await revisionChanges(deps, routed));
  const round = routed.corrections?.length ? `#${routed.corrections.length}` : '';
  await sendOnce(deps, `routed#${id}${round}`, async () =>
    routedToSecretary(routed, directory, await deps.store.signers.all(id), await secretaryLinkFor(deps, routed, directory.secretary.email)),
  );
  deps.log.info('stage', { stage: 'route', protocolId: id, status: 'ROUTED', signers: resolution.signers.length });
  return 'routed';
}

/** The version this one replaces and who asked for a change in it (names and roles only; the comments stay private). */
async function earlierRequest(deps: Deps, p: ProtocolRecord): Promise<{ previous: ProtocolRecord; requesters: SignerRecord[] } | null> {
  if (!p.supersedes) return null;
  const previous = await deps.store.protocols.get(p.supersedes);
  if (!previous) return null;
  const requesters = (await deps.store.signers.all(previous.id)).filter((s) => s.status === 'changes-requested');
  return { previous, requesters };
}

const named = (signers: SignerRecord[]) => signers.map((s) => `${s.name} (${s.role})`).join(', ');

/** For a revision: which paragraphs differ from the version the signers saw before. */
async function revisionChanges(deps: Deps, p: ProtocolRecord): Promise<string[] | null> {
  if (!p.supersedes) return null;
  const withDecisions = async (id: string) => {
    const [items, decisions] = await Promise.all([deps.store.content.items(id), deps.store.content.decisions(id)]);
    return items.map((i) => ({
      ...i,
      text: [i.text, ...decisions.filter((d) => d.itemIndex === i.index).map((d) => d.text)].join('\n'),
    }));
  };
  return changedItems(await withDecisions(p.supersedes), await withDecisions(p.id));
}
