// Inputs for the parser's fuzz tests (fuzz.test.ts): a seeded generator and
// the awkward text, positions and manglings it draws from. Separate from the
// test so that a failing seed can be replayed and profiled on its own.
import type { TextLine } from '../../../shared/minutes/extract';
import { random } from '../../../bench/lib/generate';

/** The bench's seeded generator (mulberry32), with the picks the fuzz tests need. */
export function rng(seed: number) {
  const next = random(seed);
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]! };
}
export type Rng = ReturnType<typeof rng>;

export const caseSeed = (suite: number, run: number) => (0x5eed_2026 + suite * 100_003 + run * 7919) >>> 0;

/** Words the parser looks for, so random text reaches its deeper rules. */
const VOCABULARY = [
  '§', '§ 1', '§1.', '$ 2', '& 3', '8 7.', '1.', '1)', '6.1', 'Ks 12', 'Protokoll', 'PROTOKOLL', 'Ordförande', 'Ordf.', 'ordförande',
  'Mötesordförande', 'Till ordförande valdes', 'Justerare', 'Justeras', 'Justerat', 'justeringsperson', 'Val av justerare',
  'Sekreterare', 'Vid protokollet', 'Protokollförare', 'Närvarande', 'Beslutande', 'Ledamöter', 'Ersättare', 'Frånvarande',
  'Beslut', 'Beslutet', 'att', 'Plats och tid', 'Plats:', 'kl. 13.00', '2014-04-30', '140504', '18 05 02', 'den 3 mars 2012',
  'March 3, 2012', 'Kommunstyrelsen', 'Anna Berg', 'Erik Åström (S)', 'Mötets öppnande', 'Utdragsbestyrkande', 'Justerandes sign',
  'Sida 1 av 3', '(', ')', ':', ',', '–', '-', '.', '"', '”', '…',
];

/** Code points of every awkward kind. */
const ODD: readonly (readonly [number, number])[] = [
  [0x00, 0x1f], // control characters (tab, form feed, NUL …)
  [0x7f, 0x9f], // DEL and C1 controls
  [0x0300, 0x036f], // combining marks
  [0x0590, 0x05ff], // Hebrew
  [0x0600, 0x06ff], // Arabic
  [0x200b, 0x200f], // zero-width space/joiners, LRM, RLM
  [0x202a, 0x202e], // bidi embeddings and overrides
  [0x2066, 0x2069], // bidi isolates
  [0xfeff, 0xfeff], // BOM / zero-width no-break space
  [0xd800, 0xdfff], // lone surrogates
  [0xfff0, 0xffff], // specials, non-characters
  [0x1f600, 0x1f64f], // emoji (surrogate pairs)
  [0x10000, 0x10ffff], // any astral plane
  [0x00a0, 0x00ff], // Latin-1 incl. NBSP, å ä ö
  [0x2000, 0x200a], // spaces of every width
];

export function oddChar(r: Rng): string {
  const [lo, hi] = r.pick(ODD);
  return String.fromCodePoint(lo + r.int(hi - lo + 1));
}

export function randomLine(r: Rng): string {
  const shape = r.int(10);
  if (shape === 0) return '';
  if (shape === 1) return Array.from({ length: 1 + r.int(30) }, () => r.pick(['\t', '§', ' ', '§\t'])).join(''); // only tabs and §
  if (shape === 2) return Array.from({ length: 1 + r.int(40) }, () => String(r.int(10))).join(r.pick(['', ' ', '.', '\t'])); // only digits
  let s = '';
  const parts = 1 + r.int(25);
  for (let k = 0; k < parts; k++) {
    const kind = r.int(4);
    if (kind === 0) s += r.pick(VOCABULARY);
    else if (kind === 1) s += Array.from({ length: 1 + r.int(6) }, () => oddChar(r)).join('');
    else if (kind === 2) s += String.fromCharCode(0x61 + r.int(26)).repeat(1 + r.int(12));
    else s += r.pick([' ', '\t', '  ', '\u00a0']);
  }
  return s;
}

/** Lines of random text; one text in three has one very long line (up to some 30,000 characters) among them. */
export function randomText(r: Rng): string {
  const lines = Array.from({ length: r.int(60) }, () => randomLine(r));
  if (r.int(3) === 0) lines.splice(r.int(lines.length + 1), 0, veryLongLine(r));
  return lines.join(r.pick(['\n', '\n\n', '\r\n', '\n\f']));
}

function veryLongLine(r: Rng): string {
  return Array.from({ length: 100 + r.int(3000) }, () => (r.int(8) === 0 ? oddChar(r) : r.pick(VOCABULARY))).join(r.pick([' ', ', ', '', '\t']));
}

const ODD_NUMBERS = [Number.NaN, -1, -1e9, 0, -0, 1e-300, 1e300, Number.MAX_SAFE_INTEGER, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const oddNumber = (r: Rng, usual: number) => (r.int(3) === 0 ? r.pick(ODD_NUMBERS) : usual);

/** The same line with impossible positions, sizes or page numbers here and there. */
export function oddPosition(r: Rng, line: TextLine): TextLine {
  return {
    ...line,
    page: r.int(8) === 0 ? r.pick([0, -3, Number.NaN, 1e6]) : line.page,
    x: oddNumber(r, line.x),
    y: oddNumber(r, line.y),
    width: oddNumber(r, line.width),
    size: oddNumber(r, line.size),
  };
}

function shuffle<T>(r: Rng, xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** One of the ways a document's lines can arrive mangled. */
export function mangle(r: Rng, lines: TextLine[], other: TextLine[]): TextLine[] {
  const cut = () => r.int(lines.length + 1);
  switch (r.int(8)) {
    case 0:
      return shuffle(r, lines);
    case 1:
      return lines.slice(0, cut()); // truncated
    case 2:
      return lines.slice(cut()); // its start lost
    case 3: {
      const a = cut();
      const b = Math.min(lines.length, a + 1 + r.int(40));
      return [...lines.slice(0, b), ...lines.slice(a, b), ...lines.slice(a)]; // a passage duplicated
    }
    case 4: {
      // a window shuffled, the rest in order
      const a = cut();
      const b = Math.min(lines.length, a + 2 + r.int(30));
      return [...lines.slice(0, a), ...shuffle(r, lines.slice(a, b)), ...lines.slice(b)];
    }
    case 5:
      return lines.filter(() => r.int(4) !== 0).map((l) => (r.int(5) === 0 ? { ...l, text: l.text.slice(0, r.int(l.text.length + 1)) } : l)); // lines dropped and cut
    case 6:
      return [...lines.slice(0, cut()), ...other.slice(r.int(other.length + 1))]; // two documents spliced
    default:
      return lines.map((l) => (r.int(6) === 0 ? { ...l, text: l.text + oddChar(r) + randomLine(r).slice(0, 200) } : l)); // odd text inserted
  }
}

