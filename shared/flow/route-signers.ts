// Who must adjust a protocol, resolved against the body's directory, and in
// which order. Pure: no storage, so the rules are tested on their own.
import { addDays, endOfDay, stockholmDate } from '../domain/stockholm';
import type { BodyDirectory, ProtocolRecord, SignerRecord, SignerRole } from '../domain/records';
import { matchMember } from '../signing/names';

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

export function resolveSigners(p: ProtocolRecord, directory: BodyDirectory, now: Date): Resolution {
  const wanted: { name: string | null; role: SignerRole; what: string }[] = [{ name: p.chair, role: 'ordförande', what: 'ordförande' }];
  p.adjusters.forEach((name) => wanted.push({ name, role: 'justerare', what: 'justerare' }));
  if (directory.signingOrder === 'secretary-first') wanted.unshift({ name: p.secretary ?? directory.secretary.name, role: 'sekreterare', what: 'sekreterare' });

  const problems: string[] = [];
  const fixes: string[] = [];
  if (!p.chair) problems.push('Protokollet anger ingen ordförande (varken "Ordförande …" eller i justeringsblocket).');
  if (p.kind === 'protokoll' && p.adjusters.length === 0) problems.push('Protokollet anger ingen justerare ("Val av justerare …" eller namn under "Justeras").');

  const found: { role: SignerRole; name: string; email: string }[] = [];
  for (const w of wanted) {
    if (!w.name) continue;
    const match = matchMember(w.name, directory.members);
    if (match.kind === 'found') {
      if (!found.some((f) => f.email.toLowerCase() === match.member.email.toLowerCase()))
        found.push({ role: w.role, name: match.member.name, email: match.member.email });
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
  if (problems.length)
    fixes.push(
      `Uppdatera katalogen med "npx justera bodies import <fil.json>" eller PUT /admin/bodies/${directory.slug}, och fortsätt sedan med POST /admin/protocols/${p.id}/route.`,
    );

  const { deadline, note } = deadlineFor(p, directory.deadlineDays, now);
  const stepOf = (role: SignerRole, index: number): number => {
    switch (directory.signingOrder) {
      case 'secretary-first':
        return role === 'sekreterare' ? 0 : 1;
      case 'sequential':
        return index;
      default:
        return 0;
    }
  };
  const signers: SignerRecord[] = found.map((f, index) => {
    const step = stepOf(f.role, index);
    return {
      protocolId: p.id,
      id: `s${index + 1}`,
      name: f.name,
      email: f.email,
      role: f.role,
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
    };
  });
  if (!problems.length && signers.length === 0) problems.push('Ingen att skicka protokollet till för justering.');
  return { signers, problems, fixes, deadline, notes: note ? [note] : [] };
}
