// The pages in a real browser: Debian's Chromium, driven by playwright-core.
// A plain node:http server serves every page variant with the same
// Content-Security-Policy the app sends, then:
//  - axe-core (WCAG 2.0/2.1 A and AA) finds no violation, light and dark, desktop and phone;
//  - nothing scrolls sideways at 320 and 360 px;
//  - the signing form works by keyboard alone and posts what the handler expects;
//  - without bypassing CSP nothing is refused, and the hashed style really applies.
// Chromium missing is a failure, never a skip: these checks are the point.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csp } from '../../shared/lambda/http';
import { CHROMIUM, CHROMIUM_ARGS, injectAxe, readableViolations, runAxe } from '../helpers/browser';
import { STYLE } from '../../shared/pages/layout';
import { DRAFT_SHA, HOSTILE, allPages } from '../unit/pages/fixtures';


const PAGES = allPages();
/** A deliberate inline style: proves that the console check below does see CSP refusals. */
const PROBE = '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Prov</title></head><body><p style="color:red">Prov</p></body></html>';


let server: Server;
let origin = '';
let browser: Browser;
let axeContext: BrowserContext;
let cspContext: BrowserContext;
const posts: { path: string; body: string }[] = [];

async function onePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Protokoll 2025-02-14', { x: 72, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

async function startServer(pdf: Uint8Array): Promise<void> {
  const byPath = new Map(PAGES.map((p) => [p.path, p.page.value]));
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    // The same headers the app's page() and BASE_HEADERS send (the PDF comes from S3 in the app, so no frame ban there).
    const policy = csp(STYLE, [origin]);
    const common = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' };
    if (path.endsWith('/pdf')) {
      res.writeHead(200, { ...common, 'content-type': 'application/pdf' }).end(Buffer.from(pdf));
      return;
    }
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        posts.push({ path: req.url ?? '', body });
        res.writeHead(200, { ...common, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy }).end(byPath.get('/sign/signed-sv-posted'));
      });
      return;
    }
    const page = path === '/csp-probe' ? PROBE : byPath.get(path);
    if (page === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { ...common, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy, 'x-frame-options': 'DENY' }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) to run the browser tests.`);
  await startServer(await onePagePdf());
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // bypassCSP only so that axe can be injected; the CSP itself is checked in its own context below.
  axeContext = await browser.newContext({ bypassCSP: true });
  cspContext = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function open(context: BrowserContext, path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  return page;
}


/**
 * Collects CSP violations two ways: the console message (older Chromium says
 * "Refused to …", Chromium 156 says "… violates the following Content Security
 * Policy directive … The action has been blocked.") and, independent of wording,
 * the DevTools ContentSecurityPolicyIssue.
 */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Refused to|Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Audits.issueAdded', ({ issue }) => {
    if (issue.code === 'ContentSecurityPolicyIssue')
      seen.push(`CSP issue: ${issue.details.contentSecurityPolicyIssueDetails?.violatedDirective ?? '?'} at ${issue.details.contentSecurityPolicyIssueDetails?.blockedURL ?? 'inline'}`);
  });
  await cdp.send('Audits.enable');
  return seen;
}


describe('browser', () => {
  it(`has Chromium at ${CHROMIUM}`, () => {
    expect(existsSync(CHROMIUM), `install Debian's chromium package: ${CHROMIUM} is missing`).toBe(true);
    expect(browser.isConnected()).toBe(true);
  });
});

