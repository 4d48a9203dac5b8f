// The secretary's half of routing against the real local stack: corrections by
// PATCH /admin/protocols/{id} and `justera fix`, routing again, the directory's
// chair when the minutes name none, old links dying after a correction,
// confirmBeforeSending, the wrong-folder check and the secretary's link.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BodyDirectory } from '../../shared/domain/records';
import { fixture, mellansverige, postSign, startTestStack, type Mail, type ProtocolView, type TestStack } from '../helpers/stack';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = new URL('../../../shared/corpus/', import.meta.url);
/** Real minutes whose text names neither chair nor adjusters (its hand label: chair null, adjusters []). */
const NOBODY_NAMED = () => new Uint8Array(readFileSync(new URL('24_lithekod-styrelse-2015-09-26.pdf', CORPUS)));

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
});
afterAll(async () => {
  await t?.stop();
});

function lithekod(slug: string, secretary: string): BodyDirectory {
  return {
    slug,
    name: 'LiTHe kod',
    organisation: 'LiTHe kod',
    secretary: { name: 'Sekreteraren', email: secretary },
    signingOrder: 'parallel',
    deadlineDays: 14,
    reminderDays: [3],
    members: [
      { name: 'Simon Lindblad', email: 'ordf@example.se', role: 'ordförande' },
      { name: 'Henning Nåbo', email: 'henning@example.se', role: 'ledamot' },
      { name: 'Daniel Proos', email: 'daniel@example.se', role: 'ledamot' },
    ],
  };
}

