// The signed record must be inert: a protocol that runs a script or starts a
// program when opened is no record anyone should publish. Drafts exported from
// a word processor carry none of this; one that does was made or altered on
// purpose, so we take it out before the stamp and say so on the audit page.
// Plain links (URI) and jumps inside the document (GoTo) are kept.
import { PDFArray, PDFDict, PDFName, type PDFDocument, type PDFObject } from 'pdf-lib';

/** Actions that run code, start programs, send data or pull content in. */
const ACTIVE = new Set(['JavaScript', 'Launch', 'SubmitForm', 'ImportData', 'ResetForm', 'GoToR', 'GoToE', 'Rendition', 'RichMediaExecute', 'Movie', 'Sound']);

export interface Removed {
  /** Action type (JavaScript, Launch …) → how many were taken out. */
  actions: Record<string, number>;
  /** Trigger dictionaries (/AA: on open, close, print, page view …) taken out. */
  triggers: number;
}

export function isInert(removed: Removed): boolean {
  return removed.triggers === 0 && Object.keys(removed.actions).length === 0;
}

/** "JavaScript ×4, Launch ×2, 5 automatic triggers". */
export function describeRemoved(removed: Removed): string {
  const parts = Object.entries(removed.actions).map(([type, n]) => `${type} ×${n}`);
  if (removed.triggers) parts.push(`${removed.triggers} automatic trigger${removed.triggers === 1 ? '' : 's'} (/AA)`);
  return parts.join(', ');
}

/** Removes every active action and trigger from the document in place, and says what it removed. */
export function removeActiveContent(doc: PDFDocument): Removed {
  const removed: Removed = { actions: {}, triggers: 0 };
  const ctx = doc.context;
  const dict = (o: PDFObject | undefined) => {
    const v = o ? ctx.lookup(o) : undefined;
    return v instanceof PDFDict ? v : undefined;
  };
  // Counts the active actions in an action and its /Next chain (a chain may loop).
  const count = (action: PDFObject | undefined, seen = new Set<PDFObject>()): number => {
    const resolved = action ? ctx.lookup(action) : undefined;
    if (!resolved || seen.has(resolved)) return 0;
    seen.add(resolved);
    if (resolved instanceof PDFArray) return resolved.asArray().reduce((n, a) => n + count(a, seen), 0);
    if (!(resolved instanceof PDFDict)) return 0;
    const type = resolved.lookupMaybe(PDFName.of('S'), PDFName)?.decodeText();
    let n = 0;
    if (type && ACTIVE.has(type)) {
      removed.actions[type] = (removed.actions[type] ?? 0) + 1;
      n = 1;
    }
    return n + count(resolved.get(PDFName.of('Next')), seen);
  };
  const dropTriggers = (owner: PDFDict | undefined) => {
    const aa = dict(owner?.get(PDFName.of('AA')));
    if (!owner || !aa) return;
    for (const [, action] of aa.entries()) count(action);
    owner.delete(PDFName.of('AA'));
    removed.triggers++;
  };
  // An action in /A or /OpenAction goes when it, or anything chained after it, is active.
  const dropAction = (owner: PDFDict | undefined, key: string) => {
    if (owner && count(owner.get(PDFName.of(key))) > 0) owner.delete(PDFName.of(key));
  };

  const catalog = doc.catalog;
  dropAction(catalog, 'OpenAction');
  dropTriggers(catalog);
  const names = dict(catalog.get(PDFName.of('Names')));
  const scripts = dict(names?.get(PDFName.of('JavaScript')));
  if (names && scripts) {
    countNameTree(scripts, (action) => count(action), dict);
    names.delete(PDFName.of('JavaScript'));
  }
  const form = dict(catalog.get(PDFName.of('AcroForm')));
  for (const field of form?.lookupMaybe(PDFName.of('Fields'), PDFArray)?.asArray() ?? []) walkField(dict(field), dict, dropAction, dropTriggers, new Set());

  for (const page of doc.getPages()) {
    dropTriggers(page.node);
    for (const annot of page.node.Annots()?.asArray() ?? []) {
      const a = dict(annot);
      dropAction(a, 'A');
      dropTriggers(a);
    }
  }
  return removed;
}

/** Visits the values of a name tree (/Names pairs and /Kids), each node once. */
function countNameTree(node: PDFDict, visit: (value: PDFObject) => void, dict: (o: PDFObject | undefined) => PDFDict | undefined, seen = new Set<PDFDict>()): void {
  if (seen.has(node)) return;
  seen.add(node);
  const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray)?.asArray() ?? [];
  for (let i = 1; i < pairs.length; i += 2) visit(pairs[i]!);
  for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) {
    const k = dict(kid);
    if (k) countNameTree(k, visit, dict, seen);
  }
}

/** Form fields carry actions too (/A on widgets, /AA for keystroke, format, calculate scripts). */
function walkField(
  field: PDFDict | undefined,
  dict: (o: PDFObject | undefined) => PDFDict | undefined,
  dropAction: (owner: PDFDict | undefined, key: string) => void,
  dropTriggers: (owner: PDFDict | undefined) => void,
  seen: Set<PDFDict>,
): void {
  if (!field || seen.has(field)) return;
  seen.add(field);
  dropAction(field, 'A');
  dropTriggers(field);
  for (const kid of field.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) walkField(dict(kid), dict, dropAction, dropTriggers, seen);
}
