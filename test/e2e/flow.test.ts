// End to end from README command 1: `justera start` as its own process, the
// CLI for the directory and the upload, Debian's Chromium opening each link
// from the outbox (axe on every page), signing, and the sealed PDF checked by
// pdfsig and `justera verify`; a second protocol where a signer asks for a
// change in the browser.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longDate } from '../../shared/pages/parts';
import { axeViolations, launchChromium, readableViolations } from '../helpers/browser';
import { jsonOn, startCliStack, untilOn, type CliStack } from '../helpers/cli';
import { FIXTURES, mellansverige, type Mail } from '../helpers/stack';

let stack: CliStack;
let browser: Browser;
let context: BrowserContext;
const fixturePath = (name: string) => new URL(name, FIXTURES).pathname;

const json = <T>(path: string): Promise<T> => jsonOn<T>(stack, path);
const until = <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms?: number): Promise<T> => untilOn(stack, what, probe, ms);

beforeAll(async () => {
  stack = await startCliStack();
  browser = await launchChromium();
  // bypassCSP only so that axe can be injected into the real pages.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const dir = join(stack.dataDir, 'bodies.json');
  writeFileSync(dir, JSON.stringify([mellansverige(), { ...mellansverige(), slug: 'andra-motet' }]));
  const imported = await stack.cli('bodies', 'import', dir);
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stdout).toContain('imported samverkansnamnd-mellansverige');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('README command 1, then a browser', () => {
  let id = '';
  let invitations: Mail[] = [];

  it('uploads the draft with the CLI and mails each signer', async () => {
    const r = await stack.cli('upload', fixturePath('003-protokoll-draft.pdf'), '--body', 'samverkansnamnd-mellansverige');
    expect(r.code, r.stderr).toBe(0);
    const m = /^([0-9a-z]{20}) ROUTED$/m.exec(r.stdout);
    expect(m, r.stdout).toBeTruthy();
    id = m![1]!;
    invitations = await until('two mails', async () => {
      const mails = (await json<Mail[]>('/outbox')).filter((x) => x.subject.startsWith('Justering:'));
      return mails.length === 2 && mails;
    });
    expect(stack.output.some((l) => l.includes('/sign/'))).toBe(true); // links on the console too
  });

  it('each signer opens the link, the page passes axe, and "Justera" adjusts', async () => {
    for (const mail of invitations) {
      const page = await context.newPage();
      const response = await page.goto(mail.links[0]!);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['referrer-policy']).toBe('no-referrer');
      expect(response?.headers()['content-security-policy']).not.toContain('unsafe-inline');
      await expect(page.getByRole('heading', { level: 1 })).toBeTruthy();
      const violations = await axeViolations(page);
      expect(violations, readableViolations(violations)).toEqual([]);
      await page.getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Justera', exact: true }).click();
      await page.waitForLoadState('load');
      expect(await page.textContent('body')).toContain('Tack – du har justerat protokollet');
      await page.close();
    }
  });

  it('the protocol is published; the PDF is sealed and verifiable; one changed byte is caught', async () => {
    await until('published', async () => (await stack.cli('status', id)).stdout.includes('PUBLISHED'));
    const redirect = await fetch(`${stack.url}/protocols/${id}/pdf`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const bytes = Buffer.from(await (await fetch(redirect.headers.get('location')!)).arrayBuffer());
    const file = join(stack.dataDir, 'signed.pdf');
    writeFileSync(file, bytes);
    const sig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Total document signed');
    const verified = await stack.cli('verify', file, '--api', stack.url);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toContain('SHA-256 matches the record');
    const tampered = Buffer.from(bytes);
    const middle = Math.floor(tampered.length / 2);
    tampered[middle] = tampered[middle]! ^ 0x20;
    writeFileSync(join(stack.dataDir, 'tampered.pdf'), tampered);
    const rejected = await stack.cli('verify', join(stack.dataDir, 'tampered.pdf'), '--api', stack.url);
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toContain('REJECTED');
  });

  it('the notice board shows the notice with its last day to appeal, and passes axe', async () => {
    const notice = (await json<{ items: { protocolId: string; appealEndsOn: string }[] }>('/notices')).items.find((n) => n.protocolId === id)!;
    const page = await context.newPage();
    await page.goto(`${stack.url}/anslagstavla`);
    const appeal = page.locator('.appeal time');
    expect(await appeal.getAttribute('datetime')).toBe(notice.appealEndsOn);
    expect(await appeal.textContent()).toBe(longDate(notice.appealEndsOn, 'sv'));
    const violations = await axeViolations(page);
    expect(violations, readableViolations(violations)).toEqual([]);
    await page.close();
    const decisions = await json<{ items: { protocolId: string; status: string }[] }>(`/decisions?body=samverkansnamnd-mellansverige`);
    expect(decisions.items.filter((d) => d.protocolId === id).every((d) => d.status === 'adjusted')).toBe(true);
  });

  it('a signer asks for a change in the browser; the secretary gets the comment', async () => {
    const since = Date.now();
    const r = await stack.cli('upload', fixturePath('003-protokoll-draft.pdf'), '--body', 'andra-motet');
    expect(r.code, r.stderr).toBe(0);
    const mail = await until('invitation', async () =>
      (await json<Mail[]>('/outbox')).find((m) => m.to === 'justerare@example.se' && m.subject.startsWith('Justering:') && Date.parse(m.date) >= since),
    );
    const page = await context.newPage();
    await page.goto(`${mail.links[0]!}?lang=en`);
    await page.getByLabel('What should be changed?').fill('§ 8 names the wrong date for the June meeting.');
    await page.getByRole('button', { name: 'Request a change' }).click();
    await page.waitForLoadState('load');
    const violations = await axeViolations(page);
    expect(violations, readableViolations(violations)).toEqual([]);
    await page.close();
    const told = await until('secretary mail', async () => (await json<Mail[]>('/outbox')).find((m) => m.subject.startsWith('Ändring begärd') && Date.parse(m.date) >= since));
    expect(told.to).toBe('sekreterare@example.se');
    expect(told.text).toContain('§ 8 names the wrong date');
  });
});
