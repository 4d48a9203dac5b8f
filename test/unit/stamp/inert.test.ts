// A draft carrying scripts and launch actions becomes an inert signed record:
// read back by qpdf (the final revision, uncompressed, every reachable object
// written out), nothing active is left, the plain link is, and the audit page
// says what was taken out.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../../shared/minutes/extract';
import { describeRemoved, isInert, removeActiveContent } from '../../../shared/stamp/inert';
import { stampProtocol } from '../../../shared/stamp/stamp';
import { fixture, stampInput } from './helpers';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'justera-inert-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The fixture draft with every kind of trigger the hostile corpus uses, a URI link and a /Next chain. */
async function armed(): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await fixture('003-protokoll-draft.pdf'));
  const ctx = doc.context;
  const js = () => ctx.register(ctx.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') }));
  const launch = ctx.register(ctx.obj({ Type: 'Action', S: 'Launch', F: PDFString.of('/bin/sh') }));
  const uri = ctx.register(ctx.obj({ Type: 'Action', S: 'URI', URI: PDFString.of('https://example.se/'), Next: js() }));
  const plain = ctx.register(ctx.obj({ Type: 'Action', S: 'URI', URI: PDFString.of('https://example.se/plain') }));
  doc.catalog.set(PDFName.of('OpenAction'), js());
  doc.catalog.set(PDFName.of('AA'), ctx.obj({ WC: js() }));
  doc.catalog.set(PDFName.of('Names'), ctx.obj({ JavaScript: ctx.obj({ Names: [PDFString.of('init'), js()] }) }));
  const page = doc.getPage(0);
  page.node.set(PDFName.of('AA'), ctx.obj({ O: launch }));
  const link = (action: unknown) => ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 50, 50], A: action as never }));
  page.node.set(PDFName.of('Annots'), ctx.obj([link(launch), link(uri), link(plain)]));
  return doc.save({ useObjectStreams: false });
}

/** Every object written out uncompressed by qpdf: what a reader of the file would find. */
async function qdf(bytes: Uint8Array, name: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  const { stdout } = await run('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { encoding: 'latin1', maxBuffer: 64 << 20 });
  return stdout;
}

describe('removeActiveContent', () => {
  it('the armed draft really carries the actions (the check below can fail)', async () => {
    const text = await qdf(await armed(), 'armed.pdf');
    for (const token of ['/JavaScript', '/Launch', '/OpenAction', '/AA']) expect(text).toContain(token);
  });

  it('takes out scripts, launch actions and triggers, and keeps the plain link', async () => {
    const doc = await PDFDocument.load(await armed());
    const removed = removeActiveContent(doc);
    expect(removed.actions).toEqual({ JavaScript: 4, Launch: 2 });
    expect(removed.triggers).toBe(2);
    expect(describeRemoved(removed)).toBe('JavaScript ×4, Launch ×2, 2 automatic triggers (/AA)');
    const saved = await doc.save({ useObjectStreams: false });
    const text = await qdf(saved, 'inert.pdf');
    for (const token of ['/JavaScript', '/Launch', '/OpenAction', '/AA']) expect(text).not.toContain(token);
    // pdf-lib writes every object it holds: the scripts cut loose must not be among them.
    const raw = Buffer.from(saved).toString('latin1');
    for (const token of ['app.alert', '/bin/sh', '/JavaScript']) expect(raw).not.toContain(token);
    expect(text).toContain('https://example.se/plain');
    expect(text).not.toContain('https://example.se/)'); // the link whose chain ran a script went with it
  });

  it('leaves a draft without active content as it was', async () => {
    const doc = await PDFDocument.load(await fixture('003-protokoll-draft.pdf'));
    expect(isInert(removeActiveContent(doc))).toBe(true);
  });
});

/** The draft with the other carriers: a bookmark script, XFA, an embedded file, a javascript: link, a file attachment, a field script reached only through a widget's /Parent. */
async function armedMore(): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await fixture('003-protokoll-draft.pdf'));
  const ctx = doc.context;
  const js = () => ctx.register(ctx.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(2)') }));
  const outlines = ctx.register(ctx.obj({ Type: 'Outlines' }));
  const second = ctx.register(ctx.obj({ Title: PDFString.of('Två'), Parent: outlines, A: js() }));
  const first = ctx.register(ctx.obj({ Title: PDFString.of('Ett'), Parent: outlines, Next: second, A: js() }));
  const outlineDict = ctx.lookup(outlines) as PDFDict;
  outlineDict.set(PDFName.of('First'), first);
  outlineDict.set(PDFName.of('Last'), second);
  doc.catalog.set(PDFName.of('Outlines'), outlines);
  const file = ctx.register(ctx.stream('MZ payload', { Type: 'EmbeddedFile' }));
  const spec = ctx.obj({ Type: 'Filespec', F: PDFString.of('run.exe'), EF: { F: file } });
  doc.catalog.set(PDFName.of('Names'), ctx.obj({ EmbeddedFiles: ctx.obj({ Names: [PDFString.of('run.exe'), spec] }) }));
  const parent = ctx.register(ctx.obj({ FT: 'Tx', T: PDFString.of('f'), AA: { K: js() } }));
  const widget = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', Rect: [0, 0, 10, 10], Parent: parent }));
  doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [], XFA: ctx.register(ctx.stream('<xdp:xdp><script>app.alert(3)</script></xdp:xdp>')) }));
  const badLink = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], A: { S: 'URI', URI: PDFString.of('javascript:app.alert(4)') } }));
  const attachment = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'FileAttachment', Rect: [0, 0, 10, 10], FS: spec }));
  doc.getPage(1).node.set(PDFName.of('Annots'), ctx.obj([widget, badLink, attachment]));
  return doc.save({ useObjectStreams: false });
}

