// The secretary (on their page) or an operator (PATCH /admin/protocols/{id})
// corrects what the parser read: chair, adjusters, date and place. A new person
// given with name and address joins the body's directory. Sending for
// adjustment is a separate step (routeProtocol with `by`).
//
// When a correction is allowed:
// - NEEDS_ATTENTION for a reason a correction can cure (routing problems, no
//   recognised items, waiting for confirmation, wrong folder, an earlier
//   correction). Not for unreadable files or failed steps: there is no parse to
//   correct, or the fix is elsewhere.
// - ROUTED or CHANGES_REQUESTED while nobody has signed: the open tasks are
//   withdrawn (their links die) and the protocol waits in NEEDS_ATTENTION
//   (CORRECTED) until it is sent again, with new links.
// - Never in PARSED: routing is under way and would race the correction; a
//   moment later the protocol is ROUTED or NEEDS_ATTENTION, and correctable.
// - Never once anyone has signed: a signature covers what was sent.
//
// Under any interleaving: each open task is withdrawn with a conditional write
// that a signature, landing first, makes fail (then everything withdrawn is
// reinstated and the answer is 409); the protocol's write requires its state
// and the number of corrections read, so two corrections never both apply on
// the same reading, and routing that read an older version changes nothing.
import { correctable, reason as reasonFor } from '../domain/reasons';
import type { BodyDirectory, CorrectedField, Correction, Corrector, Member, ProtocolRecord, SignerRecord } from '../domain/records';
import type { Evidence } from '../minutes/model';
import type { Deps } from '../ports';
import { matchMember } from '../domain/names';

/** A person as given: a name in the body's directory, or a new person with an address. */
export type PersonInput = string | { name: string; email: string };

export interface CorrectionInput {
  chair?: PersonInput;
  adjusters?: PersonInput[];
  date?: string;
  place?: string;
}

export type CorrectionResult =
  | { status: 200; protocol: ProtocolRecord; changed: boolean }
  /** `message` in English for the API; `sv` for the secretary's page. */
  | { status: 400 | 404 | 409; message: string; sv: string; protocol?: ProtocolRecord; field?: 'chair' | 'adjusters' | 'new-name' };

/** Whether the protocol may be corrected now, and if not, why (in English, for the API; the page words it itself). */
export function correctionRefusal(p: ProtocolRecord, signers: SignerRecord[]): string | null {
  if (p.status === 'NEEDS_ATTENTION') return correctable(p.reason?.code ?? '') ? null : `a protocol stopped for ${p.reason?.code ?? 'this reason'} cannot be corrected; upload it again`;
  if (p.status === 'ROUTED' || p.status === 'CHANGES_REQUESTED') {
    const signed = signers.filter((s) => s.status === 'signed');
    return signed.length ? `${signed.map((s) => s.name).join(', ')} already adjusted it; a correction would change what was signed` : null;
  }
  if (p.status === 'PARSED') return 'it is being sent for adjustment right now; try again in a moment';
  return `a protocol in ${p.status} cannot be corrected`;
}

class Refused extends Error {
  constructor(
    readonly status: 400 | 409,
    message: string,
    readonly sv: string,
    readonly field: 'chair' | 'adjusters' | 'new-name',
  ) {
    super(message);
  }
}

/** A name from the directory (exactly one match), or a new person who is added unless their address is already there. */
function resolvePerson(input: PersonInput, directory: BodyDirectory, adding: Member[], as: 'chair' | 'adjusters'): string {
  const members = [...directory.members, ...adding];
  if (typeof input === 'string') {
    const match = matchMember(input, members);
    if (match.kind === 'found') return match.member.name;
    const names = match.kind === 'ambiguous' ? match.candidates.map((c) => c.name).join(', ') : '';
    if (match.kind === 'ambiguous')
      throw new Refused(400, `"${input}" matches more than one person in the directory of ${directory.name}: ${names}`, `"${input}" matchar flera personer i katalogen: ${names}.`, as);
    throw new Refused(400, `"${input}" is not in the directory of ${directory.name}; give { "name", "email" } to add a new person`, `"${input}" finns inte i katalogen för ${directory.name}.`, as);
  }
  const sameAddress = members.find((m) => m.email.toLowerCase() === input.email.toLowerCase());
  if (sameAddress) return sameAddress.name;
  const sameName = matchMember(input.name, members);
  // Two members routing would confuse: the name must pick exactly one person.
  if (sameName.kind !== 'unknown')
    throw new Refused(
      400,
      `"${input.name}" is already in the directory of ${directory.name} with another address; pick that person by name, or use a fuller name`,
      `${input.name} finns redan i katalogen med en annan e-postadress. Välj personen i listan, eller skriv ett fullständigare namn.`,
      'new-name',
    );
  adding.push({ name: input.name.trim(), email: input.email.trim(), role: 'ledamot' });
  return input.name.trim();
}

function evidenceOf(by: Corrector, at: string): Evidence {
  return { page: null, item: null, line: `${by === 'secretary' ? 'Angiven av sekreteraren' : 'Angiven av driftansvarig'} ${at.slice(0, 10)}`, rule: by };
}

const same = (a: string | string[] | null, b: string | string[] | null) => JSON.stringify(a) === JSON.stringify(b);
const shown = (v: string | string[] | null) => (v === null || (Array.isArray(v) && v.length === 0) ? '–' : Array.isArray(v) ? v.join(', ') : v);
const LABEL: Record<CorrectedField, string> = { chair: 'Ordförande', adjusters: 'Justerare', date: 'Datum', place: 'Plats' };

