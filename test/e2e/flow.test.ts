// End to end from README command 1: `justera start` as its own process, the
// CLI for the directory and the upload, Debian's Chromium opening each link
// from the outbox (axe on every page), signing, and the sealed PDF checked by
// pdfsig and `justera verify`; a second protocol where a signer asks for a
// change in the browser; and one protocol followed to its end through every
// mail and every person's page.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
  writeFileSync(dir, JSON.stringify([mellansverige(), { ...mellansverige(), slug: 'andra-motet' }, { ...mellansverige(), slug: 'hela-vagen', keptAt: 'Regionkansliet, Storgatan 1' }]));
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
      // The last signature adjusts the protocol: that signer's page says so instead of waiting for others.
      expect(await page.textContent('body')).toMatch(/Tack – du har justerat protokollet|Protokollet är justerat/);
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

/** The sealed PDF a receipt carries, out of its raw message in the outbox. */
function attachedPdf(mail: Mail): Buffer {
  const raw = readFileSync(join(stack.dataDir, 'outbox', `${mail.id}.eml`), 'utf8');
  const part = raw.split(/\n--/).find((p) => /^Content-Type: application\/pdf/im.test(p));
  if (!part) throw new Error(`no PDF attached to "${mail.subject}"`);
  return Buffer.from(part.slice(part.indexOf('\n\n') + 2).replace(/\s+/g, ''), 'base64');
}

