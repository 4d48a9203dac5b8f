// Finding the person a protocol names in the body's directory. Tolerant of
// case, diacritics, hyphens, middle names and a trailing party "(S)", but never
// choosing between two candidates.
import type { Member } from './records';
import { words } from './text';

export type NameMatch = { kind: 'found'; member: Member } | { kind: 'ambiguous'; candidates: Member[] } | { kind: 'unknown' };

/** Words of a person's name without a trailing party abbreviation such as "(S)" or "(KD)". */
export function nameWords(name: string): string[] {
  return words(name.replace(/\(\s*[\p{L}]{1,4}\s*\)\s*$/u, ''));
}

export function matchMember(name: string, members: readonly Member[]): NameMatch {
  const wanted = nameWords(name);
  if (wanted.length === 0) return { kind: 'unknown' };
  const decide = (candidates: Member[]): NameMatch | null =>
    candidates.length === 1 ? { kind: 'found', member: candidates[0]! } : candidates.length > 1 ? { kind: 'ambiguous', candidates } : null;

  const same = (a: string[], b: string[]) => a.length === b.length && a.every((w, i) => w === b[i]);
  const exact = decide(members.filter((m) => same(nameWords(m.name), wanted)));
  if (exact) return exact;

  // "Mikael Elfgrén" for "Mikael Andersson Elfgrén": same first and last name, middle names left out on one side.
  const loose = members.filter((m) => {
    const have = nameWords(m.name);
    const [short, long] = have.length <= wanted.length ? [have, wanted] : [wanted, have];
    if (short.length < 2) return false;
    return short[0] === long[0] && short.at(-1) === long.at(-1) && short.slice(1, -1).every((w) => long.slice(1, -1).includes(w));
  });
  return decide(loose) ?? { kind: 'unknown' };
}