/** The audit line: "Justerare angivna av sekreteraren: Anna Berg, Olle Ek; Datum: 2015-09-26 → 2015-09-27". */
export function describeCorrection(c: Correction): string {
  const by = c.by === 'secretary' ? 'sekreteraren' : 'driftansvarig';
  const parts = c.changes.map((x) =>
    x.field === 'adjusters' ? `Justerare angivna av ${by}: ${shown(x.to)} (förut ${shown(x.from)})` : `${LABEL[x.field]} ${x.field === 'chair' ? 'angiven' : 'ändrat'} av ${by}: ${shown(x.from)} → ${shown(x.to)}`,
  );
  if (c.addedMembers.length) parts.push(`Nya i katalogen: ${c.addedMembers.join(', ')}`);
  return parts.join('; ');
}

type Wanted = { chair?: string; adjusters?: string[]; date?: string; place?: string };

/** The fields as the correction wants them, people resolved in the directory (new members into `adding`), or why not. */
function wantedFields(p: ProtocolRecord, input: CorrectionInput, directory: BodyDirectory, adding: Member[]): Wanted | CorrectionResult {
  try {
    const wanted: Wanted = {
      ...(input.chair !== undefined ? { chair: resolvePerson(input.chair, directory, adding, 'chair') } : {}),
      ...(input.adjusters !== undefined ? { adjusters: [...new Set(input.adjusters.map((a) => resolvePerson(a, directory, adding, 'adjusters')))] } : {}),
      ...(input.date !== undefined ? { date: input.date } : {}),
      ...(input.place !== undefined ? { place: input.place.trim() } : {}),
    };
    const chair = wanted.chair ?? p.chair;
    if (chair && (wanted.adjusters ?? p.adjusters).includes(chair))
      throw new Refused(400, `${chair} cannot be both chair and adjuster`, `${chair} kan inte vara både ordförande och justerare.`, 'adjusters');
    return wanted;
  } catch (error) {
    if (error instanceof Refused) return { status: error.status, message: error.message, sv: error.sv, protocol: p, field: error.field };
    throw error;
  }
}

const CHANGED_SV = 'Protokollet ändrades medan du tittade på det (någon justerade, begärde en ändring eller rättade). Se över uppgifterna och försök igen.';

export async function correctProtocol(deps: Deps, id: string, input: CorrectionInput, by: Corrector, expectCorrections?: number): Promise<CorrectionResult> {
  const p = await deps.store.protocols.get(id);
  if (!p) return { status: 404, message: 'no such protocol', sv: 'Protokollet finns inte.' };
  const signers = await deps.store.signers.all(id);
  const refusal = correctionRefusal(p, signers);
  if (refusal) return { status: 409, message: `cannot correct: ${refusal}`, sv: 'Protokollet kan inte rättas i sitt nuvarande läge.', protocol: p };
  if (expectCorrections !== undefined && expectCorrections !== (p.corrections?.length ?? 0))
    return { status: 409, message: 'the protocol was corrected by someone else meanwhile; look at it again', sv: CHANGED_SV, protocol: p };
  const directory = await deps.store.bodies.get(p.body);
  if (!directory) return { status: 409, message: `the body "${p.body}" has no directory yet; import it first`, sv: 'Organet har ingen katalog än.', protocol: p };

  const adding: Member[] = [];
  const wanted = wantedFields(p, input, directory, adding);
  if ('status' in wanted) return wanted;
  const at = deps.clock.now().toISOString();
  const changes = (Object.entries(wanted) as [CorrectedField, string | string[]][])
    .map(([field, to]) => ({ field, from: p[field], to }))
    .filter((c) => !same(c.from, c.to));
  if (!changes.length) return { status: 200, protocol: p, changed: false };

  for (const member of adding) await deps.store.bodies.addMember(directory.slug, member, at);

  // Withdraw every open task first: a signature that lands before its withdrawal wins, and the correction backs off.
  const withdrawn: SignerRecord[] = [];
  const backOff = async (message: string): Promise<CorrectionResult> => {
    const again = { at: deps.clock.now().toISOString(), type: 'reinstated' as const, detail: 'Rättelsen avbröts; länken gäller igen.' };
    for (const s of withdrawn) await deps.store.signers.reinstate(id, s.id, again);
    return { status: 409, message, sv: CHANGED_SV, protocol: (await deps.store.protocols.get(id)) ?? p };
  };
  for (const s of signers) {
    if (await deps.store.signers.withdraw(id, s.id, { at, type: 'withdrawn', detail: 'Uppgifterna rättades; länken gäller inte längre.' })) withdrawn.push(s);
    else return backOff(`cannot correct: ${s.name} acted on the protocol meanwhile`);
  }

  const correction: Correction = { at, by, changes, addedMembers: adding.map((m) => m.name) };
  const evidence = { ...(p.evidence ?? {}) };
  for (const c of changes) evidence[c.field] = evidenceOf(by, at);
  const reason = reasonFor('CORRECTED', { by, id });
  const moved = await deps.store.protocols.transition(
    id,
    // A change request landing meanwhile moves ROUTED to CHANGES_REQUESTED: the correction still applies.
    p.status === 'NEEDS_ATTENTION' ? ['NEEDS_ATTENTION'] : ['ROUTED', 'CHANGES_REQUESTED'],
    'NEEDS_ATTENTION',
    { ...wanted, evidence, corrections: [...(p.corrections ?? []), correction], reason, pending: [] },
    { at, type: by === 'secretary' ? 'corrected' : 'corrected-by-operator', detail: describeCorrection(correction) },
    { corrections: p.corrections?.length ?? 0 },
  );
  if (!moved) return backOff('cannot correct: the protocol changed meanwhile; look at it again');
  deps.log.info('stage', { stage: 'correct', protocolId: id, by, fields: changes.map((c) => c.field), withdrawn: withdrawn.length });
  return { status: 200, protocol: moved, changed: true };
}
