// Who must adjust a protocol, resolved against the body's directory, and in
// which order. Pure: no storage, so the rules are tested on their own.
import { addDays, endOfDay, stockholmDate } from '../domain/stockholm';
import type { BodyDirectory, Member, ProtocolRecord, SignerOrigin, SignerRecord, SignerRole } from '../domain/records';
import { fold } from '../domain/text';
import { matchMember } from '../domain/names';

export interface Resolution {
  signers: SignerRecord[];
  /** One Swedish sentence per person who could not be resolved, naming them. */
  problems: string[];
  /** What the secretary can do about it. */
  fixes: string[];
  deadline: string;
  notes: string[];
}

export function secretaryName(p: Pick<ProtocolRecord, 'secretary'>, directory: BodyDirectory | null): string {
  return directory?.secretary.name ?? p.secretary ?? 'Sekreteraren';
}

/** Deadline: the statutory days after the meeting; when that has (almost) passed, the same number of days from the upload. */
export function deadlineFor(p: Pick<ProtocolRecord, 'date' | 'receivedAt'>, days: number, now: Date): { deadline: string; note: string | null } {
  const today = stockholmDate(now);
  const fromMeeting = p.date ? addDays(p.date, days) : null;
  const fromUpload = addDays(stockholmDate(new Date(p.receivedAt)), days);
  if (fromMeeting && fromMeeting > today) return { deadline: endOfDay(fromMeeting).toISOString(), note: null };
  return {
    deadline: endOfDay(fromUpload).toISOString(),
    note: fromMeeting
      ? `Justeringstiden (${days} dagar efter sammanträdet) gick ut ${fromMeeting}; sista dag räknas från uppladdningen.`
      : `Mötesdatum saknas; sista dag räknas ${days} dagar från uppladdningen.`,
  };
}

/** The directory's members whose role is ordförande (case and diacritics ignored). */
export function directoryChairs(directory: BodyDirectory): Member[] {
  return directory.members.filter((m) => fold(m.role) === 'ordforande');
}

/**
 * Signer ids of a protocol's n-th correction: `s1`, `s2` … before any, `c1s1` …
 * after the first. Each correction withdraws the earlier tasks, and fresh ids
 * keep their mails (keyed by id) and links apart.
 */
export function signerIdPrefix(p: Pick<ProtocolRecord, 'corrections'>): string {
  const n = p.corrections?.length ?? 0;
  return n ? `c${n}s` : 's';
}

export function resolveSigners(p: ProtocolRecord, directory: BodyDirectory, now: Date): Resolution {
  const problems: string[] = [];
  const fixes: string[] = [];
  const notes: string[] = [];
  const wanted = wantedSigners(p, directory, problems, notes);
  const found = matchWanted(wanted, directory, problems, fixes);
  if (problems.length)
    fixes.push(
      `Uppdatera katalogen med "npx justera bodies import <fil.json>" eller PUT /admin/bodies/${directory.slug}, och fortsätt sedan med POST /admin/protocols/${p.id}/route.`,
    );
  const { deadline, note } = deadlineFor(p, directory.deadlineDays, now);
  const prefix = signerIdPrefix(p);
  const bankId = directory.signature === 'bankid';
  const signers: SignerRecord[] = found.map((f, index) => {
    const step = stepOf(directory.signingOrder, f.role, index);
    return {
      protocolId: p.id,
      id: `${prefix}${index + 1}`,
      name: f.name,
      email: f.email,
      role: f.role,
      origin: f.origin,
      step,
      status: step === 0 ? 'pending' : 'waiting',
      tokenHashes: [],
      expiresAt: deadline,
      invitedAt: null,
      firstViewedAt: null,
      views: 0,
      signature: null,
      comment: null,
      reminders: [],
      events: [],
      ...(bankId && f.personnummerHash ? { personnummerHash: f.personnummerHash } : {}),
    };
  });
  if (!problems.length && signers.length === 0) problems.push('Ingen att skicka protokollet till för justering.');
  return { signers, problems, fixes, deadline, notes: [...notes, ...(note ? [note] : [])] };
}

interface Wanted {
  name: string | null;
  role: SignerRole;
  what: string;
  origin: SignerOrigin;
}

