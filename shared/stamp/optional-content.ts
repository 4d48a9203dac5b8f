// Optional content (layers, "OCG"): content a PDF viewer shows or hides by a
// switch in the file. A layer that is off is not on the signing page and not in
// the parsed contents, yet its content is in the file and would be sealed into
// the record, one small change away from showing. So a draft with any hidden
// optional content is refused when it is received (the secretary exports it
// again without layers), and a draft whose layers are all visible is flattened
// when stamped: /OCProperties goes, so every viewer shows exactly what the
// signers saw, and the audit page says so.
//
// "Hidden" follows the default configuration (/D) the way viewers apply it:
// /BaseState, /ON and /OFF; layers that switch with use (/AS with view, print
// or export states off, or a zoom range); and membership dictionaries (/OCMD:
// /P policies and /VE expressions) that evaluate to off. The file is untrusted:
// every value is type-checked, walks are bounded, and nothing here throws.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import { objectReader } from './objects';

/** What makes the file's optional content unsafe to seal; empty when every layer shows. */
export interface OptionalContent {
  /** Names of the layers (as the file names them, shortened). */
  layers: string[];
  /** Why content may be hidden, one line each (English; layer names quoted). */
  hidden: string[];
}

const MAX_NODES = 200_000;
const MAX_DEPTH = 50;

function printableName(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean || '(namnlöst)';
}

/** The optional content of a loaded document, or null when it has none (no /OCProperties). */
export function findOptionalContent(doc: PDFDocument): OptionalContent | null {
  const ctx = doc.context;
  const { resolve, dict, array, name: nameOf, text: textOf } = objectReader(ctx);
  // A single group may stand where an array of them is expected.
  const list = (o: PDFObject | undefined): PDFObject[] => {
    const v = resolve(o);
    return v instanceof PDFArray ? array(v) : v ? [v] : [];
  };

  const catalog = doc.catalog as PDFDict | undefined;
  if (!(catalog instanceof PDFDict)) return null;
  const properties = dict(catalog.get(PDFName.of('OCProperties')));
  if (!properties) return null;

  const groups = list(properties.get(PDFName.of('OCGs'))).map(dict).filter((g): g is PDFDict => Boolean(g));
  const label = (group: PDFDict) => `"${printableName(textOf(group.get(PDFName.of('Name'))) ?? '')}"`;
  const config = dict(properties.get(PDFName.of('D')));
  const on = new Map<PDFDict, boolean>();
  const base = nameOf(config?.get(PDFName.of('BaseState'))) ?? 'ON';
  for (const g of groups) on.set(g, base !== 'OFF');
  for (const g of list(config?.get(PDFName.of('ON')))) {
    const d = dict(g);
    if (d) on.set(d, true);
  }
  for (const g of list(config?.get(PDFName.of('OFF')))) {
    const d = dict(g);
    if (d) on.set(d, false);
  }
  const isOn = (group: PDFDict) => on.get(group) ?? base !== 'OFF';

  const hidden: string[] = [];
  for (const [group, state] of on) if (!state) hidden.push(`layer ${label(group)} is off`);

  // Layers whose state follows what the reader does: hidden when viewed, printed or exported, or outside a zoom range.
  for (const usage of list(config?.get(PDFName.of('AS'))).map(dict)) {
    for (const group of list(usage?.get(PDFName.of('OCGs'))).map(dict)) {
      const u = dict(group?.get(PDFName.of('Usage')));
      if (!group || !u) continue;
      const off = (category: string, key: string) => nameOf(dict(u.get(PDFName.of(category)))?.get(PDFName.of(key))) === 'OFF';
      if (off('View', 'ViewState') || off('Print', 'PrintState') || off('Export', 'ExportState') || dict(u.get(PDFName.of('Zoom'))))
        hidden.push(`layer ${label(group)} is hidden when viewed, printed, exported or zoomed`);
    }
  }

  // Membership dictionaries anywhere in the file: content marked with one that evaluates to off is hidden.
  const evaluate = (expression: PDFObject | undefined, depth: number): boolean => {
    const v = resolve(expression);
    if (depth > MAX_DEPTH) return false;
    if (v instanceof PDFDict) return isOn(v);
    if (!(v instanceof PDFArray) || v.size() === 0) return true;
    const [op, ...operands] = v.asArray();
    const values = operands.map((o) => evaluate(o, depth + 1));
    switch (nameOf(op)) {
      case 'And':
        return values.every(Boolean);
      case 'Or':
        return values.some(Boolean);
      case 'Not':
        return !values[0];
      default:
        return true;
    }
  };
  const visible = (ocmd: PDFDict): boolean => {
    if (ocmd.has(PDFName.of('VE'))) return evaluate(ocmd.get(PDFName.of('VE')), 0);
    const members = list(ocmd.get(PDFName.of('OCGs'))).map(dict).filter((g): g is PDFDict => Boolean(g));
    if (!members.length) return true;
    const states = members.map(isOn);
    switch (nameOf(ocmd.get(PDFName.of('P'))) ?? 'AnyOn') {
      case 'AllOn':
        return states.every(Boolean);
      case 'AnyOff':
        return states.some((s) => !s);
      case 'AllOff':
        return states.every((s) => !s);
      default:
        return states.some(Boolean);
    }
  };
  const seen = new Set<PDFObject>();
  const todo: PDFObject[] = ctx.enumerateIndirectObjects().map(([, o]) => o);
  let budget = MAX_NODES;
  while (todo.length && budget-- > 0) {
    const o = todo.pop()!;
    if (seen.has(o)) continue;
    seen.add(o);
    if (o instanceof PDFArray) todo.push(...o.asArray().filter((x) => !(x instanceof PDFRef)));
    if (!(o instanceof PDFDict)) continue;
    for (const [, v] of o.entries()) if (!(v instanceof PDFRef)) todo.push(v);
    if (nameOf(o.get(PDFName.of('Type'))) === 'OCMD' && !visible(o)) hidden.push('a membership dictionary (/OCMD) hides content');
  }
  if (budget <= 0) hidden.push('the file is too large to check every membership dictionary');

  return { layers: groups.map(label), hidden: [...new Set(hidden)] };
}

/** Reads the draft (after the parser accepted it) and returns its hidden optional content, or null when nothing is hidden. */
export async function hiddenOptionalContent(bytes: Uint8Array): Promise<OptionalContent | null> {
  try {
    const found = findOptionalContent(await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false }));
    return found && found.hidden.length ? found : null;
  } catch {
    // What pdf-lib cannot read cannot be stamped either; the stamp step reports that.
    return null;
  }
}

/**
 * Flattens the layers to what a viewer shows by default: without /OCProperties
 * no viewer applies a layer switch, so everything in the file shows. Called
 * only for drafts whose layers all show (receive refuses the others); a draft
 * that slipped through with hidden content is not hidden in the record either.
 * Returns what the audit page names, or null when there were no layers.
 */
export function flattenOptionalContent(doc: PDFDocument): string | null {
  const found = findOptionalContent(doc);
  if (!found) return null;
  doc.catalog.delete(PDFName.of('OCProperties'));
  const layers = found.layers.length ? ` (${found.layers.slice(0, 5).join(', ')}${found.layers.length > 5 ? ', …' : ''})` : '';
  return found.hidden.length
    ? `layer switches (optional content) removed, hidden layers now shown${layers}: ${found.hidden.slice(0, 3).join('; ')}`
    : `layer switches (optional content) removed, every layer was shown${layers}`;
}
