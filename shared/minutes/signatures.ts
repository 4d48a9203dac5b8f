// The signature block: "Vid protokollet" and the secretary's name, "Justeras"
// and the names of those who adjust, and — on minutes that were already signed
// electronically — a place/date line and a stamp per signer:
//   Uppsala 19/02/25 2025
//   Helena Proos (Feb 19, 2025 18:56 GMT+1)
//   Helena Proos
import type { Line } from './layout';
import { closingLabelKind, closingLabelRest, isClosingLabel } from './markers';
import { findSignDate, parseStampParts } from './dates';
import type { ExistingSignature } from './model';
import { NAME_SOURCE, isPersonName, namesIn, roleAt, UPPER, LOWER } from './people';

export interface SignatureBlock {
  secretary: string | null;
  /** Named under an "Ordförande" label. */
  chair: string | null;
  /** Named under a "Justerare"/"Justerande" label or "Utses att justera". */
  adjusters: string[];
  /** Names under "Justeras", in order: by convention the chair first, then the adjusters. */
  justeras: string[];
  /** Lines under a role's label that show no name: a scan's OCR of a printed name ("BjortyGoffeng,C"), matched later to a name of the minutes. */
  unread: { role: 'secretary' | 'chair' | 'adjusters'; text: string }[];
  signatures: ExistingSignature[];
}

type State = 'secretary' | 'adjusters' | 'chair' | 'signatures' | null;

const STAMP = new RegExp(`^\\[?(${NAME_SOURCE})\\s*\\\\?\\((.+?)\\\\?\\)\\]?(?:\\(#\\))?$`, 'u');
const PLACE_DATE = new RegExp(`^([${UPPER}][${LOWER}-]+(?:\\s+[${UPPER}][${LOWER}-]+){0,2})[,\\s]+(?:den\\s+)?(.+)$`, 'u');
const HEADER_ADJUSTERS = /^(?:Utses\s+att\s+justera|Justerare|Justerande|Justeringsperson(?:er)?)\s*(?::|\t)\s*(.+)$/iu;

/** "Helena Proos (Feb 19, 2025 18:56 GMT+1)" -> name, date and time of the e-signature. */
export function parseStamp(text: string): { name: string; date: string | null; time: string | null } | null {
  const m = STAMP.exec(text.trim());
  if (!m) return null;
  const inner = m[2]!;
  const parts = parseStampParts(inner);
  const date = parts?.date ?? findSignDate(inner)?.iso ?? null;
  if (!date) return null;
  return { name: m[1]!, date, time: parts?.time ?? null };
}

/** "Uppsala 19/02/25 2025", "Gävle, 2025-02-18", "Stockholm den 18 februari 2025". */
export function parsePlaceDate(text: string): { place: string; date: string } | null {
  const m = PLACE_DATE.exec(text.trim());
  if (!m) return null;
  const date = findSignDate(m[2]!);
  if (!date) return null;
  // Nothing but the date (and perhaps the year again) may follow the place.
  const rest = m[2]!.replace(date.match, '').replace(/\b\d{4}\b/, '').trim();
  if (rest) return null;
  return { place: m[1]!, date: date.iso };
}

/**
 * Reads a signature block. In the header (`header` true) a label applies to its
 * own line and, when it stands alone, to the next line only: header lines go on
 * to lists of people who are not signers.
 */
