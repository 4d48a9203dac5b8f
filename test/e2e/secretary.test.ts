// End to end, in Chromium at phone width: real minutes whose text names
// neither chair nor adjusters stop in NEEDS_ATTENTION; the secretary opens the
// personal link from the mail, picks the adjuster on the page and sends it; the
// directory's chair and the adjuster sign in the browser; the protocol is
// published, and the sealed PDF's audit page says who named the adjuster.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, readableViolations } from '../helpers/browser';
import { jsonOn, startCliStack, untilOn, type CliStack } from '../helpers/cli';
import type { Mail } from '../helpers/stack';

/** Its hand label: chair null, adjusters [], secretary null. Read from ../shared/corpus/, never copied. */
const MINUTES = fileURLToPath(new URL('../../../shared/corpus/24_lithekod-styrelse-2015-09-26.pdf', import.meta.url));

let stack: CliStack;
let browser: Browser;
let context: BrowserContext;

const json = <T>(path: string): Promise<T> => jsonOn<T>(stack, path);
const until = <T>(what: string, probe: () => Promise<T | null | undefined | false>, ms?: number): Promise<T> => untilOn(stack, what, probe, ms);
async function expectAxeClean(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, readableViolations(violations)).toEqual([]);
  const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  expect(width, 'nothing scrolls sideways on a phone').toBeLessThanOrEqual(390);
}

beforeAll(async () => {
  stack = await startCliStack();
  browser = await launchChromium();
  // bypassCSP only so that axe can be injected into the real pages.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  const file = join(stack.dataDir, 'lithekod.json');
  writeFileSync(
    file,
    JSON.stringify({
      slug: 'lithekod',
      name: 'LiTHe kod',
      organisation: 'LiTHe kod',
      secretary: { name: 'Sekreteraren', email: 'sekreterare@example.se' },
      members: [
        { name: 'Simon Lindblad', email: 'ordforande@example.se', role: 'ordförande' },
        { name: 'Henning Nåbo', email: 'justerare@example.se', role: 'ledamot' },
        { name: 'Daniel Proos', email: 'ledamot@example.se', role: 'ledamot' },
      ],
    }),
  );
  const imported = await stack.cli('bodies', 'import', file);
  expect(imported.code, imported.stderr).toBe(0);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the secretary names the adjuster the minutes do not', () => {
  let id = '';

  it('the upload stops in NEEDS_ATTENTION and the secretary gets a mail with a personal link', async () => {
    const r = await stack.cli('upload', MINUTES, '--body', 'lithekod');
    // Stopped for the secretary: a script sees it in the exit code, a person in the Swedish reason.
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/NEEDS_ATTENTION\n {2}\S/);
    const m = /^([0-9a-z]{20}) NEEDS_ATTENTION/m.exec(r.stdout);
    expect(m, r.stdout).toBeTruthy();
    id = m![1]!;
    const detail = await json<{ chair: string | null; adjusters: string[]; signers: unknown[] }>(`/protocols/${id}`);
    expect(detail).toMatchObject({ chair: null, adjusters: [], signers: [] });
  });

  it('on the page (Swedish and English, axe-clean at phone width) the secretary picks the adjuster and sends it', async () => {
    const mail = await until('the mail', async () => (await json<Mail[]>('/outbox')).find((x) => x.to === 'sekreterare@example.se' && x.subject.startsWith('Åtgärd krävs')));
    const link = mail.links.find((l) => l.includes('/secretary/'))!;
    expect(link).toBeTruthy();

    const english = await context.newPage();
    expect((await english.goto(`${link}?lang=en`))?.status()).toBe(200);
    expect(await english.getByRole('heading', { level: 2, name: 'The minutes are waiting for you' }).count()).toBe(1);
    await expectAxeClean(english);
    await english.close();

    const page = await context.newPage();
    const response = await page.goto(link);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).not.toContain('unsafe-inline');
    expect(await page.textContent('body')).toContain('Sekreterarens sida');
    await expectAxeClean(page);
    await page.getByRole('checkbox', { name: 'Henning Nåbo (ledamot)' }).check();
    await page.getByRole('button', { name: 'Spara och skicka för justering' }).click();
    await page.waitForLoadState('load');
    expect(await page.textContent('#status')).toContain('Protokollet är skickat för justering.');
    await expectAxeClean(page);
    await page.close();
    await until('ROUTED', async () => (await json<{ status: string }>(`/protocols/${id}`)).status === 'ROUTED');
  });

  it("the directory's chair and the adjuster both sign in the browser; the protocol is published", async () => {
    const invitations = await until('two invitations', async () => {
      const mails = (await json<Mail[]>('/outbox')).filter((x) => x.subject.startsWith('Justering:'));
      return mails.length === 2 && mails;
    });
    expect(invitations.map((m) => m.to).sort()).toEqual(['justerare@example.se', 'ordforande@example.se']);
    const told = (await json<Mail[]>('/outbox')).find((x) => x.subject.startsWith('Skickat för justering'))!;
    expect(told.text).toContain('Simon Lindblad (ordförande, enligt katalogen)');
    for (const mail of invitations) {
      const page = await context.newPage();
      expect((await page.goto(mail.links[0]!))?.status()).toBe(200);
      await page.getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Justera', exact: true }).click();
      await page.waitForLoadState('load');
      // The last signature adjusts the protocol: that signer's page says so instead of waiting for others.
      expect(await page.textContent('body')).toMatch(/Tack – du har justerat protokollet|Protokollet är justerat/);
      await page.close();
    }
    await until('PUBLISHED', async () => (await stack.cli('status', id)).stdout.includes('PUBLISHED'));

    const redirect = await fetch(`${stack.url}/protocols/${id}/pdf`, { redirect: 'manual' });
    const file = join(stack.dataDir, 'signed.pdf');
    writeFileSync(file, Buffer.from(await (await fetch(redirect.headers.get('location')!)).arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Justerare angivna av sekreteraren: Henning Nåbo');
    expect(text).toContain('Simon Lindblad (ordförande, enligt'); // "… katalogen)", wrapped in its column
    // The secretary's link outlives publication: the page shows the ending, with nothing left to do.
    const ending = await fetch(told.links.find((l) => l.includes('/secretary/'))!);
    expect(ending.status).toBe(200);
    const endingPage = await ending.text();
    expect(endingPage).toContain('Justerat och anslaget');
    expect(endingPage).toContain('Sista dag att överklaga');
    expect(endingPage).not.toContain('<form');
  });
});