describe('removeActiveContent, the other carriers', () => {
  it('takes out bookmark and field scripts, XFA, embedded files, attachments and javascript: links', async () => {
    const armedBytes = await armedMore();
    expect(Buffer.from(armedBytes).toString('latin1')).toContain('MZ payload'); // the check below can fail
    const doc = await PDFDocument.load(armedBytes);
    const removed = removeActiveContent(doc);
    expect(removed.actions).toEqual({ JavaScript: 3, 'URI (not http, https or mailto)': 1 });
    expect(removed.triggers).toBe(1);
    expect(removed.content).toEqual({ 'embedded file': 1, 'XFA form': 1, 'FileAttachment annotation': 1 });
    const raw = Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1');
    for (const token of ['app.alert', 'MZ payload', '/XFA', '/EmbeddedFiles', 'javascript:', '/FileAttachment']) expect(raw).not.toContain(token);
    expect(raw).toContain('/Outlines'); // the bookmarks stay, without their scripts
  });

  it('does not throw on odd shapes: wrong types where dictionaries belong, a /Next chain 20,000 deep', async () => {
    const doc = await PDFDocument.load(await fixture('003-protokoll-draft.pdf'));
    const ctx = doc.context;
    let chain = ctx.register(ctx.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(5)') }));
    for (let i = 0; i < 20_000; i++) chain = ctx.register(ctx.obj({ S: 'URI', URI: PDFString.of('https://example.se/'), Next: chain }));
    doc.catalog.set(PDFName.of('OpenAction'), chain);
    doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: ctx.obj({ Not: 'an array' }) }));
    doc.catalog.set(PDFName.of('Names'), ctx.obj({ JavaScript: ctx.obj({ Names: ctx.obj({ Not: 'an array' }) }) }));
    doc.catalog.set(PDFName.of('Outlines'), PDFString.of('not a dictionary'));
    doc.getPage(0).node.set(PDFName.of('Annots'), ctx.obj({ Not: 'an array' }));
    doc.getPage(1).node.set(PDFName.of('Annots'), ctx.obj([ctx.obj({ Subtype: 'Link', A: ctx.obj({ S: PDFString.of('JavaScript') }) }), PDFName.of('Junk')]));
    const removed = removeActiveContent(doc);
    expect(removed.actions.JavaScript).toBe(1);
    expect(Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1')).not.toContain('app.alert');
  });
});

describe('stampProtocol on an armed draft', () => {
  it('writes an inert record and names what it removed on the audit page', async () => {
    const draft = await armed();
    const document = await extractDocument(draft);
    const stamped = await stampProtocol(stampInput(draft, document, []));
    // The draft's bytes stay whole (scripts and all); the update replaces the objects that reached them,
    // so the final revision, which qpdf writes out object by object, reaches none.
    expect(Buffer.from(stamped.subarray(0, draft.length)).equals(Buffer.from(draft))).toBe(true);
    expect(Buffer.from(stamped.subarray(0, draft.length)).toString('latin1')).toContain('/OpenAction');
    const text = await qdf(stamped, 'stamped.pdf');
    for (const token of ['/JavaScript', '/Launch', '/OpenAction', '/AA']) expect(text).not.toContain(token);
    const file = path.join(dir, 'stamped-text.pdf');
    await writeFile(file, stamped);
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    expect(stdout).toContain('Borttaget före försegling');
    expect(stdout).toMatch(/JavaScript ×4, Launch ×2/);
  });
});
