// The daily round against the real store: reminders per the body's schedule
// (never two on one day), expiry at the deadline with the secretary told, and
// resuming a protocol a crash left between two steps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compositionRoot } from '../../shared/adapters/deps';
import { sesMailer } from '../../shared/adapters/mailer';
import { remindRound } from '../../shared/flow/remind';
import type { Deps } from '../../shared/ports';
import { fixture, mellansverige, startTestStack, type ProtocolView, type TestStack } from '../helpers/stack';

let t: TestStack;
let p: ProtocolView & { deadline: string };
const KEY = 'drafts/paminnelser/protokoll.pdf';

/** The same adapters as the functions use, with the clock moved forward. */
function at(date: Date): Deps {
  return { ...compositionRoot().deps({ mailer: sesMailer }), clock: { now: () => date } };
}
const days = (n: number) => new Date(Date.now() + n * 86_400_000);

beforeAll(async () => {
  t = await startTestStack();
  await t.importBody({ ...mellansverige(), slug: 'paminnelser', reminderDays: [3, 7] });
  await t.upload(KEY, fixture('003-protokoll-draft.pdf'));
  p = (await t.protocolOf(KEY, 'ROUTED')) as typeof p;
  await t.waitFor('invitations', async () => (await t.outbox()).filter((m) => m.subject.startsWith('Justering:')).length === 2);
});
afterAll(async () => {
  await t?.stop();
});

const reminders = async () => (await t.outbox()).filter((m) => m.subject.startsWith('Påminnelse'));

describe('reminders', () => {
  it('sends nothing before the first reminder day', async () => {
    expect((await remindRound(at(days(2)))).reminded).toBe(0);
    expect(await reminders()).toHaveLength(0);
  });

  it('reminds each pending signer on day 3 with a working link, once that day', async () => {
    expect((await remindRound(at(days(3.1)))).reminded).toBe(2);
    expect((await remindRound(at(days(3.2)))).reminded).toBe(0);
    const sent = await reminders();
    expect(sent.map((m) => m.to).sort()).toEqual(['justerare@example.se', 'ordforande@example.se']);
    expect((await fetch(sent[0]!.links[0]!)).status).toBe(200);
    // The invitation's link still works too: each mail has its own token.
    const invitation = (await t.outbox()).find((m) => m.subject.startsWith('Justering:') && m.to === sent[0]!.to)!;
    expect((await fetch(invitation.links[0]!)).status).toBe(200);
  });

  it('after missing several days, catches up with one reminder, not one per missed day', async () => {
    expect((await remindRound(at(days(9)))).reminded).toBe(2);
    expect((await reminders()).length).toBe(4);
    expect((await remindRound(at(days(10)))).reminded).toBe(0);
  });

  it('at the deadline marks EXPIRED, kills the links and tells the secretary who did not sign', async () => {
    const after = new Date(Date.parse(p.deadline) + 60_000);
    expect((await remindRound(at(after))).expired).toBe(1);
    expect((await t.api<ProtocolView>(`/protocols/${p.id}`)).body.status).toBe('EXPIRED');
    const mail = (await t.outbox()).find((m) => m.subject.startsWith('Tiden för justering har gått ut'))!;
    expect(mail.to).toBe('sekreterare@example.se');
    expect(mail.text).toContain('Helena Proos');
    expect(mail.text).toContain('Patrik Stenvard');
    const link = (await reminders())[0]!.links[0]!;
    expect((await fetch(link)).status).toBe(410);
  });
});