const mails = async (to: string, subject: string) => (await t.outbox()).filter((m) => m.to === to && m.subject.startsWith(subject));
const patch = (id: string, body: unknown) =>
  t.api<{ error?: string; status?: string; reason?: { code: string }; adjusters?: string[]; place?: string }>(`/admin/protocols/${id}`, {
    method: 'PATCH',
    admin: true,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const route = (id: string) => t.api<{ status: string; reason: { code: string } | null }>(`/admin/protocols/${id}/route`, { method: 'POST', admin: true });
const detail = async (id: string) =>
  (await t.api<ProtocolView & { chair: string | null; adjusters: string[]; place: string | null; signers: { name: string; role: string; status: string }[] }>(`/protocols/${id}`)).body;
const audit = async (id: string) => (await t.api<{ events: { type: string; detail?: string; signer?: string }[] }>(`/protocols/${id}/audit`, { admin: true })).body.events;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [join(ROOT, 'bin/justera.mjs'), ...args], { cwd: ROOT, env: { ...process.env, JUSTERA_DATA_DIR: join(t.dir, 'data') }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe('minutes that name nobody who adjusts, corrected by the operator', () => {
  const slug = 'lithekod-drift';
  const secretary = 'sekr-drift@example.se';
  let p: ProtocolView;

  beforeAll(async () => {
    await t.importBody(lithekod(slug, secretary));
    await t.upload(`drafts/${slug}/protokoll.pdf`, NOBODY_NAMED());
    p = await t.protocolOf(`drafts/${slug}/protokoll.pdf`, 'NEEDS_ATTENTION');
  });

  it('stops in NEEDS_ATTENTION, keeps the parse unguessed, and mails the secretary a personal link', async () => {
    expect(p.reason?.code).toBe('SIGNERS_UNRESOLVED');
    expect(p.reason?.sv).toContain('varken ordförande eller justerare');
    expect((await detail(p.id)).chair).toBeNull();
    const mail = await t.waitFor('problem mail', async () => (await mails(secretary, 'Åtgärd krävs'))[0]);
    const link = mail.links.find((l) => l.includes('/secretary/'));
    expect(link).toMatch(/\/secretary\/[A-Za-z0-9_-]{43}$/);
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const text = await page.text();
    expect(text).toContain('Sekreterarens sida');
    expect(text).toContain('Simon Lindblad');
    // No endpoint returns a token or its hash.
    expect(JSON.stringify(await detail(p.id))).not.toContain(link!.split('/').pop()!);
  });

  it('PATCH refuses bad input with 400 and a clear message', async () => {
    expect((await patch(p.id, 'not json')).status).toBe(400);
    expect((await patch(p.id, {})).body.error).toContain('at least one of chair, adjusters, date, place');
    expect((await patch(p.id, { bogus: 1 })).status).toBe(400);
    expect((await patch(p.id, { date: '2015-13-45' })).body.error).toContain('date');
    expect((await patch(p.id, { adjusters: [{ name: 'Utan Adress' }] })).status).toBe(400);
    const unknown = await patch(p.id, { adjusters: ['Olle Okänd'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain('"Olle Okänd" is not in the directory of LiTHe kod');
    const taken = await patch(p.id, { adjusters: [{ name: 'Henning Nåbo', email: 'annan@example.se' }] });
    expect(taken.status).toBe(400);
    expect(taken.body.error).toContain('already in the directory');
    expect((await patch('00000000000000000000', { place: 'X' })).status).toBe(404);
    expect((await t.api(`/admin/protocols/${p.id}`, { method: 'PATCH', body: '{"place":"X"}' })).status).toBe(401);
  });

  it('PATCH corrects; a new person joins the directory; the trail says who did what', async () => {
    const r = await patch(p.id, { adjusters: ['Henning Nåbo', { name: 'Ny Person', email: 'ny@example.se' }], place: 'Linköping' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'NEEDS_ATTENTION', reason: { code: 'CORRECTED' }, adjusters: ['Henning Nåbo', 'Ny Person'], place: 'Linköping' });
    const directory = (await t.api<BodyDirectory>(`/admin/bodies/${slug}`, { admin: true })).body;
    expect(directory.members.find((m) => m.email === 'ny@example.se')).toEqual({ name: 'Ny Person', email: 'ny@example.se', role: 'ledamot' });
    const corrected = (await audit(p.id)).find((e) => e.type === 'corrected-by-operator');
    expect(corrected?.detail).toContain('Justerare angivna av driftansvarig: Henning Nåbo, Ny Person');
    expect(corrected?.detail).not.toContain('ny@example.se');
  });

  it("routes to the directory's chair, and says so to the secretary and in the trail", async () => {
    const routed = await route(p.id);
    expect(routed.body.status).toBe('ROUTED');
    const d = await detail(p.id);
    expect(d.chair).toBeNull(); // the parse never guesses
    expect(d.signers.map((s) => [s.name, s.role])).toEqual([
      ['Simon Lindblad', 'ordförande'],
      ['Henning Nåbo', 'justerare'],
      ['Ny Person', 'justerare'],
    ]);
    const told = await t.waitFor('routed mail', async () => (await mails(secretary, 'Skickat för justering'))[0]);
    expect(told.text).toContain('Simon Lindblad (ordförande, enligt katalogen)');
    expect(told.text).toContain('Protokollet anger ingen ordförande');
    expect(told.links.some((l) => l.includes('/secretary/'))).toBe(true);
    expect((await audit(p.id)).find((e) => e.type === 'routed')?.detail).toContain('Simon Lindblad (ordförande, enligt katalogen)');
  });

  it('a correction before anyone signed withdraws the links; routing again sends new ones; after a signature it is refused', async () => {
    const first = await t.waitFor('invitations', async () => {
      const m = (await t.outbox()).filter((x) => x.subject.startsWith('Justering:') && ['ordf@example.se', 'henning@example.se', 'ny@example.se'].includes(x.to));
      return m.length === 3 && m;
    });
    const r = await patch(p.id, { adjusters: ['Henning Nåbo'] });
    expect(r.body.status).toBe('NEEDS_ATTENTION');
    for (const m of first) {
      expect((await fetch(m.links[0]!)).status).toBe(410);
      expect((await postSign(m.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(410);
    }
    expect((await route(p.id)).body.status).toBe('ROUTED');
    const second = await t.waitFor('new invitations', async () => {
      const m = (await t.outbox()).filter((x) => x.subject.startsWith('Justering:') && !first.some((f) => f.links[0] === x.links[0]));
      return m.length === 2 && m;
    });
    expect(second.map((m) => m.to).sort()).toEqual(['henning@example.se', 'ordf@example.se']);
    expect((await detail(p.id)).signers.map((s) => s.name)).toEqual(['Simon Lindblad', 'Henning Nåbo']);
    expect((await audit(p.id)).filter((e) => e.type === 'withdrawn').map((e) => e.signer).sort()).toEqual(['Henning Nåbo', 'Ny Person', 'Simon Lindblad']);

    expect((await postSign(second[0]!.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(200);
    const refused = await patch(p.id, { place: 'Norrköping' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toContain('already adjusted it');
  });
});

describe('a change request about who adjusts', () => {
  it('the secretary mail carries the link; a correction withdraws every task and routing sends new links', async () => {
    const slug = 'andrad-justerare';
    const secretary = 'sekr-andrad@example.se';
    await t.importBody({ ...mellansverige([...mellansverige().members, { name: 'Sofia Jarl', email: 'sofia@example.se', role: 'ledamot' }]), slug, secretary: { name: 'Eva-Lena Aspetorp', email: secretary } });
    const since = Date.now();
    await t.upload(`drafts/${slug}/protokoll.pdf`, fixture('003-protokoll-draft.pdf'));
    const p = await t.protocolOf(`drafts/${slug}/protokoll.pdf`, 'ROUTED');
    const adjuster = await t.waitFor('invitation', async () =>
      (await t.outbox()).find((m) => m.to === 'justerare@example.se' && m.subject.startsWith('Justering:') && Date.parse(m.date) >= since),
    );
    expect((await postSign(adjuster.links[0]!, { action: 'request-changes', comment: 'Det var Sofia Jarl som valdes att justera, inte jag.' })).status).toBe(200);
    await t.protocolOf(`drafts/${slug}/protokoll.pdf`, 'CHANGES_REQUESTED');
    const told = await t.waitFor('change mail', async () => (await mails(secretary, 'Ändring begärd'))[0]);
    expect(told.links.some((l) => l.includes('/secretary/'))).toBe(true);
    expect(told.text).toContain('rätta det på din sida');

    expect((await patch(p.id, { adjusters: ['Sofia Jarl'] })).body.status).toBe('NEEDS_ATTENTION');
    expect((await route(p.id)).body.status).toBe('ROUTED');
    const fresh = await t.waitFor('new invitation', async () => (await t.outbox()).find((m) => m.to === 'sofia@example.se' && m.subject.startsWith('Justering:')));
    expect((await fetch(fresh.links[0]!)).status).toBe(200);
    expect((await fetch(adjuster.links[0]!)).status).toBe(410);
    expect((await detail(p.id)).signers.map((s) => [s.name, s.status])).toEqual([
      ['Helena Proos', 'pending'],
      ['Sofia Jarl', 'pending'],
    ]);
  });
});

describe('a correction racing a signature', () => {
  it('never both: either the signature counts and the correction is refused, or the task is withdrawn and the signature refused', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const slug = `kapplopning-${round}`;
      const secretary = `sekr-kapp-${round}@example.se`;
      await t.importBody({ ...mellansverige(), slug, secretary: { name: 'Eva-Lena Aspetorp', email: secretary } });
      const since = Date.now();
      await t.upload(`drafts/${slug}/protokoll.pdf`, fixture('003-protokoll-draft.pdf'));
      const p = await t.protocolOf(`drafts/${slug}/protokoll.pdf`, 'ROUTED');
      const invite = await t.waitFor('invitation', async () =>
        (await t.outbox()).find((m) => m.to === 'ordforande@example.se' && m.subject.startsWith('Justering:') && Date.parse(m.date) >= since),
      );
      // Both at once; a page fetched first so that the post carries the PDF's hash.
      const [signed, corrected] = await Promise.all([postSign(invite.links[0]!, { action: 'sign', consent: 'on' }), patch(p.id, { place: `Plats ${round}` })]);
      const history = (await t.api<{ events: { type: string; signer?: string }[] }>(`/protocols/${p.id}/audit`, { admin: true })).body.events;
      const d = await detail(p.id);
      if (corrected.status === 200) {
        outcomes.add('correction');
        expect(signed.status).not.toBe(200);
        expect(history.some((e) => e.type === 'signed')).toBe(false);
        expect(d.status).toBe('NEEDS_ATTENTION');
      } else {
        outcomes.add('signature');
        expect(corrected.status).toBe(409);
        expect(signed.status).toBe(200);
        expect(d.status).toBe('ROUTED');
        expect(d.signers.find((s) => s.role === 'ordförande')?.status).toBe('signed');
        // A task withdrawn before the conflict showed is reinstated, and says so.
        expect(history.filter((e) => e.type === 'withdrawn').length).toBe(history.filter((e) => e.type === 'reinstated').length);
        expect(d.signers).toHaveLength(2);
      }
    }
    // Which one wins depends on timing; the invariant above held each time.
    expect(outcomes.size).toBeGreaterThan(0);
  });
});

describe('justera fix', () => {
  it('corrects chair, adjusters, date and place from the command line, and routes with --route', async () => {
    const slug = 'lithekod-cli';
    const secretary = 'sekr-cli@example.se';
    await t.importBody(lithekod(slug, secretary));
    await t.upload(`drafts/${slug}/protokoll.pdf`, NOBODY_NAMED());
    const p = await t.protocolOf(`drafts/${slug}/protokoll.pdf`, 'NEEDS_ATTENTION');

    const bad = await cli('fix', p.id, '--adjuster', 'Olle Okänd');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('HTTP 400');
    expect(bad.stderr).toContain('Olle Okänd');
    expect((await cli('fix', p.id)).stderr).toContain('--chair, --adjuster, --date or --place');

    const r = await cli('fix', p.id, '--chair', 'Daniel Proos', '--adjuster', 'Henning Nåbo', '--adjuster', 'Ny Kassör <kassor@example.se>', '--date', '2015-09-27', '--place', 'Linköping', '--route');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${p.id} ROUTED`);
    const d = await detail(p.id);
    expect(d).toMatchObject({ chair: 'Daniel Proos', adjusters: ['Henning Nåbo', 'Ny Kassör'], date: '2015-09-27', place: 'Linköping', status: 'ROUTED' });
    expect(d.signers.map((s) => s.name)).toEqual(['Daniel Proos', 'Henning Nåbo', 'Ny Kassör']);
  });
});

describe('confirmBeforeSending', () => {
  it('sends nothing until the secretary confirms on the page; a cross-origin post is refused', async () => {
    const slug = 'bekrafta-forst';
    const secretary = 'sekr-bekrafta@example.se';
    const directory = { ...mellansverige(), slug, secretary: { name: 'Eva-Lena Aspetorp', email: secretary }, confirmBeforeSending: true };
    await t.importBody(directory);
    await t.upload(`drafts/${slug}/protokoll.pdf`, fixture('003-protokoll-draft.pdf'));
    const p = await t.protocolOf(`drafts/${slug}/protokoll.pdf`, 'NEEDS_ATTENTION');
    expect(p.reason?.code).toBe('CONFIRM_BEFORE_SENDING');
    const mail: Mail = await t.waitFor('confirm mail', async () => (await mails(secretary, 'Bekräfta före utskick'))[0]);
    expect(mail.text).toContain('Helena Proos (ordförande)');
    expect((await detail(p.id)).signers).toEqual([]);
    const link = mail.links[0]!;

    const post = (origin: string, form: Record<string, string>) =>
      fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams(form).toString() });
    expect((await post('https://elsewhere.example', { action: 'route' })).status).toBe(403);
    expect((await detail(p.id)).status).toBe('NEEDS_ATTENTION');

    const done = await post(new URL(link).origin, { action: 'route' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Protokollet är skickat för justering.');
    expect((await detail(p.id)).status).toBe('ROUTED');
    expect((await audit(p.id)).find((e) => e.type === 'routed')?.detail).toContain('Bekräftat av sekreteraren');

    // The link is the secretary's own: once the directory names another, it is dead (the same 404 as any unknown link).
    expect((await fetch(link)).status).toBe(200);
    await t.importBody({ ...directory, secretary: { name: 'Ny Sekreterare', email: 'ny-sekr@example.se' } });
    expect((await fetch(link)).status).toBe(404);
    expect((await fetch(`${link.slice(0, -1)}A`)).status).toBe(404);
  });
});

describe('the wrong folder', () => {
  it('a protocol naming another body stops in NEEDS_ATTENTION naming both, and where Justera knows the other', async () => {
    await t.importBody({ ...mellansverige(), slug: 'samverkansnamnd-mellansverige' });
    const slug = 'socialnamnden';
    const secretary = 'sekr-social@example.se';
    await t.importBody({ ...mellansverige(), slug, name: 'Socialnämnden', organisation: 'Exempelby kommun', secretary: { name: 'Sara Lindqvist', email: secretary } });
    await t.upload(`drafts/${slug}/protokoll.pdf`, fixture('003-protokoll-draft.pdf'));
    const p = await t.protocolOf(`drafts/${slug}/protokoll.pdf`, 'NEEDS_ATTENTION');
    expect(p.reason?.code).toBe('WRONG_BODY');
    expect(p.reason?.sv).toContain('"Samverkansnämnd Sjukvårdsregion Mellansverige"');
    expect(p.reason?.sv).toContain('Socialnämnden (drafts/socialnamnden/)');
    expect(p.reason?.sv).toContain('drafts/samverkansnamnd-mellansverige/');
    const mail = await t.waitFor('problem mail', async () => (await mails(secretary, 'Åtgärd krävs'))[0]);
    expect(mail.links.some((l) => l.includes('/secretary/'))).toBe(true);
    // An operator who knows better sends it anyway.
    expect((await route(p.id)).body.status).toBe('ROUTED');
  });

  it('the same body under its own folder is routed as before', async () => {
    await t.upload('drafts/samverkansnamnd-mellansverige/protokoll.pdf', fixture('003-protokoll-draft.pdf'));
    expect((await t.protocolOf('drafts/samverkansnamnd-mellansverige/protokoll.pdf')).status).toBe('ROUTED');
  });
});

describe('the secretary follows and steers', () => {
  it('sees who was invited, opened and signed; reminds and re-sends once a day; withdraws, and the links die', async () => {
    const slug = 'styr-och-folj';
    const secretary = 'sekr-styr@example.se';
    // Signers of their own: a mail to the shared test signers from an earlier test may still be on its way and would count here.
    const members = [
      { name: 'Helena Proos', email: 'ordf-styr@example.se', role: 'ordförande' },
      { name: 'Patrik Stenvard', email: 'just-styr@example.se', role: 'ledamot' },
    ];
    await t.importBody({ ...mellansverige(members), slug, secretary: { name: 'Eva-Lena Aspetorp', email: secretary } });
    const before = new Set((await t.outbox()).map((m) => m.id));
    const fresh = async (to: string, subject: string) => (await mails(to, subject)).filter((m) => !before.has(m.id));
    await t.upload(`drafts/${slug}/protokoll.pdf`, fixture('003-protokoll-draft.pdf'));
    const p = await t.protocolOf(`drafts/${slug}/protokoll.pdf`, 'ROUTED');
    const link = (await t.waitFor('routed mail', async () => (await mails(secretary, 'Skickat för justering'))[0])).links[0]!;
    const invitations = await t.waitFor('invitations', async () => {
      const [chair] = await fresh('ordf-styr@example.se', 'Justering:');
      const [adjuster] = await fresh('just-styr@example.se', 'Justering:');
      return chair && adjuster && { chair, adjuster };
    });
    const post = (form: Record<string, string>, origin = new URL(link).origin) =>
      fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams(form).toString() });

    // The chair opens the link; the adjuster signs.
    await fetch(invitations.chair.links[0]!);
    expect((await postSign(invitations.adjuster.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(200);
    const page = await (await fetch(link)).text();
    const rows = page.split('<li>').filter((r) => r.includes('Inbjuden'));
    const chairRow = rows.find((r) => r.includes('Helena Proos'))!;
    const adjusterRow = rows.find((r) => r.includes('Patrik Stenvard'))!;
    expect(chairRow).toMatch(/Inbjuden<\/dt><dd><time/);
    expect(chairRow).toMatch(/Öppnade<\/dt><dd><time/);
    expect(chairRow).toMatch(/Justerade<\/dt><dd>–/);
    expect(adjusterRow).toMatch(/Justerade<\/dt><dd><time/);
    // Only the one who has not answered can be reminded.
    expect(adjusterRow).not.toContain('value="remind"');
    const chairId = /name="signer" value="([^"]+)"/.exec(chairRow)![1]!;

    expect((await post({ action: 'remind', signer: chairId }, 'https://elsewhere.example')).status).toBe(403);
    const reminded = await post({ action: 'remind', signer: chairId });
    expect(reminded.status).toBe(200);
    expect(await reminded.text()).toContain('Påminnelsen är skickad med en ny länk.');
    expect(await (await post({ action: 'remind', signer: chairId })).text()).toContain('Personen har redan fått ett sådant meddelande i dag.');
    const reminder = await t.waitFor('reminder', async () => (await fresh('ordf-styr@example.se', 'Påminnelse – Justering'))[0]);
    expect(reminder.links[0]).not.toBe(invitations.chair.links[0]);
    expect(await (await post({ action: 'resend', signer: chairId })).text()).toContain('Länken är skickad på nytt.');
    expect(await t.waitFor('re-sent link', async () => (await fresh('ordf-styr@example.se', 'Justering:')).length === 2)).toBe(true);

    // Withdraw: a reason from the list only, then WITHDRAWN with it; every link is dead and the chair is told.
    expect((await post({ action: 'withdraw', cause: 'anything I like' })).status).toBe(400);
    expect((await detail(p.id)).status).toBe('ROUTED');
    const withdrawn = await post({ action: 'withdraw', cause: 'wrong-file' });
    expect(await withdrawn.text()).toContain('Protokollet är återkallat.');
    const after = await detail(p.id);
    expect(after.status).toBe('WITHDRAWN');
    expect(after.reason).toMatchObject({ code: 'WITHDRAWN', sv: 'Sekreteraren återkallade protokollet: fel fil laddades upp.' });
    for (const l of [invitations.chair.links[0]!, reminder.links[0]!]) expect((await postSign(l, { action: 'sign', consent: 'on' })).status).toBe(410);
    const told = await t.waitFor('withdrawn mail', async () => (await fresh('ordf-styr@example.se', 'Återkallat:'))[0]);
    expect(told.links).toEqual([]);
    expect(told.text).not.toContain('vidarebefordra inte länken');
    // The one who already signed gets nothing.
    expect(await fresh('just-styr@example.se', 'Återkallat:')).toEqual([]);
    expect(await (await post({ action: 'withdraw', cause: 'wrong-file' })).text()).toContain('Protokollet kunde inte återkallas');
    expect((await audit(p.id)).filter((e) => e.type === 'withdrawn-by-secretary')).toHaveLength(1);

    // The page still opens and says so; the body's page lists the protocol with its state.
    const ended = await (await fetch(link)).text();
    expect(ended).toContain('Återkallat');
    expect(ended).not.toContain('value="withdraw"');
    const listing = await fetch(`${new URL(link).origin}${new URL(link).pathname}/protocols`);
    expect(listing.status).toBe(200);
    const listed = await listing.text();
    expect(listed).toContain('Protokoll för Samverkansnämnd Sjukvårdsregion Mellansverige');
    expect(listed).toContain('protokoll.pdf');
    expect(listed).toContain('Återkallat');
    expect(await (await fetch(`${new URL(link).origin}${new URL(link).pathname}/protocols?lang=en`)).text()).toContain('Withdrawn');
  });
});

describe('justera upload and bodies list against the stack', () => {
  it('upload exits 1 with the Swedish reason when the upload is rejected, 0 when it is routed; bodies list names the bodies', async () => {
    const slug = 'cli-uppladdning';
    await t.importBody({ ...mellansverige(), slug, secretary: { name: 'Eva-Lena Aspetorp', email: 'sekr-cli@example.se' } });
    const notPdf = join(t.dir, 'inte-en.pdf');
    writeFileSync(notPdf, 'det här är ingen PDF');
    const rejected = await cli('upload', notPdf, '--body', slug);
    expect(rejected.code, rejected.stderr).toBe(1);
    expect(rejected.stdout).toMatch(/ REJECTED\n {2}\S/);
    expect(rejected.stdout).toContain('PDF');
    const routed = await cli('upload', new URL('003-protokoll-draft.pdf', new URL('../../../shared/fixtures/', import.meta.url)).pathname, '--body', slug);
    expect(routed.code, routed.stderr).toBe(0);
    expect(routed.stdout).toContain(' ROUTED');
    const list = await cli('bodies', 'list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(`${slug}  Samverkansnämnd Sjukvårdsregion Mellansverige  (`);
  });
});