export function readSignatureBlock(lines: Line[], header = false): SignatureBlock {
  const block: SignatureBlock = { secretary: null, chair: null, adjusters: [], justeras: [], unread: [], signatures: [] };
  let state: State = null;
  let pending: { place: string; date: string } | null = null;
  let labelLine = -1;
  let labelled: State = null; // the role of the last closing label read

  const addName = (name: string) => {
    switch (state) {
      case 'secretary':
        block.secretary ??= name;
        break;
      case 'chair':
        block.chair ??= name;
        break;
      case 'adjusters':
        if (!block.adjusters.includes(name)) block.adjusters.push(name);
        break;
      case 'signatures':
        if (block.justeras.at(-1) !== name) block.justeras.push(name);
        break;
      default:
        return;
    }
    if (pending && state !== null) {
      block.signatures.push({ name, place: pending.place, date: pending.date, time: null });
      pending = null;
    }
  };

  const unread = (role: State, text: string) => {
    if ((role === 'secretary' || role === 'chair' || role === 'adjusters') && /\p{L}{3}/u.test(text)) block.unread.push({ role, text });
  };

  // "Vid protokollet<TAB>Justeras" over "Ingrid Kristensen<TAB>Emil Stigsson": a label per column.
  let columns: State[] | null = null;
  lines.forEach((line, i) => {
    const text = line.text.trim();
    if (header && i > labelLine + 1) state = null;
    const cells = text.split(/\t+/);
    const kinds = cells.map((c) => (isClosingLabel(c) && !closingLabelRest(c) ? closingLabelKind(c) : null));
    if (cells.length >= 2 && kinds.every((k) => k !== null)) {
      columns = kinds;
      labelLine = i;
      return;
    }
    if (columns && cells.length >= 2) {
      const labels = columns;
      const names = cells.map(nameIn);
      // A scan's signatures between the labels and the printed names read as marks ("lh ord hae<TAB>fe Be"): the names come on a later line.
      if (names.every((n) => n === null) && i <= labelLine + 3) return;
      cells.forEach((_, k) => {
        state = labels[k] ?? null;
        const name = names[k];
        if (name) addName(name);
      });
      columns = null;
      state = null;
      return;
    }
    const adjusters = header ? HEADER_ADJUSTERS.exec(text) : null;
    if (adjusters) {
      state = 'adjusters';
      labelLine = i;
      for (const name of namesIn(adjusters[1]!)) addName(name);
      return;
    }
    if (isClosingLabel(text)) {
      // "Underskrifter<TAB>Sekreterare<TAB>Gun Gran": the innermost label names the person.
      let label = text;
      while (isClosingLabel(closingLabelRest(label)) && closingLabelKind(closingLabelRest(label))) label = closingLabelRest(label);
      state = closingLabelKind(label);
      labelled = state;
      labelLine = i;
      const rest = closingLabelRest(label);
      if (rest) namesOn(rest).forEach(addName);
      return;
    }
    if (header && state === null) {
      // A scanned signature leaves a few lines of marks between a label and the printed name under it.
      if (labelled && i <= labelLine + 4 && text.length <= 40 && namesOn(text).length === 0) unread(labelled, text);
      return;
    }
    const stamp = parseStamp(text);
    if (stamp) {
      const place = pending;
      pending = null;
      block.signatures.push({ name: stamp.name, place: place?.place ?? null, date: place?.date ?? stamp.date, time: stamp.time });
      if (state === null) state = 'signatures';
      if (state === 'signatures' && block.justeras.at(-1) !== stamp.name) block.justeras.push(stamp.name);
      return;
    }
    const placeDate = parsePlaceDate(text);
    if (placeDate) {
      pending = placeDate;
      return;
    }
    const names = namesOn(text);
    names.forEach(addName);
    if (names.length === 0) unread(state, text);
  });
  return block;
}

/** Names on a signature line: columns split by tabs, each a name with perhaps a party or role after it. */
function namesOn(text: string): string[] {
  // "Justeras: Anna Andersson, Cecilia Ceder": names side by side, in columns or in a list.
  return text.split(/\t+/).flatMap((column) => column.split(/\s*(?:,|\soch\s)\s*(?=\p{Lu})/u).flatMap((part) => nameIn(part) ?? []));
}

/** The name in one column of a signature line; a scan's stray marks around it are dropped ("/Per-Åke Jansson", "Bjödn GoffengH----"). */
function nameIn(column: string): string | null {
  const plain = column
      .replace(/^[/\\\-–—_.]+\s*/u, '')
      .replace(/[-–—_]{2,}.*$/u, '')
      .replace(/(\p{Ll})\p{Lu}$/u, '$1')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[_.…]{3,}/g, ' ')
    .split(/,/)[0]!
      .trim();
  const role = /\s+(\S+(?:\s+\S+)?)$/.exec(plain);
  const name = role && roleAt(role[1]!) ? plain.slice(0, role.index).trim() : plain;
  return isPersonName(name) ? name : null;
}
