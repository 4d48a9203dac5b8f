// PARSED → ROUTED: signer tasks with personal links, or NEEDS_ATTENTION with
// exactly who is missing. Safe to repeat: a ROUTED protocol only gets the
// invitations it still lacks. Routing on the ProtocolParsed event may stop for
// the secretary (wrong folder, confirmBeforeSending); a person's explicit
// "send for adjustment" (the secretary's page, POST /admin/protocols/{id}/route)
// is the confirmation and overrides the folder check.
import type { ProtocolRecord, Reason } from '../domain/records';
import { confirmToSecretary, routedToSecretary } from '../mail/messages';
import type { Deps } from '../ports';
import { checkBody } from './body-names';
import { inviteActive } from './invite';
import { reportProblem, sendOnce } from './notify';
import { changedItems, claimMeeting, holdsMeeting, supersedeOlder } from './revisions';
import { resolveSigners } from './route-signers';
import { secretaryLinkFor } from './secretary-links';

/** NEEDS_ATTENTION reasons that routing itself set, so that routing again may continue. */
const ROUTING_PROBLEMS = new Set(['NO_DIRECTORY', 'SIGNERS_UNRESOLVED']);
/**
 * NEEDS_ATTENTION reasons a person may route out of by asking explicitly: the
 * secretary confirmed the parse, overrode the folder check, corrected it, or
 * sends minutes without recognised items (the PDF is what gets signed; the
 * items are only its index).
 */
export const EXPLICIT_ROUTES = new Set(['CONFIRM_BEFORE_SENDING', 'WRONG_BODY', 'NO_ITEMS', 'CORRECTED']);

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
  const code = p.reason?.code ?? '';
  const explicit = request.by !== undefined;
  const resumable = p.status === 'PARSED' || (p.status === 'NEEDS_ATTENTION' && (ROUTING_PROBLEMS.has(code) || (explicit && EXPLICIT_ROUTES.has(code))));
  if (!resumable) return 'skipped';
  // A version a newer upload (or an adjusted one) displaced is not sent out. Minutes that stopped in
  // parse before claiming their meeting (NO_ITEMS) claim it when a person sends them (below).
  const settles = explicit && p.status === 'NEEDS_ATTENTION';
  if (!settles && !(await holdsMeeting(deps, p))) return 'skipped';
  const now = deps.clock.now();

  const attention = async (reason: Reason, fixes: string[]): Promise<RouteOutcome> => {
    const moved =
      p.status === 'NEEDS_ATTENTION'
        ? await deps.store.protocols.transition(id, ['NEEDS_ATTENTION'], 'NEEDS_ATTENTION', { reason }, { at: now.toISOString(), type: 'routing-failed', detail: reason.sv })
        : await deps.store.protocols.transition(id, ['PARSED'], 'NEEDS_ATTENTION', { reason }, { at: now.toISOString(), type: 'routing-failed', detail: reason.sv });
    if (moved) await reportProblem(deps, moved, reason, fixes);
    if (moved) deps.metric('ProtocolsNeedingAttention');
    deps.log.info('stage', { stage: 'route', protocolId: id, status: 'NEEDS_ATTENTION', reason: reason.en });
    return 'attention';
  };

  const directory = await deps.store.bodies.get(p.body);
  if (!directory)
    return attention(
      {
        code: 'NO_DIRECTORY',
        sv: `Det finns ingen katalog för organet "${p.body}", så Justera vet inte vart länkarna ska skickas.`,
        en: `There is no directory for the body "${p.body}", so Justera does not know where to send the links.`,
      },
      [`Importera katalogen med "npx justera bodies import <fil.json>" eller PUT /admin/bodies/${p.body}, och fortsätt med POST /admin/protocols/${id}/route.`],
    );

  if (!explicit) {
    const check = checkBody(p.bodyName, directory, await deps.store.bodies.list());
    if (check.kind === 'other') {
      const folders = check.known.map((b) => `drafts/${b.slug}/`).join(', ');
      const known = folders ? ` Justera känner det organet under ${folders}.` : '';
      return attention(
        {
          code: 'WRONG_BODY',
          sv: `Protokollet anger organet "${check.named}", men filen ligger i mappen för ${directory.name} (drafts/${directory.slug}/).${known}`,
          en: `The minutes name the body "${check.named}", but the file is in the folder of ${directory.name} (drafts/${directory.slug}/).${folders ? ` Justera knows that body under ${folders}.` : ''}`,
        },
        [
          `Ladda upp filen i rätt mapp${folders ? ` (${folders})` : ''}.`,
          'Är det ändå rätt organ: skicka protokollet för justering från din sida eller med POST /admin/protocols/' + id + '/route.',
        ],
      );
    }
  }

  if (settles) {
    // Minutes that stopped in parse (NO_ITEMS) never claimed their meeting; claiming again is harmless.
    const revision = await claimMeeting(deps, p);
    if (revision.kind === 'already-adjusted' || revision.kind === 'outdated') {
      const other = { id: revision.kind === 'outdated' ? revision.newer : revision.adjusted };
      return attention(
        {
          code: 'REVISION_CONFLICT',
          sv: `Det finns ${revision.kind === 'outdated' ? 'en nyare version' : 'en redan justerad version'} av samma sammanträde (${other.id}); den här skickas inte för justering.`,
          en: `There is ${revision.kind === 'outdated' ? 'a newer' : 'an already adjusted'} version of the same meeting (${other.id}); this one is not sent for adjustment.`,
        },
        [],
      );
    }
    await supersedeOlder(deps, p, revision.older);
  }

  const resolution = resolveSigners(p, directory, now);
  if (resolution.problems.length)
    return attention(
      {
        code: 'SIGNERS_UNRESOLVED',
        sv: resolution.problems.join(' '),
        en: `Could not resolve who must adjust: ${resolution.problems.length} problem(s) with the chair/adjusters against the directory.`,
      },
      resolution.fixes,
    );

  const wouldAsk = resolution.signers.map((s) => `${s.name} (${s.role}${s.origin === 'directory' ? ', enligt katalogen' : ''})`);
  if (!explicit && directory.confirmBeforeSending) {
    const reason = {
      code: 'CONFIRM_BEFORE_SENDING',
      sv: `Katalogen för ${directory.name} anger att sekreteraren bekräftar tolkningen innan protokollet skickas för justering.`,
      en: `The directory of ${directory.name} asks the secretary to confirm the parse before the minutes are sent for adjustment.`,
    };
    const moved = await deps.store.protocols.transition(id, ['PARSED'], 'NEEDS_ATTENTION', { reason }, { at: now.toISOString(), type: 'awaiting-confirmation', detail: reason.sv });
    if (moved)
      await sendOnce(deps, `confirm#${id}`, async () =>
        confirmToSecretary(moved, directory.secretary.email, wouldAsk, await secretaryLinkFor(deps, moved, directory.secretary.email)),
      );
    deps.log.info('stage', { stage: 'route', protocolId: id, status: 'NEEDS_ATTENTION', reason: reason.en });
    return 'attention';
  }

  await deps.store.signers.create(resolution.signers);
  const confirmed = request.by === 'secretary' ? 'Bekräftat av sekreteraren: ' : request.by === 'operator' ? 'Skickat av driftansvarig: ' : '';
  const routed = await deps.store.protocols.transition(
    id,
    [p.status],
    'ROUTED',
    { pending: resolution.signers.map((s) => s.id), deadline: resolution.deadline, reason: null, warnings: [...new Set([...p.warnings, ...resolution.notes])] },
    { at: now.toISOString(), type: 'routed', detail: `${confirmed}${wouldAsk.join(', ')}` },
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
