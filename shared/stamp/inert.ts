// The signed record must be inert: a protocol that runs a script, starts a
// program, carries files or fetches content when opened is no record anyone
// should publish. Drafts exported from a word processor carry none of this;
// one that does was made or altered on purpose, so we take it out before the
// stamp, drop what is then unreachable (pdf-lib would write it out anyway),
// and say on the audit page what went. Links to http(s) and mailto, and jumps
// inside the document, are kept. Layer switches (optional content) go too,
// once receive has made sure no layer was hidden (optional-content.ts).
//
// The draft is untrusted: every value is looked up and type-checked, never
// assumed, and chains (/Next, outlines, name trees, field kids) are walked
// with a work list and a visited set, so no shape or depth of file can make
// this throw or overflow the stack after everyone has signed.
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, PDFString, PDFHexString, type PDFContext, type PDFDocument, type PDFObject } from 'pdf-lib';
import { objectReader } from './objects';
import { flattenOptionalContent } from './optional-content';

/** Actions that run code, start programs, send data or pull content in. */
const ACTIVE = new Set(['JavaScript', 'Launch', 'SubmitForm', 'ImportData', 'ResetForm', 'GoToR', 'GoToE', 'Rendition', 'RichMediaExecute', 'Movie', 'Sound', 'Hide', 'SetOCGState', 'Trans', 'GoTo3DView']);
/** Annotations that carry files, media or 3D content (and their scripts). */
const ACTIVE_ANNOTATIONS = new Set(['FileAttachment', 'RichMedia', 'Screen', 'Movie', 'Sound', '3D']);
const SAFE_URI = /^(https?:|mailto:)/i;

export interface Removed {
  /** Action type (JavaScript, Launch …) → how many were taken out. */
  actions: Record<string, number>;
  /** Trigger dictionaries (/AA: on open, close, print, page view …) taken out. */
  triggers: number;
  /** Embedded files, XFA forms, media and 3D annotations taken out. */
  content: Record<string, number>;
  /** The layers flattened to what viewers show (optional-content.ts), or null when the draft had none. */
  optionalContent?: string | null;
}

export function isInert(removed: Removed): boolean {
  return removed.triggers === 0 && Object.keys(removed.actions).length === 0 && Object.keys(removed.content).length === 0 && !removed.optionalContent;
}

/** "JavaScript ×4, Launch ×2, 5 automatic triggers (/AA), embedded file ×1". */
export function describeRemoved(removed: Removed): string {
  const parts = Object.entries(removed.actions).map(([type, n]) => `${type} ×${n}`);
  if (removed.triggers) parts.push(`${removed.triggers} automatic trigger${removed.triggers === 1 ? '' : 's'} (/AA)`);
  parts.push(...Object.entries(removed.content).map(([what, n]) => `${what} ×${n}`));
  if (removed.optionalContent) parts.push(removed.optionalContent);
  return parts.join(', ');
}

const name = (v: PDFObject | undefined) => (v instanceof PDFName ? v.decodeText() : undefined);
const text = (v: PDFObject | undefined) => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined);

/** Removes every active action, trigger and carrier of foreign content from the document in place, and says what it removed. */
export function removeActiveContent(doc: PDFDocument): Removed {
  const scrub = scrubber(doc.context);
  const catalog = doc.catalog;
  scrub.dropAction(catalog, 'OpenAction');
  scrub.dropTriggers(catalog);
  // Layers are switches too: the record shows what the signers saw, with no switch left to show more.
  scrub.removed.optionalContent = flattenOptionalContent(doc);
  scrubNameTrees(catalog, scrub);
  const form = scrubForm(catalog, scrub);
  scrubOutlines(catalog, scrub);
  // Form fields and their parents (a widget's /Parent need not be listed in /Fields).
  const fieldTodo = scrub.array(form?.get(PDFName.of('Fields'))).map(scrub.dict);
  for (const page of doc.getPages()) fieldTodo.push(...scrubPage(page.node, scrub));
  scrubFields(fieldTodo, scrub);
  if (!isInert(scrub.removed)) dropUnreachable(doc.context);
  return scrub.removed;
}

type Scrubber = ReturnType<typeof scrubber>;

/** The reading helpers and the tally of one run, shared by its steps. */
function scrubber(ctx: PDFContext) {
  const removed: Removed = { actions: {}, triggers: 0, content: {} };
  const { resolve, dict, array } = objectReader(ctx);
  const count = (bucket: Record<string, number>, key: string) => (bucket[key] = (bucket[key] ?? 0) + 1);

  /** True when an action (or an array of them), or anything chained after it, is active. Counts what it finds. */
  const isActive = (start: PDFObject | undefined): boolean => {
    let active = false;
    const seen = new Set<PDFObject>();
    const todo = [resolve(start)];
    while (todo.length) {
      const action = todo.pop();
      if (!action || seen.has(action)) continue;
      seen.add(action);
      if (action instanceof PDFArray) {
        todo.push(...action.asArray().map(resolve));
        continue;
      }
      if (!(action instanceof PDFDict)) continue;
      const type = name(resolve(action.get(PDFName.of('S'))));
      if (type && ACTIVE.has(type)) {
        count(removed.actions, type);
        active = true;
      }
      if (type === 'URI' && !SAFE_URI.test((text(resolve(action.get(PDFName.of('URI')))) ?? '').trim())) {
        count(removed.actions, 'URI (not http, https or mailto)');
        active = true;
      }
      todo.push(resolve(action.get(PDFName.of('Next'))));
    }
    return active;
  };
  return {
    removed,
    resolve,
    dict,
    array,
    count,
    isActive,
    dropAction(owner: PDFDict | undefined, key: string) {
      if (owner && isActive(owner.get(PDFName.of(key)))) owner.delete(PDFName.of(key));
    },
    dropTriggers(owner: PDFDict | undefined) {
      const aa = dict(owner?.get(PDFName.of('AA')));
      if (!owner || !aa) return;
      for (const [, action] of aa.entries()) isActive(action);
      owner.delete(PDFName.of('AA'));
      removed.triggers++;
    },
  };
}

