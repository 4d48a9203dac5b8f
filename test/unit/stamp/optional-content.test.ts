// Optional content (layers): text in a switched-off layer is found, however
// the file switches it off (the default configuration, its base state, a
// membership dictionary, a usage rule); a draft whose layers all show is
// flattened when stamped — no layer switch left in the record — and the audit
// page says so.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../../shared/minutes/extract';
import { reason as reasonFor } from '../../../shared/domain/reasons';
import { findOptionalContent, hiddenOptionalContent } from '../../../shared/stamp/optional-content';
import { stampProtocol } from '../../../shared/stamp/stamp';
import { fixture, HIDDEN_TEXT, layered, stampInput, type Switch } from './helpers';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'justera-ocg-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const off: Switch = (_, layer) => ({ D: { OFF: [layer] } });
const on: Switch = (_, layer) => ({ D: { ON: [layer] } });

describe('hidden optional content', () => {
  it('finds text in a layer the default configuration switches off, and names the layer', async () => {
    const found = await hiddenOptionalContent(await layered(off));
    expect(found).toEqual({ layers: ['"Dolt tillägg"'], hidden: ['layer "Dolt tillägg" is off'] });
    const reason = reasonFor('HIDDEN_CONTENT', found!);
    expect(reason.code).toBe('HIDDEN_CONTENT');
    expect(reason.sv).toContain('lager som är dolda ("Dolt tillägg")');
    expect(reason.sv).toContain('utan lager');
  });

  it('finds it however the file switches it off: base state, membership dictionary, expression, usage', async () => {
    const cases: [string, Switch][] = [
      ['BaseState /OFF', () => ({ D: { BaseState: 'OFF' } })],
      ['an /OCMD whose policy is AllOff, over a layer that is on', (ctx, layer) => ({ D: {}, oc: ctx.register(ctx.obj({ Type: 'OCMD', OCGs: [layer], P: 'AllOff' })) })],
      ['an /OCMD whose /VE is Not of a layer that is on', (ctx, layer) => ({ D: {}, oc: ctx.register(ctx.obj({ Type: 'OCMD', VE: ['Not', layer] as never })) })],
      [
        'a layer hidden when printed',
        (ctx, layer) => {
          (ctx.lookup(layer) as PDFDict).set(PDFName.of('Usage'), ctx.obj({ Print: { PrintState: 'OFF' } }));
          return { D: { AS: [{ Event: 'Print', OCGs: [layer], Category: ['Print'] }] } };
        },
      ],
    ];
    for (const [what, how] of cases) expect((await hiddenOptionalContent(await layered(how)))?.hidden.length, what).toBeGreaterThan(0);
  });

  it('a draft without layers, or with every layer shown, has nothing hidden', async () => {
    expect(await hiddenOptionalContent(await fixture('003-protokoll-draft.pdf'))).toBeNull();
    expect(await hiddenOptionalContent(await layered(on))).toBeNull();
    expect(findOptionalContent(await PDFDocument.load(await layered(on)))).toEqual({ layers: ['"Dolt tillägg"'], hidden: [] });
    // Not a PDF pdf-lib can read: no verdict here (the stamp step reports it).
    expect(await hiddenOptionalContent(new TextEncoder().encode('%PDF-1.7\nnonsense'))).toBeNull();
  });
});

describe('stamping a draft whose layers all show', () => {
  it('removes the layer switches, keeps the text visible, and names it on the audit page', async () => {
    const draft = await layered(on);
    const before = await extractDocument(draft);
    const stamped = await stampProtocol(stampInput(draft, before, [{ name: 'Helena Proos', role: 'ordförande', signedAt: '2025-02-19T17:56:00Z' }]));
    const doc = await PDFDocument.load(stamped);
    expect(doc.catalog.has(PDFName.of('OCProperties'))).toBe(false);
    const file = path.join(dir, 'stamped.pdf');
    await writeFile(file, stamped);
    const { stdout } = await run('pdftotext', ['-raw', file, '-']);
    expect(stdout).toContain(HIDDEN_TEXT);
    // The field wraps beside its label: both halves are there.
    expect(stdout).toContain('layer switches (optional content)');
    expect(stdout).toContain('removed, every layer was shown ("Dolt tillägg")');
  });
});
