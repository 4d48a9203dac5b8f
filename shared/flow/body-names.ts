// Whether the body named in the minutes is clearly another than the one whose
// folder they were uploaded to (a Kommunstyrelsen protocol under
// drafts/socialnamnden/). Pure, and deliberately cautious: a missing or generic
// name ("Styrelsen", "Årsmöte") never trips it, and names that share a word
// or where one contains the other count as the same body. Only names with no
// significant word in common, or a name that matches another body of the
// directory table better, are "clearly" another.
import type { BodyDirectory } from '../domain/records';
import { fold } from '../domain/text';

/** Words that say what kind of meeting or body it is, not which one. */
const GENERIC = new Set(
  [
    'styrelse', 'styrelsemote', 'mote', 'motet', 'stamman', 'arsmote', 'extra', 'ordinarie', 'konstituerande', 'stamma', 'arsstamma', 'foreningsstamma',
    'extrastamma', 'medlemsmote', 'sammantrade', 'protokoll', 'minnesanteckningar', 'anteckningar', 'for', 'och', 'i', 'vid', 'av',
    'med', 'pa', 'den', 'det', 'de', 'till', 'fran', 'om', 'the', 'of', 'and', 'board', 'meeting', 'minutes', 'annual', 'general',
  ].map(stem),
);

/**
 * One word in a comparable form: folded (case, diacritics), without a genitive
 * "s" and the definite ending, so "Socialnämndens", "Socialnämnden" and
 * "Socialnämnd" are one word. Both sides get the same treatment, so a stem
 * that is not a real word does no harm.
 */
export function stem(word: string): string {
  let w = fold(word);
  if (w.length > 4 && w.endsWith('s')) w = w.slice(0, -1);
  if (w.length > 5 && /(en|et)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** The significant words of a body's name; empty for a missing or generic name. */
export function nameWords(name: string | null | undefined): Set<string> {
  const words = (name ?? '').split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(stem);
  return new Set(words.filter((w) => w.length > 1 && !GENERIC.has(w)));
}

const subset = (a: Set<string>, b: Set<string>) => [...a].every((w) => b.has(w));
/** One name's words all occur in the other's: "Kommunstyrelsen" and "Kommunstyrelsens arbetsutskott". */
const related = (a: Set<string>, b: Set<string>) => a.size > 0 && b.size > 0 && (subset(a, b) || subset(b, a));
const shareAny = (a: Set<string>, b: Set<string>) => [...a].some((w) => b.has(w));

/** `known`: the other bodies of the directory table whose name it is (best match first), possibly none. */
export type BodyCheck = { kind: 'same' } | { kind: 'other'; named: string; known: BodyDirectory[] };

/** Compares the parsed body with the folder's directory (and the other bodies Justera knows). */
export function checkBody(parsed: string | null, directory: BodyDirectory, others: readonly BodyDirectory[]): BodyCheck {
  const words = nameWords(parsed);
  if (!parsed || words.size === 0) return { kind: 'same' };
  const ours = [directory.name, directory.organisation, directory.slug.replace(/-/g, ' ')].map(nameWords);
  if (ours.some((o) => related(words, o))) return { kind: 'same' };
  const exact = (b: BodyDirectory) => [...nameWords(b.name)].sort().join(' ') === [...words].sort().join(' ');
  const known = others.filter((b) => b.slug !== directory.slug && related(words, nameWords(b.name))).sort((a, b) => Number(exact(b)) - Number(exact(a)));
  if (known.length) return { kind: 'other', named: parsed, known };
  // Nothing in common with this body's names at all: another body, even if Justera does not know it.
  if (!ours.some((o) => shareAny(words, o))) return { kind: 'other', named: parsed, known: [] };
  return { kind: 'same' };
}
