// One machine: `justera start` runs the BankID simulator and points the sign
// function at it; `justera bankid-sim sign <autostarttoken>` plays the app,
// with the right personnummer or --cancel, and the signing page sees it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliStack, untilOn, type CliStack } from '../../helpers/cli';
import { FIXTURES, mellansverige, postSign, type Mail } from '../../helpers/stack';

const CHAIR_PN = '198112189876';
const ADJUSTER_PN = '194011213222';
let stack: CliStack;
let link: string;

const until = <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> => untilOn(stack, what, probe, ms);

const tokenIn = (html: string) => /autostarttoken=([0-9a-f-]+)/.exec(html)?.[1] ?? '';

beforeAll(async () => {
  stack = await startCliStack();
  const file = join(stack.dataDir, 'bodies.json');
  const members = [
    { name: 'Helena Proos', email: 'ordforande@example.se', role: 'ordförande', personnummer: CHAIR_PN },
    { name: 'Patrik Stenvard', email: 'justerare@example.se', role: 'ledamot', personnummer: ADJUSTER_PN },
  ];
  writeFileSync(file, JSON.stringify({ ...mellansverige(members as never), signature: 'bankid' }));
  expect((await stack.cli('bodies', 'import', file)).code).toBe(0);
  expect((await stack.cli('upload', new URL('003-protokoll-draft.pdf', FIXTURES).pathname, '--body', 'samverkansnamnd-mellansverige')).code).toBe(0);
  const invitation = await until('invitation', async () => {
    const mails = (await (await fetch(`${stack.url}/outbox`, { headers: { accept: 'application/json' } })).json()) as Mail[];
    return mails.find((m) => m.to === 'ordforande@example.se' && m.subject.startsWith('Justering:'));
  });
  link = invitation.links.find((l) => l.includes('/sign/'))!;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

describe('justera bankid-sim', () => {
  it('--cancel ends the order with BankID’s message; sign with the personnummer completes a new one', async () => {
    const first = tokenIn((await postSign(link, { action: 'bankid-start', consent: 'on' })).html);
    const cancelled = await stack.cli('bankid-sim', 'sign', first, '--cancel');
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect((await postSign(link, { action: 'bankid-collect' })).html).toContain('Åtgärden avbröts');

    const second = tokenIn((await postSign(link, { action: 'bankid-start', consent: 'on' })).html);
    const signed = await stack.cli('bankid-sim', 'sign', second, '--personnummer', CHAIR_PN, '--name', 'Helena Proos');
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stdout + signed.stderr).not.toContain(CHAIR_PN);
    const done = await postSign(link, { action: 'bankid-collect' });
    expect(done.status).toBe(200);
    expect(done.html).not.toContain('value="bankid-start"');
  });

  it('says in one line what is wrong with a bad personnummer, without echoing it', async () => {
    const r = await stack.cli('bankid-sim', 'sign', '00000000-0000-4000-8000-000000000000', '--personnummer', '198112189875', '--name', 'X Y');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain('198112189875');
  });
});
