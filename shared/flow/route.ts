// PARSED → ROUTED: signer tasks with personal links, or NEEDS_ATTENTION with
// exactly who is missing. Safe to repeat: a ROUTED protocol only gets the
// invitations it still lacks.
import type { ProtocolRecord, Reason } from '../domain/records';
import { routedToSecretary } from '../mail/messages';
import type { Deps } from '../ports';
import { inviteActive } from './invite';
import { reportProblem, sendOnce } from './notify';
import { changedItems, holdsMeeting } from './revisions';
import { resolveSigners } from './route-signers';

/** NEEDS_ATTENTION reasons that routing itself set, so that routing again may continue. */
const ROUTING_PROBLEMS = new Set(['NO_DIRECTORY', 'SIGNERS_UNRESOLVED']);

export type RouteOutcome = 'routed' | 'attention' | 'skipped';

export async function routeProtocol(deps: Deps, id: string): Promise<RouteOutcome> {
  const p = await deps.store.protocols.get(id);
  if (!p) throw new Error(`protocol ${id} not found`);
  if (p.status === 'ROUTED') {
    await inviteActive(deps, p, await revisionChanges(deps, p));
    return 'routed';
  }
  const resumable = p.status === 'PARSED' || (p.status === 'NEEDS_ATTENTION' && ROUTING_PROBLEMS.has(p.reason?.code ?? ''));
  if (!resumable) return 'skipped';
  // A version a newer upload (or an adjusted one) displaced is not sent out.
  if (!(await holdsMeeting(deps, p))) return 'skipped';
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

  await deps.store.signers.create(resolution.signers);
  const routed = await deps.store.protocols.transition(
    id,
    [p.status],
    'ROUTED',
    { pending: resolution.signers.map((s) => s.id), deadline: resolution.deadline, reason: null, warnings: [...p.warnings, ...resolution.notes] },
    { at: now.toISOString(), type: 'routed', detail: resolution.signers.map((s) => `${s.name} (${s.role})`).join(', ') },
  );
  if (!routed) return 'skipped';
  deps.metric('ProtocolsRouted');
  await inviteActive(deps, routed, await revisionChanges(deps, routed));
  await sendOnce(deps, `routed#${id}`, async () => routedToSecretary(routed, directory, await deps.store.signers.all(id)));
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