/** Who the minutes (or a correction) ask to sign, in order; the directory's chair when the minutes name none. */
function wantedSigners(p: ProtocolRecord, directory: BodyDirectory, problems: string[], notes: string[]): Wanted[] {
  const corrected = new Set((p.corrections ?? []).flatMap((c) => c.changes.map((x) => x.field)));
  const originOf = (field: 'chair' | 'adjusters'): SignerOrigin => (corrected.has(field) ? 'correction' : 'minutes');
  const wanted: Wanted[] = [{ name: p.chair, role: 'ordförande', what: 'ordförande', origin: originOf('chair') }];
  p.adjusters.forEach((name) => wanted.push({ name, role: 'justerare', what: 'justerare', origin: originOf('adjusters') }));
  if (directory.signingOrder === 'secretary-first')
    wanted.unshift({ name: p.secretary ?? directory.secretary.name, role: 'sekreterare', what: 'sekreterare', origin: p.secretary ? 'minutes' : 'directory' });
  // No chair in the text: the directory's chair, said so to the secretary and in the trail; the parse keeps null.
  // Only when the minutes (or a correction) name someone else: minutes that name nobody who adjusts are more
  // likely misread than meant for the chair alone, so they wait for the secretary.
  const chairs = directoryChairs(directory);
  if (!p.chair && p.adjusters.length === 0) {
    problems.push('Protokollet anger varken ordförande eller justerare, så Justera vet inte vem som ska justera det.');
  } else if (!p.chair && chairs.length === 1) {
    wanted[wanted.findIndex((w) => w.role === 'ordförande')] = { name: chairs[0]!.name, role: 'ordförande', what: 'ordförande', origin: 'directory' };
    notes.push(`Protokollet anger ingen ordförande; länken skickades till katalogens ordförande, ${chairs[0]!.name}.`);
  } else if (!p.chair && chairs.length > 1) {
    problems.push(`Protokollet anger ingen ordförande, och katalogen har flera med rollen ordförande: ${chairs.map((c) => c.name).join(', ')}.`);
  } else if (!p.chair) {
    problems.push('Protokollet anger ingen ordförande (varken "Ordförande …" eller i justeringsblocket), och katalogen har ingen med rollen ordförande.');
  }
  if (p.kind === 'protokoll' && p.chair && p.adjusters.length === 0) problems.push('Protokollet anger ingen justerare ("Val av justerare …" eller namn under "Justeras").');
  return wanted;
}

type Found = { role: SignerRole; name: string; email: string; origin: SignerOrigin; personnummerHash?: string };

/** Each wanted name as the one directory member it names, once per person; what is missing or ambiguous becomes a problem. */
function matchWanted(wanted: Wanted[], directory: BodyDirectory, problems: string[], fixes: string[]): Found[] {
  const found: Found[] = [];
  const bankId = directory.signature === 'bankid';
  for (const w of wanted) {
    if (!w.name) continue;
    const match = matchMember(w.name, directory.members);
    if (match.kind === 'found') {
      if (!found.some((f) => f.email.toLowerCase() === match.member.email.toLowerCase()))
        found.push({ role: w.role, name: match.member.name, email: match.member.email, origin: w.origin, personnummerHash: match.member.personnummerHash });
      // BankID checks the signer against the member's hash: without one nobody could sign.
      if (bankId && !match.member.personnummerHash) {
        problems.push(`${match.member.name} (${w.what}) saknar personnummer i katalogen, och ${directory.name} justerar med BankID.`);
        fixes.push(`Ange personnummer för ${match.member.name} i katalogen för ${directory.slug}.`);
      }
    } else if (match.kind === 'ambiguous') {
      // Problems become the public reason; the addresses that tell the candidates apart go only into the secretary's mail (fixes).
      problems.push(`${w.name} (${w.what}) matchar flera personer i katalogen: ${match.candidates.map((c) => c.name).join(', ')}.`);
      fixes.push(
        `Skriv ${w.name}s fullständiga namn i katalogen så att bara en person matchar (nu: ${match.candidates.map((c) => `${c.name} <${c.email}>`).join(', ')}).`,
      );
    } else {
      problems.push(`${w.name} (${w.what}) finns inte i katalogen för ${directory.name}.`);
      fixes.push(`Lägg till ${w.name} med e-postadress i katalogen för ${directory.slug}.`);
    }
  }
  return found;
}

function stepOf(order: BodyDirectory['signingOrder'], role: SignerRole, index: number): number {
  switch (order) {
    case 'secretary-first':
      return role === 'sekreterare' ? 0 : 1;
    case 'sequential':
      return index;
    default:
      return 0;
  }
}