/** Document-level scripts and embedded files. */
function scrubNameTrees(catalog: PDFDict, scrub: Scrubber): void {
  const names = scrub.dict(catalog.get(PDFName.of('Names')));
  if (!names) return;
  for (const [key, label] of [
    ['JavaScript', null],
    ['EmbeddedFiles', 'embedded file'],
  ] as const) {
    const tree = scrub.dict(names.get(PDFName.of(key)));
    if (!tree) continue;
    walkNameTree(tree, scrub.dict, scrub.array, (value) => (label ? scrub.count(scrub.removed.content, label) : scrub.isActive(value)));
    names.delete(PDFName.of(key));
  }
}

/** XFA forms (which run their own scripts); returns the form for its fields. */
function scrubForm(catalog: PDFDict, scrub: Scrubber): PDFDict | undefined {
  const form = scrub.dict(catalog.get(PDFName.of('AcroForm')));
  if (form?.has(PDFName.of('XFA'))) {
    form.delete(PDFName.of('XFA'));
    scrub.count(scrub.removed.content, 'XFA form');
  }
  catalog.delete(PDFName.of('NeedsRendering'));
  return form;
}

/** Bookmarks' actions. */
function scrubOutlines(catalog: PDFDict, scrub: Scrubber): void {
  const outlines = scrub.dict(catalog.get(PDFName.of('Outlines')));
  const todo = [scrub.dict(outlines?.get(PDFName.of('First')))];
  const seen = new Set<PDFDict>();
  while (todo.length) {
    const item = todo.pop();
    if (!item || seen.has(item)) continue;
    seen.add(item);
    scrub.dropAction(item, 'A');
    todo.push(scrub.dict(item.get(PDFName.of('First'))), scrub.dict(item.get(PDFName.of('Next'))));
  }
}

/** A page's triggers and annotations; returns the form fields its widgets belong to. */
function scrubPage(page: PDFDict, scrub: Scrubber): (PDFDict | undefined)[] {
  scrub.dropTriggers(page);
  const annots = scrub.resolve(page.get(PDFName.of('Annots')));
  if (!(annots instanceof PDFArray)) return [];
  const parents: (PDFDict | undefined)[] = [];
  for (let i = annots.size() - 1; i >= 0; i--) {
    const annot = scrub.dict(annots.get(i));
    if (!annot) continue;
    const subtype = name(scrub.resolve(annot.get(PDFName.of('Subtype'))));
    if (subtype && ACTIVE_ANNOTATIONS.has(subtype)) {
      annots.remove(i);
      scrub.count(scrub.removed.content, `${subtype} annotation`);
      continue;
    }
    scrub.dropAction(annot, 'A');
    scrub.dropTriggers(annot);
    parents.push(scrub.dict(annot.get(PDFName.of('Parent'))));
  }
  return parents;
}

/** Form fields, their kids and parents, each once. */
function scrubFields(todo: (PDFDict | undefined)[], scrub: Scrubber): void {
  const fields = new Set<PDFDict>();
  while (todo.length) {
    const field = todo.pop();
    if (!field || fields.has(field)) continue;
    fields.add(field);
    scrub.dropAction(field, 'A');
    scrub.dropTriggers(field);
    todo.push(...scrub.array(field.get(PDFName.of('Kids'))).map(scrub.dict), scrub.dict(field.get(PDFName.of('Parent'))));
  }
}

/** Visits the values of a name tree (/Names pairs and /Kids), each node once. */
function walkNameTree(
  root: PDFDict,
  dict: (o: PDFObject | undefined) => PDFDict | undefined,
  array: (o: PDFObject | undefined) => PDFObject[],
  visit: (value: PDFObject) => void,
): void {
  const seen = new Set<PDFDict>();
  const todo: (PDFDict | undefined)[] = [root];
  while (todo.length) {
    const node = todo.pop();
    if (!node || seen.has(node)) continue;
    seen.add(node);
    const pairs = array(node.get(PDFName.of('Names')));
    for (let i = 1; i < pairs.length; i += 2) visit(pairs[i]!);
    todo.push(...array(node.get(PDFName.of('Kids'))).map(dict));
  }
}

/**
 * pdf-lib writes every object it has read, referenced or not; what we just
 * cut loose (the scripts themselves) would still be in the file. Keeps what
 * the trailer's /Root and /Info reach, drops the rest.
 */
function dropUnreachable(ctx: PDFContext): void {
  const reachable = new Set<string>();
  const todo: PDFObject[] = [ctx.trailerInfo.Root, ctx.trailerInfo.Info].filter((o): o is PDFObject => Boolean(o));
  while (todo.length) {
    const o = todo.pop()!;
    if (o instanceof PDFRef) {
      if (reachable.has(o.tag)) continue;
      reachable.add(o.tag);
      const target = ctx.lookup(o);
      if (target) todo.push(target);
    } else if (o instanceof PDFDict) {
      for (const [, v] of o.entries()) todo.push(v);
    } else if (o instanceof PDFArray) {
      todo.push(...o.asArray());
    } else if (o instanceof PDFStream) {
      todo.push(o.dict);
    }
  }
  for (const [ref] of ctx.enumerateIndirectObjects()) if (!reachable.has(ref.tag)) ctx.delete(ref);
}
