// A draft with text in a switched-off layer, uploaded through the real stack:
// it stops in NEEDS_ATTENTION with a reason that tells the secretary to export
// it again without layers (and the secretary is mailed), instead of being sent
// for signing with content the signers cannot see. A draft whose layers all
// show is sent for signing as usual.
import { PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layered } from '../unit/stamp/helpers';
import { mellansverige, startTestStack, type TestStack } from '../helpers/stack';

let t: TestStack;
const BODY = 'samverkansnamnd-mellansverige';

beforeAll(async () => {
  t = await startTestStack();
  await t.importBody(mellansverige());
});
afterAll(async () => {
  await t?.stop();
});

describe('optional content at upload', () => {
  it('a layer switched off: NEEDS_ATTENTION with a reason, and the secretary is told', async () => {
    await t.upload(`drafts/${BODY}/med dolt lager.pdf`, await layered((_, layer) => ({ D: { OFF: [layer] } })));
    const p = await t.protocolOf(`drafts/${BODY}/med dolt lager.pdf`);
    expect(p.status).toBe('NEEDS_ATTENTION');
    expect(p.reason?.code).toBe('HIDDEN_CONTENT');
    expect(p.reason?.sv).toContain('"Dolt tillägg"');
    expect(p.reason?.sv).toContain('utan lager');
    const mail = await t.waitFor('mail to the secretary', async () => (await t.outbox()).find((m) => m.text.includes('Dolt tillägg')));
    expect(mail.to).toBe('sekreterare@example.se');
  });

  it('every layer shown: sent for signing as usual', async () => {
    await t.upload(`drafts/${BODY}/med synligt lager.pdf`, await layered((_, layer) => ({ D: { ON: [PDFName.of('x'), layer] } })));
    const p = await t.protocolOf(`drafts/${BODY}/med synligt lager.pdf`);
    expect(p.status).toBe('ROUTED');
  });
});
