// A draft carrying scripts and launch actions becomes an inert signed record:
// read back by qpdf (uncompressed, every object written out), nothing active
// is left, the plain link is, and the audit page says what was taken out.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
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
    const text = await qdf(await doc.save(), 'inert.pdf');
    for (const token of ['/JavaScript', '/Launch', '/OpenAction', '/AA']) expect(text).not.toContain(token);
    expect(text).toContain('https://example.se/plain');
    expect(text).not.toContain('https://example.se/)'); // the link whose chain ran a script went with it
  });

  it('leaves a draft without active content as it was', async () => {
    const doc = await PDFDocument.load(await fixture('003-protokoll-draft.pdf'));
    expect(isInert(removeActiveContent(doc))).toBe(true);
  });
});

describe('stampProtocol on an armed draft', () => {
  it('writes an inert record and names what it removed on the audit page', async () => {
    const draft = await armed();
    const document = await extractDocument(draft);
    const stamped = await stampProtocol(stampInput(draft, document, []));
    const text = await qdf(stamped, 'stamped.pdf');
    for (const token of ['/JavaScript', '/Launch', '/OpenAction', '/AA']) expect(text).not.toContain(token);
    const file = path.join(dir, 'stamped-text.pdf');
    await writeFile(file, stamped);
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    expect(stdout).toContain('Borttaget före försegling');
    expect(stdout).toMatch(/JavaScript ×4, Launch ×2/);
  });
});
