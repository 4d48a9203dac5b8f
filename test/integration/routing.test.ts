// Routing against the body directory, revisions, change requests, signing
// order, and exactly-once adjustment under concurrent signatures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, mellansverige, postSign, startTestStack, type Mail, type ProtocolView, type TestStack } from '../helpers/stack';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack();
});
afterAll(async () => {
  await t?.stop();
});

const mailsTo = async (to: string, subject: string, since = 0) =>
  (await t.outbox()).filter((m) => m.to === to && m.subject.startsWith(subject) && Date.parse(m.date) >= since);

function body(slug: string, order: 'parallel' | 'sequential' | 'secretary-first' = 'parallel', members = mellansverige().members) {
  return { ...mellansverige(members), slug, signingOrder: order };
}

const PROOS = { name: 'Helena Proos', email: 'ordforande@example.se', role: 'ordförande' };
const STENVARD = { name: 'Patrik Stenvard', email: 'justerare@example.se', role: 'ledamot' };

describe('a signer missing from the directory', () => {
  it('stops in NEEDS_ATTENTION, names him to the secretary, and continues once the directory is fixed', async () => {
    const slug = 'saknad-justerare';
    await t.importBody(body(slug, 'parallel', [PROOS]));
    const key = `drafts/${slug}/protokoll.pdf`;
    await t.upload(key, fixture('003-protokoll-draft.pdf'));
    const p = await t.protocolOf(key, 'NEEDS_ATTENTION');
    expect(p.reason?.code).toBe('SIGNERS_UNRESOLVED');
    expect(p.reason?.sv).toContain('Patrik Stenvard');
    const mail = await t.waitFor('problem mail', async () => (await mailsTo('sekreterare@example.se', 'Åtgärd krävs'))[0]);
    expect(mail.text).toContain('Patrik Stenvard (justerare) finns inte i katalogen');
    expect(mail.text).toContain(`/admin/protocols/${p.id}/route`);

    await t.importBody(body(slug, 'parallel', [PROOS, STENVARD]));
    const routed = await t.api<{ status: string }>(`/admin/protocols/${p.id}/route`, { method: 'POST', admin: true });
    expect(routed.body.status).toBe('ROUTED');
    const invites = await t.waitFor('invites', async () => {
      const m = (await t.outbox()).filter((x) => x.subject.startsWith('Justering:') && x.links[0]);
      return m.length >= 2 && m;
    });
    expect(invites.map((m) => m.to)).toEqual(expect.arrayContaining(['ordforande@example.se', 'justerare@example.se']));
  });

  it('refuses admin routes without the token, and the public API cannot reach them', async () => {
    expect((await t.api('/admin/bodies/saknad-justerare')).status).toBe(401);
    expect((await t.api('/admin/bodies/saknad-justerare', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await t.api('/admin/bodies/saknad-justerare', { admin: true })).status).toBe(200);
    expect((await t.api('/admin/bodies/..%2f..', { admin: true })).status).toBe(404);
    expect((await t.api('/admin/bodies/%2e%2e', { admin: true })).status).toBe(404);
  });
});

describe('revisions and change requests', () => {
  const slug = 'revision';
  const key = `drafts/${slug}/protokoll.pdf`;
  let first: ProtocolView;
  let oldLinks: Mail[];

  beforeAll(async () => {
    await t.importBody(body(slug));
    const since = Date.now();
    await t.upload(key, fixture('003-protokoll-draft.pdf'));
    first = await t.protocolOf(key, 'ROUTED');
    oldLinks = await t.waitFor('first invitations', async () => {
      const m = (await t.outbox()).filter((x) => x.subject.startsWith('Justering:') && x.links.length && Date.parse(x.date) >= since);
      return m.length >= 2 && m;
    });
  });

  it('a new upload before adjustment supersedes: old links answer 410, signers get new links', async () => {
    const since = Date.now();
    // The chair signs the first version; it must not count for the second.
    const chairMail = oldLinks.find((m) => m.to === 'ordforande@example.se')!;
    expect((await postSign(chairMail.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100)); // a different upload second, as any real re-upload is
    await t.upload(key, fixture('003-protokoll-draft.pdf'));
    await t.waitFor('superseded', async () => (await t.api<ProtocolView>(`/protocols/${first.id}`)).body.status === 'SUPERSEDED');
    const fresh = await t.waitFor('new invitations', async () => {
      const m = (await t.outbox()).filter((x) => x.subject.startsWith('Justering:') && Date.parse(x.date) >= since);
      return m.length >= 2 && m;
    });
    expect(fresh[0]!.text).toContain('ny version');
    for (const m of oldLinks) {
      expect((await fetch(m.links[0]!)).status).toBe(410);
      expect((await postSign(m.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(410);
    }
    const second = (await t.api<{ supersedes: string; signers: { status: string }[] }>(`/protocols/${(await t.protocolOf(key, 'ROUTED')).id}`)).body;
    expect(second.supersedes).toBe(first.id);
    expect(second.signers.every((s) => s.status === 'pending')).toBe(true);
    oldLinks = fresh;
  });

  it('"Begär ändring" pauses the other links and mails the secretary the comment', async () => {
    const adjuster = oldLinks.find((m) => m.to === 'justerare@example.se')!;
    const chair = oldLinks.find((m) => m.to === 'ordforande@example.se')!;
    expect((await postSign(adjuster.links[0]!, { action: 'request-changes', comment: '' })).status).toBe(400);
    expect((await postSign(adjuster.links[0]!, { action: 'request-changes', comment: '§ 8: fel datum <b>4 juni</b>' })).status).toBe(200);
    const p = await t.protocolOf(key, 'CHANGES_REQUESTED');
    // The public reason names who asked; the comment itself goes only to the secretary (and the admin audit trail).
    expect(p.reason?.sv).toContain('begärde en ändring');
    expect(p.reason?.sv).not.toContain('fel datum');
    const mail = await t.waitFor('comment mail', async () => (await mailsTo('sekreterare@example.se', 'Ändring begärd'))[0]);
    expect(mail.text).toContain('§ 8: fel datum <b>4 juni</b>');
    expect((await postSign(chair.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(409);
  });
});

describe('after adjustment', () => {
  it('a new upload of the same meeting is REJECTED and the secretary told; nothing adjusted changes', async () => {
    const slug = 'redan-justerat';
    await t.importBody(body(slug));
    const since = Date.now();
    await t.upload(`drafts/${slug}/v1.pdf`, fixture('003-protokoll-draft.pdf'));
    const p = await t.protocolOf(`drafts/${slug}/v1.pdf`, 'ROUTED');
    const links = await t.waitFor('links', async () => {
      const all = (await t.outbox()).filter((m) => m.subject.startsWith('Justering:') && m.links.length && Date.parse(m.date) >= since);
      return all.length === 2 && all;
    });
    for (const m of links) await postSign(m.links[0]!, { action: 'sign', consent: 'on' });
    await t.protocolOf(`drafts/${slug}/v1.pdf`, ['ADJUSTED', 'SEALED', 'PUBLISHED']);
    await t.upload(`drafts/${slug}/v2.pdf`, fixture('003-protokoll-draft.pdf'));
    const second = await t.protocolOf(`drafts/${slug}/v2.pdf`);
    expect(second.status).toBe('REJECTED');
    expect(second.reason?.code).toBe('ALREADY_ADJUSTED');
    expect(second.reason?.sv).toContain(p.id);
    expect((await t.api<ProtocolView>(`/protocols/${p.id}`)).body.status).not.toBe('SUPERSEDED');
    const told = await t.waitFor('mail', async () => (await mailsTo('sekreterare@example.se', 'Åtgärd krävs', since)).find((m) => m.text.includes(p.id)));
    expect(told.text).toContain('redan justerat');
    // The meeting is named by the date the minutes give, not by the file's name.
    expect(second.date).toBe('2025-02-14');
    expect(told.subject).toBe('Åtgärd krävs: Samverkansnämnd Sjukvårdsregion Mellansverige 2025-02-14');
  });
});

describe('signing order', () => {
  it('sequential: the adjuster gets the link only after the chair has signed', async () => {
    const slug = 'i-tur-och-ordning';
    await t.importBody(body(slug, 'sequential'));
    const since = Date.now();
    await t.upload(`drafts/${slug}/p.pdf`, fixture('003-protokoll-draft.pdf'));
    const p = await t.protocolOf(`drafts/${slug}/p.pdf`, 'ROUTED');
    const chair = await t.waitFor('chair mail', async () => (await mailsTo('ordforande@example.se', 'Justering:', since)).find((m) => m.links.length));
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailsTo('justerare@example.se', 'Justering:', since)).toHaveLength(0);
    expect((await postSign(chair.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(200);
    const adjuster = await t.waitFor('adjuster mail', async () => (await mailsTo('justerare@example.se', 'Justering:', since))[0]);
    expect((await postSign(adjuster.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(200);
    await t.waitFor('adjusted', async () => ['ADJUSTED', 'SEALED', 'PUBLISHED'].includes((await t.api<ProtocolView>(`/protocols/${p.id}`)).body.status));
  });
});

describe('exactly once', () => {
  it('the last two signatures at the same instant adjust the protocol once, every time', async () => {
    const rounds = 8;
    for (let i = 0; i < rounds; i++) {
      const slug = `samtidigt-${i}`;
      await t.importBody(body(slug));
      const since = Date.now();
      await t.upload(`drafts/${slug}/p.pdf`, fixture('003-protokoll-draft.pdf'));
      const p = await t.protocolOf(`drafts/${slug}/p.pdf`, 'ROUTED');
      const links = await t.waitFor('links', async () => {
        const all = (await t.outbox()).filter((m) => m.subject.startsWith('Justering:') && Date.parse(m.date) >= since && m.links.length);
        return all.length === 2 && all;
      });
      // Prime both pages first so both posts race only on the write.
      const pages = await Promise.all(links.map(async (m) => (await (await fetch(m.links[0]!)).text()).match(/name="sha256" value="([0-9a-f]{64})"/)![1]!));
      const results = await Promise.all(
        links.map((m, k) =>
          fetch(m.links[0]!, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.stack.url },
            body: new URLSearchParams({ action: 'sign', consent: 'on', sha256: pages[k]! }).toString(),
          }).then((r) => r.status),
        ),
      );
      expect(results).toEqual([200, 200]);
      await t.waitFor('published', async () => (await t.api<ProtocolView>(`/protocols/${p.id}`)).body.status === 'PUBLISHED');
      const audit = (await t.api<{ events: { type: string }[] }>(`/protocols/${p.id}/audit`, { admin: true })).body.events;
      expect(audit.filter((e) => e.type === 'adjusted')).toHaveLength(1);
      expect(audit.filter((e) => e.type === 'sealed')).toHaveLength(1);
      expect(t.lines.filter((l) => l.includes(p.id) && / ADJUSTED/.test(l))).toHaveLength(1);
    }
  });
});
