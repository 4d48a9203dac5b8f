// Long minutes on a phone: in Chromium at 390 px, the signing page of 60
// paragraphs keeps the action one tap away. The sticky bar is on screen at the
// top of the page and halfway down, its "Justera" brings the form into view,
// and the "Gå till justeringen" target is at least 44 px high; axe finds
// nothing. Served with the CSP the app sends (no script on the page).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csp } from '../../shared/lambda/http';
import { STYLE } from '../../shared/pages/layout';
import { signPage } from '../../shared/pages/sign';
import { axeViolations, launchChromium, readableViolations } from '../helpers/browser';
import { PDF_URL, PROTOCOL_ID, TOKEN, linkView } from '../unit/pages/fixtures';

const VIEWPORT = { width: 390, height: 844 };
const LONG_TEXT = 'Nämnden diskuterade ärendet ingående. '.repeat(30);

function longPage(): string {
  const view = linkView('open');
  view.items = Array.from({ length: 60 }, (_, i) => ({ protocolId: PROTOCOL_ID, index: i, number: `§ ${i + 1}`, title: `Ärende ${i + 1}`, text: LONG_TEXT }));
  view.decisions = [];
  return signPage({ view, lang: 'sv', token: TOKEN, pdfUrl: PDF_URL }).value;
}

let server: Server;
let url = '';
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const html = longPage();
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp(STYLE, ["'self'"]) }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sign/long`;
  browser = await launchChromium();
  // bypassCSP only so that axe can be injected.
  context = await browser.newContext({ bypassCSP: true, viewport: VIEWPORT });
  page = await context.newPage();
  await page.goto(url);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const onScreen = async (selector: string) => {
  const box = await page.locator(selector).first().boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= VIEWPORT.height;
};

describe('the action within reach on long minutes, on a phone', () => {
  it('the page is long: the form is far below the first screen', async () => {
    const height = await page.evaluate(() => document.scrollingElement?.scrollHeight ?? 0);
    expect(height).toBeGreaterThan(10 * VIEWPORT.height);
    expect(await onScreen('#justera')).toBe(false);
  });

  it('"Gå till justeringen" is a target at least 44 px high', async () => {
    const box = await page.getByRole('link', { name: 'Gå till justeringen' }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
  });

  it('the bar is on screen at the top and halfway down, with 44 px targets', async () => {
    expect(await onScreen('nav.action-bar')).toBe(true);
    await page.evaluate(() => window.scrollTo(0, (document.scrollingElement?.scrollHeight ?? 0) / 2));
    expect(await onScreen('nav.action-bar')).toBe(true);
    for (const name of ['Justera', 'Begär ändring']) {
      const box = await page.getByRole('navigation', { name: 'Snabbval' }).getByRole('link', { name, exact: true }).boundingBox();
      expect(box!.height, name).toBeGreaterThanOrEqual(44);
    }
  });

  it('its "Justera" brings the form with the consent box into view', async () => {
    await page.getByRole('navigation', { name: 'Snabbval' }).getByRole('link', { name: 'Justera', exact: true }).click();
    await page.waitForFunction(() => location.hash === '#justera');
    const consent = await page.locator('#consent').boundingBox();
    expect(consent!.y).toBeGreaterThanOrEqual(0);
    expect(consent!.y + consent!.height).toBeLessThanOrEqual(VIEWPORT.height);
  });

  it('is axe-clean and nothing scrolls sideways', async () => {
    const violations = await axeViolations(page);
    expect(violations, readableViolations(violations)).toEqual([]);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(VIEWPORT.width);
  });
});