describe('one protocol to the end: every mail, and every person\'s page at each stage', () => {
  const BODY = 'hela-vagen';
  const COMMENT = '§ 5: beloppet ska vara 40 000 kr';
  /** Mails of this story only: the ones above went to the same people. */
  let since = 0;
  // Oldest first (the outbox lists the newest first): [0] is the first invitation, [1] the one for the new version.
  const mails = async (to: string, subject: string) =>
    (await json<Mail[]>('/outbox')).filter((m) => m.to === to && m.subject.startsWith(subject) && Date.parse(m.date) >= since).sort((a, b) => a.id.localeCompare(b.id));
  const one = (to: string, subject: string, which = 0) => until(`${subject} to ${to}`, async () => (await mails(to, subject))[which]);
  let first = '';
  let secretaryLink = '';

  /** Opens a link at phone width, checks axe and that nothing scrolls sideways, and gives the page's text. */
  async function visit(link: string): Promise<{ page: Page; text: string }> {
    const page = await context.newPage();
    await page.goto(link);
    const violations = await axeViolations(page);
    expect(violations, readableViolations(violations)).toEqual([]);
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)).toBeLessThanOrEqual(390);
    return { page, text: (await page.textContent('main')) ?? '' };
  }

  it('the upload: each signer is invited (Swedish, the English page linked), the secretary told with her page', async () => {
    since = Date.now();
    const r = await stack.cli('upload', fixturePath('003-protokoll-draft.pdf'), '--body', BODY);
    first = /^([0-9a-z]{20}) ROUTED$/m.exec(r.stdout)![1]!;
    for (const to of ['ordforande@example.se', 'justerare@example.se']) {
      const invitation = await one(to, 'Justering: Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-14');
      expect(invitation.text).toContain(`The page in English: ${invitation.links[0]}?lang=en`);
    }
    const routed = await one('sekreterare@example.se', 'Skickat för justering: Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-14');
    secretaryLink = routed.links.find((l) => l.includes('/secretary/'))!;
    expect(routed.text).toContain(`${secretaryLink}?lang=en`);
  });

  it('the chair reads, signs, and then sees who is still to sign; the secretary sees who has signed', async () => {
    const chair = await one('ordforande@example.se', 'Justering:');
    const before = await visit(chair.links[0]!);
    expect(before.text).toContain('Du ombeds justera protokollet');
    expect(await before.page.getByRole('navigation', { name: 'Snabbval' }).count()).toBe(1);
    await before.page.getByRole('checkbox').check();
    await before.page.getByRole('button', { name: 'Justera', exact: true }).click();
    await before.page.waitForLoadState('load');
    await before.page.close();
    const after = await visit(chair.links[0]!);
    expect(after.text).toContain('Tack – du har justerat protokollet');
    expect(after.text).toMatch(/Patrik Stenvard.*Har inte justerat än/s);
    expect(await after.page.locator('form').count()).toBe(0);
    await after.page.close();
    const secretary = await visit(secretaryLink);
    expect(secretary.text).toMatch(/Helena Proos[\s\S]*Justerade/);
    await secretary.page.close();
  });

  it('the adjuster asks for a change: the chair is told signing is paused (not the comment), the secretary gets the comment', async () => {
    const adjuster = await one('justerare@example.se', 'Justering:');
    const page = (await visit(adjuster.links[0]!)).page;
    await page.getByLabel('Vad gäller ändringen?').selectOption('decision');
    await page.getByLabel('Vad ska ändras?').fill(COMMENT);
    await page.getByRole('button', { name: 'Begär ändring' }).click();
    await page.waitForLoadState('load');
    expect(await page.textContent('main')).toContain('Du har begärt en ändring');
    await page.close();
    const paused = await one('ordforande@example.se', 'Justeringen är pausad');
    expect(paused.text).toContain('Patrik Stenvard (justerare) har begärt en ändring');
    expect(paused.text).toContain('Patrik Stenvard (justerare) begärde en ändring av ett beslut.');
    expect(paused.text).not.toContain(COMMENT);
    expect((await one('sekreterare@example.se', 'Ändring begärd')).text).toContain(COMMENT);
    const chair = await visit((await one('ordforande@example.se', 'Justering:')).links[0]!);
    expect(chair.text).toContain('Justeringen är pausad');
    expect(chair.text).not.toContain(COMMENT);
    await chair.page.close();
    const secretary = await visit(secretaryLink);
    expect(secretary.text).toContain('En ändring är begärd');
    await secretary.page.close();
  });

  it('the same file again: the secretary is told the change is missing; she sends it anyway from her page', async () => {
    const r = await stack.cli('upload', fixturePath('003-protokoll-draft.pdf'), '--body', BODY, '--name', 'igen.pdf');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Ändringen saknas');
    const told = await until('change missing', async () => (await mails('sekreterare@example.se', 'Åtgärd krävs')).find((m) => m.text.includes('Ändringen saknas')));
    const page = (await visit(told.links.find((l) => l.includes('/secretary/'))!)).page;
    await page.getByRole('button', { name: 'Spara och skicka för justering' }).click();
    await page.waitForLoadState('load');
    expect(await page.textContent('#status')).toContain('Protokollet är skickat för justering.');
    await page.close();
    const old = await visit((await one('ordforande@example.se', 'Justering:')).links[0]!);
    expect(old.text).toContain('Det finns en nyare version');
    await old.page.close();
  });

  it('both sign the new version; everyone gets the sealed PDF attached (pdfsig valid) and the notice', async () => {
    for (const to of ['ordforande@example.se', 'justerare@example.se']) {
      const invitation = await one(to, 'Justering:', 1);
      expect(invitation.text).toContain('Det här är en ny version av protokollet.');
      const page = (await visit(invitation.links[0]!)).page;
      await page.getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Justera', exact: true }).click();
      await page.waitForLoadState('load');
      await page.close();
    }
    const notice = await until('notice', async () => (await json<{ items: Record<string, string>[] }>('/notices')).items.find((n) => n.body === BODY));
    expect(notice).toMatchObject({ kind: 'protokoll', keptAt: 'Regionkansliet, Storgatan 1' });
    for (const to of ['ordforande@example.se', 'justerare@example.se', 'sekreterare@example.se']) {
      const receipt = await one(to, 'Justerat och anslaget: Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-14');
      expect(receipt.text).toContain(`Sista dag att överklaga: ${notice.appealEndsOn}`);
      expect(receipt.text).toContain(`Förvaringsplats: Regionkansliet, Storgatan 1, ${notice.protocolUrl}`);
      const file = join(stack.dataDir, `receipt-${to}.pdf`);
      writeFileSync(file, attachedPdf(receipt));
      const sig = execFileSync('pdfsig', [file], { encoding: 'utf8' });
      expect(sig).toContain('Signature is Valid.');
      expect(sig).toContain('Total document signed');
    }
    const audit = execFileSync('pdftotext', [join(stack.dataDir, 'receipt-sekreterare@example.se.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(audit).toContain(`Ny version av ${first} efter ändring begärd av Patrik Stenvard (justerare)`);
  });

  it('after publication the chair\'s link, the secretary\'s page and the notice board show the ending', async () => {
    const chair = await visit((await one('ordforande@example.se', 'Justering:', 1)).links[0]!);
    expect(chair.text).toContain('Protokollet är justerat och anslaget');
    expect(await chair.page.getByRole('link', { name: 'Hämta det justerade protokollet (PDF)' }).count()).toBe(1);
    await chair.page.close();
    // Her link of the new version came with its "sent for adjustment" mail.
    const sent = await one('sekreterare@example.se', 'Skickat för justering', 1);
    const secretary = await visit(sent.links.find((l) => l.includes('/secretary/'))!);
    expect(secretary.text).toContain('Justerat och anslaget');
    expect(secretary.text).toContain('Regionkansliet, Storgatan 1');
    await secretary.page.close();
    const board = await visit(`${stack.url}/anslagstavla`);
    expect(board.text).toContain('Regionkansliet, Storgatan 1');
    await board.page.close();
  });
});