describe.each(PAGES)('$name ($path)', ({ path }) => {
  // One load and one axe injection per page; the variants are a media switch and a resize away.
  it('has no WCAG 2.1 A/AA violations (desktop and phone, light and dark) and never scrolls sideways', async () => {
    const page = await open(axeContext, path, { width: 1280, height: 900 });
    try {
      await injectAxe(page);
      const variants: [string, { width: number; height: number }, 'light' | 'dark'][] = [
        ['desktop, light', { width: 1280, height: 900 }, 'light'],
        ['desktop, dark', { width: 1280, height: 900 }, 'dark'],
        ['phone 360, light', { width: 360, height: 740 }, 'light'],
        ['phone 360, dark', { width: 360, height: 740 }, 'dark'],
        ['phone 320, light', { width: 320, height: 640 }, 'light'],
      ];
      for (const [label, viewport, colorScheme] of variants) {
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme });
        const violations = await runAxe(page);
        expect.soft(violations, `axe found on ${path} (${label}):\n${readableViolations(violations)}`).toEqual([]);
        const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
        expect.soft(scrollWidth, `${path} is ${scrollWidth}px wide at ${viewport.width}px`).toBeLessThanOrEqual(viewport.width);
      }
    } finally {
      await page.close();
    }
  });

  it('loads under the real CSP with nothing refused and the hashed style applied', async () => {
    const page = await cspContext.newPage();
    const refused = await watchCsp(page);
    page.on('pageerror', (e) => refused.push(String(e)));
    try {
      await page.goto(`${origin}${path}`, { waitUntil: 'load' });
      await page.waitForTimeout(200);
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.skip')!).position);
      expect(styled, 'the <style> element was not applied: its CSP hash does not match').toBe('absolute');
      expect(refused).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('CSP check', () => {
  it('does notice a refused inline style (the probe)', async () => {
    const page = await cspContext.newPage();
    const refused = await watchCsp(page);
    try {
      await page.goto(`${origin}/csp-probe`, { waitUntil: 'load' });
      await page.waitForTimeout(200);
      expect(refused.join('\n')).toMatch(/inline style violates the following Content Security Policy directive/);
      expect(refused.join('\n')).toMatch(/CSP issue: style-src-attr/);
    } finally {
      await page.close();
    }
  });
});

describe('embedded PDF', () => {
  it('loads in the <object> on a desktop under the real CSP (object-src allows the PDF origin)', async () => {
    const page = await cspContext.newPage();
    const refused = await watchCsp(page);
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${origin}/sign/open-sv`, { waitUntil: 'load' });
      await expect.poll(() => page.frames().some((f) => f.url().endsWith('/pdf')), { timeout: 10_000 }).toBe(true);
      expect(refused).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('signing by keyboard on a phone', () => {
  async function tabTo(page: Page, wanted: (el: { tag: string; id: string; name: string; value: string }) => boolean, max = 80) {
    const order: string[] = [];
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => {
        const a = document.activeElement as HTMLInputElement | null;
        return { tag: a?.tagName.toLowerCase() ?? '', id: a?.id ?? '', name: a?.getAttribute('name') ?? '', value: a?.getAttribute('value') ?? '', text: a?.textContent?.trim() ?? '' };
      });
      order.push(`${el.tag}#${el.id}[${el.name}=${el.value}] ${el.text.slice(0, 30)}`);
      if (wanted(el)) return order;
    }
    throw new Error(`not reached by Tab; focus went:\n${order.join('\n')}`);
  }

  async function focusRing(page: Page): Promise<{ style: string; width: number }> {
    return page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
  }

  it('starts with a visible skip link, reaches consent then Justera, and posts consent with the PDF hash', async () => {
    const page = await open(cspContext, '/sign/open-sv', { width: 360, height: 740 });
    try {
      const first = await tabTo(page, () => true, 1);
      expect(first[0]).toContain('a#');
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).className)).toBe('skip');
      const box = await page.evaluate(() => document.activeElement!.getBoundingClientRect().top);
      expect(box).toBeGreaterThanOrEqual(0);

      const toConsent = await tabTo(page, (el) => el.id === 'consent');
      expect((await focusRing(page)).style).not.toBe('none');
      expect((await focusRing(page)).width).toBeGreaterThanOrEqual(2);
      await tabTo(page, (el) => el.name === 'action' && el.value === 'sign', 3);
      expect((await focusRing(page)).style).not.toBe('none');
      expect(toConsent.length).toBeGreaterThan(1);

      // Without consent the browser refuses to submit (nothing is posted) and moves focus to the checkbox.
      const before = posts.length;
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
      expect(posts.length).toBe(before);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('consent');

      // Tick it with Space, then submit with the button.
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => posts.length, { timeout: 20_000 }).toBe(before + 1);
      await page.locator('h2', { hasText: 'Tack – du har justerat protokollet' }).waitFor({ timeout: 20_000 });
      const post = posts.at(-1)!;
      expect(post.path).toMatch(/^\/sign\/[A-Za-z0-9_-]{43}\?lang=sv$/);
      expect(Object.fromEntries(new URLSearchParams(post.body))).toEqual({ sha256: DRAFT_SHA, consent: 'on', action: 'sign' });
      expect(await page.locator('h2', { hasText: 'Tack – du har justerat protokollet' }).count()).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('posts a change request from the labelled list and textarea', async () => {
    const page = await open(cspContext, '/sign/open-en', { width: 360, height: 740 });
    try {
      await page.getByLabel('What does the change concern?').selectOption({ label: 'A decision' });
      await page.getByLabel('What should be changed?').fill('§ 8: the year should be 2026.');
      const before = posts.length;
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Request a change' }).click()]);
      await expect.poll(() => posts.length).toBe(before + 1);
      expect(posts.at(-1)!.path).toMatch(/\?lang=en$/);
      expect(Object.fromEntries(new URLSearchParams(posts.at(-1)!.body))).toEqual({ topic: 'decision', comment: '§ 8: the year should be 2026.', action: 'request-changes' });
    } finally {
      await page.close();
    }
  });
});

describe('hostile data in the DOM', () => {
  it('arrives as text: no script or image elements, the strings readable as written', async () => {
    const page = await open(cspContext, '/sign/hostile');
    try {
      const dom = await page.evaluate(() => ({
        scripts: document.querySelectorAll('body script, body img, [onerror]').length,
        h1: document.querySelector('h1')!.textContent,
        names: Array.from(document.querySelectorAll('.rows strong bdi'), (b) => b.textContent),
      }));
      expect(dom.scripts).toBe(0);
      expect(dom.h1).toBe(HOSTILE.script);
      expect(dom.names).toEqual([HOSTILE.attribute, HOSTILE.zeroWidth, HOSTILE.rtl]);
    } finally {
      await page.close();
    }
  });
});

describe('print', () => {
  it('leaves out the forms, the skip link and the embedded viewer', async () => {
    const page = await open(cspContext, '/sign/open-sv');
    try {
      await page.emulateMedia({ media: 'print' });
      const hidden = await page.evaluate(() => ['form', '.skip', '.lang', 'object'].map((s) => getComputedStyle(document.querySelector(s)!).display));
      expect(hidden).toEqual(['none', 'none', 'none', 'none']);
    } finally {
      await page.close();
    }
  });
});
