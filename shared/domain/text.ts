// Text folding shared by search and name matching: case, diacritics and
// punctuation do not decide whether two words are the same.

/** Lower case, without diacritics (å → a, é → e), hyphens and punctuation as spaces. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a text, folded. */
export function words(text: string): string[] {
  const folded = fold(text);
  return folded ? folded.split(' ') : [];
}

/** A field for word-prefix search: every word preceded by a space. */
export function searchField(text: string): string {
  return ` ${words(text).join(' ')} `;
}
