// Adjusting with BankID end to end: `justera start` (which runs the BankID
// simulator), a bankid body with personnummer imported by the CLI, the draft
// uploaded, and Chromium opening each signer's link. The page starts BankID
// and polls by itself (/assets/bankid.js); `justera bankid-sim` plays the app.
// The wrong person is refused, a cancelled order shows BankID's message and
// "Försök igen" works; both right signatures publish a sealed PDF that pdfsig
// and `justera verify` accept and whose stamps say BankID.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, readableViolations } from '../helpers/browser';
import { jsonOn, startCliStack, untilOn, type CliStack } from '../helpers/cli';
import { FIXTURES, mellansverige, type Mail } from '../helpers/stack';

const SIGNERS = [
  { email: 'ordforande@example.se', name: 'Helena Proos', personnummer: '198112189876' },
  { email: 'justerare@example.se', name: 'Patrik Stenvard', personnummer: '194011213222' },
];
const STRANGER = '200001012384';

let stack: CliStack;
let browser: Browser;
let context: BrowserContext;
let id = '';
let links: Map<string, string>;

const json = <T>(path: string): Promise<T> => jsonOn<T>(stack, path);
const until = <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms?: number): Promise<T> => untilOn(stack, what, probe, ms);

/** Ticks the box, presses the BankID button, and reads the autostart token from the "open BankID here" link. */
async function startBankId(page: Page, button: string): Promise<string> {
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: button, exact: true }).click();
  const open = page.getByRole('link', { name: 'Öppna BankID på den här enheten' });
  const href = (await open.getAttribute('href')) ?? '';
  const token = /autostarttoken=([0-9a-f-]+)/.exec(href)?.[1];
  expect(token, href).toBeTruthy();
  return token!;
}

async function app(...args: string[]): Promise<void> {
  const r = await stack.cli('bankid-sim', 'sign', ...args);
  expect(r.code, r.stderr).toBe(0);
}

beforeAll(async () => {
  stack = await startCliStack();
  browser = await launchChromium();
  // bypassCSP only so that axe can be injected into the real pages; the CSP header is checked on its own.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const file = join(stack.dataDir, 'bodies.json');
  writeFileSync(
    file,
    JSON.stringify({ ...mellansverige(SIGNERS.map((s, i) => ({ name: s.name, email: s.email, role: i === 0 ? 'ordförande' : 'ledamot', personnummer: s.personnummer })) as never), signature: 'bankid' }),
  );
  const imported = await stack.cli('bodies', 'import', file);
  expect(imported.code, imported.stderr).toBe(0);
  const r = await stack.cli('upload', new URL('003-protokoll-draft.pdf', FIXTURES).pathname, '--body', 'samverkansnamnd-mellansverige');
  expect(r.code, r.stderr).toBe(0);
  id = /^([0-9a-z]{20}) ROUTED$/m.exec(r.stdout)![1]!;
  const mails = await until('two invitations', async () => {
    const m = (await json<Mail[]>('/outbox')).filter((x) => x.subject.startsWith('Justering:'));
    return m.length === 2 && m;
  });
  links = new Map(mails.map((m) => [m.to, m.links.find((l) => l.includes('/sign/'))!]));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('adjusting with BankID in a browser', () => {
  it('the chair starts BankID, the page shows the QR code and, once the app signed, the thanks by itself', async () => {
    const page = await context.newPage();
    const response = await page.goto(links.get(SIGNERS[0]!.email)!);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['content-security-policy']).not.toContain('unsafe-inline');
    expect(await page.getByRole('button', { name: 'Justera', exact: true }).count()).toBe(0);
    const token = await startBankId(page, 'Justera med BankID');
    expect(await page.getByRole('img', { name: 'QR-kod att skanna med BankID-appen' }).getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    const violations = await axeViolations(page);
    expect(violations, readableViolations(violations)).toEqual([]);
    await app(token, '--personnummer', SIGNERS[0]!.personnummer, '--name', SIGNERS[0]!.name);
    await page.getByText('Tack – du har justerat protokollet').first().waitFor();
    await page.close();
  });

  it('the adjuster: another person is refused, a cancelled order shows BankID’s message, "Försök igen" signs', async () => {
    const page = await context.newPage();
    await page.goto(links.get(SIGNERS[1]!.email)!);
    await app(await startBankId(page, 'Justera med BankID'), '--personnummer', STRANGER, '--name', 'Någon Annan');
    await page.getByText('en annan persons BankID').first().waitFor();
    await app(await startBankId(page, 'Försök igen'), '--cancel');
    await page.getByText('Åtgärden avbröts.').first().waitFor();
    await app(await startBankId(page, 'Försök igen'), '--personnummer', SIGNERS[1]!.personnummer, '--name', SIGNERS[1]!.name);
    // The last signature adjusts the protocol: the page says so (or already that it is published).
    await page.getByText(/Protokollet är justerat/).first().waitFor();
    await page.close();
  });

  it('the protocol is published, sealed and verifiable, with BankID stamps', async () => {
    await until('published', async () => (await stack.cli('status', id)).stdout.includes('PUBLISHED'), 120_000);
    const redirect = await fetch(`${stack.url}/protocols/${id}/pdf`, { redirect: 'manual' });
    const bytes = Buffer.from(await (await fetch(redirect.headers.get('location')!)).arrayBuffer());
    const file = join(stack.dataDir, 'signed.pdf');
    writeFileSync(file, bytes);
    expect(execFileSync('pdfsig', [file], { encoding: 'utf8' })).toContain('Signature is Valid.');
    const verified = await stack.cli('verify', file, '--api', stack.url, '--evidence');
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    for (const s of SIGNERS) expect(verified.stdout).toMatch(new RegExp(`^bankid: +${s.name}, [^:]+: OK`, 'm'));
    for (const n of [...SIGNERS.map((s) => s.personnummer), STRANGER]) expect(verified.stdout).not.toContain(n);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const s of SIGNERS) expect(text).toContain(`Justerat med BankID av ${s.name}`);
    for (const n of [...SIGNERS.map((s) => s.personnummer), STRANGER]) expect(text).not.toContain(n);
  });
});
