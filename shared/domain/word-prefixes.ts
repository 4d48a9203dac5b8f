// The word-prefix index of the decision search: which prefixes a decision is
// found under, and which prefix a query reads. Plain text rules, no storage.
import { words } from './text';

/** Shorter prefixes than this are not indexed: a one-letter query reads the date range instead. */
export const MIN_PREFIX = 2;
/**
 * Longer prefixes are cut to this many characters: a longer query word reads
 * the items of its first MAX_PREFIX characters and the rest is checked on the
 * decision. It bounds the write cost of a decision to its distinct prefixes of
 * 2..8 characters.
 */
export const MAX_PREFIX = 8;

/** Characters, not UTF-16 units: a prefix never splits a surrogate pair. */
function head(word: string, n: number): string {
  return Array.from(word).slice(0, n).join('');
}

/** Every prefix a decision's text is indexed under (case and diacritics folded, as the matching is). */
export function indexPrefixes(text: string): string[] {
  const out = new Set<string>();
  for (const word of words(text)) {
    const length = Math.min(Array.from(word).length, MAX_PREFIX);
    for (let n = MIN_PREFIX; n <= length; n++) out.add(head(word, n));
  }
  return [...out].sort();
}

/**
 * The prefix a query reads: that of its longest word (the longest prefix has
 * the fewest decisions), or null when no word is long enough for the index.
 * Every decision matching all the words is under it.
 */
export function queryPrefix(queryWords: readonly string[]): string | null {
  const longest = [...queryWords].sort((a, b) => Array.from(b).length - Array.from(a).length)[0];
  if (!longest || Array.from(longest).length < MIN_PREFIX) return null;
  return head(longest, MAX_PREFIX);
}

/** Today's matching: each query word starts a word of the decision's search field (shared/domain/text.ts searchField). */
export function matchesAll(searchField: string, queryWords: readonly string[]): boolean {
  return queryWords.every((w) => searchField.includes(` ${w}`));
}
