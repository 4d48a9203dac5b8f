// Closure through the real stack: a change request pauses signing and tells the
// other signers (never the comment); a change request from a second tab after
// signing is not sent and says so; the same bytes uploaded again after the
// request stop with the change missing; sent anyway, the version's audit page
// names the earlier version and the request; a signer's link follows the
// protocol to publication; the notice carries the directory's Förvaringsplats.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, mellansverige, postSign, startTestStack, type Mail, type ProtocolView, type TestStack } from '../helpers/stack';

const SLUG = 'mellansverige-slut';
const COMMENT = 'Hemlig kommentar: § 5 ska ha ett annat belopp';
let t: TestStack;
let first: ProtocolView;
let chairLink = '';
let adjusterLink = '';

const mails = async (to: string, subject: string) => (await t.outbox()).filter((m: Mail) => m.to === to && m.subject.startsWith(subject));
const pageText = async (link: string) => (await (await fetch(link)).text()).replace(/<[^>]+>/g, '');

beforeAll(async () => {
  t = await startTestStack();
  await t.importBody({ ...mellansverige(), slug: SLUG, keptAt: 'Regionkansliet, Storgatan 1' });
  await t.upload(`drafts/${SLUG}/v1.pdf`, fixture('003-protokoll-draft.pdf'));
  first = await t.protocolOf(`drafts/${SLUG}/v1.pdf`, 'ROUTED');
  chairLink = (await t.waitFor('chair', async () => (await mails('ordforande@example.se', 'Justering:'))[0])).links[0]!;
  adjusterLink = (await t.waitFor('adjuster', async () => (await mails('justerare@example.se', 'Justering:'))[0])).links[0]!;
});
afterAll(async () => {
  await t?.stop();
});

describe('signing, a second tab, and a change request', () => {
  it('after signing, the link shows who has signed and who has not', async () => {
    expect((await postSign(chairLink, { action: 'sign', consent: 'on' })).status).toBe(200);
    const text = await pageText(chairLink);
    expect(text).toContain('Tack – du har justerat protokollet');
    expect(text).toMatch(/Patrik Stenvard.*justerare\s*Har inte justerat än/s);
  });

  it('a change request from a second tab after signing is not sent, and the page says so', async () => {
    // The form of the tab opened before signing, posted now.
    const second = await fetch(chairLink, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(chairLink).origin }, body: new URLSearchParams({ action: 'request-changes', comment: 'Fel i § 2' }).toString() });
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('Din begäran om ändring skickades inte: du hade redan justerat protokollet');
    expect((await t.api<ProtocolView>(`/protocols/${first.id}`)).body.status).toBe('ROUTED');
    expect(await mails('sekreterare@example.se', 'Ändring begärd')).toEqual([]);
  });

  it('a change request pauses signing: the other signer is told who asked, never the comment', async () => {
    expect((await postSign(adjusterLink, { action: 'request-changes', comment: COMMENT })).status).toBe(200);
    await t.protocolOf(`drafts/${SLUG}/v1.pdf`, 'CHANGES_REQUESTED');
    const paused = await t.waitFor('paused mail', async () => (await mails('ordforande@example.se', 'Justeringen är pausad'))[0]);
    expect(paused.text).toContain('Patrik Stenvard (justerare) har begärt en ändring');
    expect(paused.text).toContain('Du har redan justerat.');
    expect(JSON.stringify(paused)).not.toContain('Hemlig kommentar');
    // The one who asked is not told that they paused it.
    expect(await mails('justerare@example.se', 'Justeringen är pausad')).toEqual([]);
    const text = await pageText(chairLink);
    expect(text).toContain('Justeringen är pausad');
    expect(text).toContain('Patrik Stenvard (justerare) begärde en ändring.');
    expect(text).not.toContain('Hemlig kommentar');
  });
});

describe('the same file again after the change request', () => {
  let again: ProtocolView;

  it('stops: the secretary is told by mail and in the state that the requested change is missing', async () => {
    await t.upload(`drafts/${SLUG}/v2.pdf`, fixture('003-protokoll-draft.pdf'));
    again = await t.protocolOf(`drafts/${SLUG}/v2.pdf`, 'NEEDS_ATTENTION');
    expect(again.reason?.code).toBe('CHANGE_MISSING');
    expect(again.reason?.sv).toContain(`samma som versionen ${first.id}, där Patrik Stenvard (justerare) begärde en ändring. Ändringen saknas`);
    const mail = await t.waitFor('problem mail', async () => (await mails('sekreterare@example.se', 'Åtgärd krävs')).find((m) => m.text.includes('Ändringen saknas')));
    expect(mail.text).toContain('Gör den begärda ändringen i dokumentet');
    expect(mail.text).not.toContain('Hemlig kommentar');
  });

  it('sent anyway, it is adjusted and published; its audit page names the earlier version and the request', async () => {
    const routed = await t.api<{ status: string }>(`/admin/protocols/${again.id}/route`, { method: 'POST', admin: true });
    expect(routed.body.status).toBe('ROUTED');
    const links = await t.waitFor('new links', async () => {
      const all = (await t.outbox()).filter((m) => m.subject.startsWith('Justering:') && m.links.length && m.text.includes('ny version'));
      return all.length === 2 && all;
    });
    for (const m of links) expect((await postSign(m.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(200);
    await t.protocolOf(`drafts/${SLUG}/v2.pdf`, 'PUBLISHED');
    const r = await t.api(`/protocols/${again.id}/pdf`);
    const file = join(t.dir, 'corrected.pdf');
    writeFileSync(file, new Uint8Array(await (await fetch(r.headers.get('location')!)).arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`Ny version av ${first.id} efter ändring begärd av Patrik Stenvard (justerare)`);
    expect(text).not.toContain('Hemlig kommentar');
    // The new chair's link, after publication: the signed PDF and the notice.
    const chair = links.find((m) => m.to === 'ordforande@example.se')!;
    const page = await (await fetch(chair.links[0]!)).text();
    expect(page).toContain('Protokollet är justerat och anslaget');
    expect(page).toContain(`href="${t.stack.url}/protocols/${again.id}/pdf"`);
  });

  it('the notice states the kind, the paragraphs and where the protocol is kept (API, board and receipt)', async () => {
    const notices = (await t.api<{ items: Record<string, unknown>[] }>('/notices')).body.items;
    const notice = notices.find((n) => n.protocolId === again.id)!;
    expect(notice).toMatchObject({ kind: 'protokoll', keptAt: 'Regionkansliet, Storgatan 1', protocolUrl: `${t.stack.url}/protocols/${again.id}` });
    expect(notice.paragraphs).toMatch(/^§ 1–\d+$/);
    const board = await (await fetch(`${t.stack.url}/anslagstavla`)).text();
    expect(board).toContain('<dt>Förvaringsplats</dt><dd><bdi>Regionkansliet, Storgatan 1</bdi>');
    const receipt = await t.waitFor('receipt', async () => (await mails('ordforande@example.se', 'Justerat och anslaget'))[0]);
    expect(receipt.text).toContain(`Förvaringsplats: Regionkansliet, Storgatan 1, ${t.stack.url}/protocols/${again.id}`);
    expect(receipt.text).toContain(`Paragrafer: ${notice.paragraphs as string}`);
  });
});
