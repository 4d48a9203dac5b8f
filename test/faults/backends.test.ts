// Faults under the running pipeline: DynamoDB or S3 stopped mid-flow and
// started again, the mail server refusing for a while, and events delivered
// twice or out of order. Every protocol ends in its right state, retries stay
// bounded, and nobody gets a mail twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { FileQueue } from '../../infra/local/file-queue';
import { localPaths } from '../../infra/local/paths';
import { envelope } from '../../shared/adapters/events';
import { startDynalite, startS3rver } from '../../infra/local/servers';
import { fixture, mellansverige, postSign, startTestStack, type ProtocolView, type TestStack } from '../helpers/stack';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that can be stopped and started on the same port. */
class Smtp {
  received: Received[] = [];
  port = 0;
  private server?: SMTPServer;

  async start(port = 0): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, done) => {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  subjects(to: string): string[] {
    return this.received.filter((r) => r.to.includes(to)).map((r) => subjectOf(r.raw));
  }
}

/** The Subject header, unfolded and with RFC 2047 encoded words decoded. */
function subjectOf(raw: string): string {
  const headers = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const value = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

let t: TestStack;
const smtp = new Smtp();

beforeAll(async () => {
  await smtp.start();
  t = await startTestStack({ backoffMs: [500, 1000, 2000, 4000], mail: { transport: 'smtp', url: `smtp://127.0.0.1:${smtp.port}` } });
});
afterAll(async () => {
  await t?.stop();
  await smtp.stop().catch(() => undefined);
});

async function routedBody(slug: string) {
  await t.importBody({ ...mellansverige(), slug, members: mellansverige().members.map((m) => ({ ...m, email: `${m.email.split('@')[0]}.${slug}@example.se` })) });
  return { chair: `ordforande.${slug}@example.se`, adjuster: `justerare.${slug}@example.se` };
}

const status = async (id: string) => (await t.api<ProtocolView>(`/protocols/${id}`)).body.status;

describe('DynamoDB stopped mid-flow', () => {
  it('every upload still ends ROUTED, each signer mailed once', async () => {
    const slugs = ['dynamo-a', 'dynamo-b', 'dynamo-c'];
    const people = await Promise.all(slugs.map(routedBody));
    const port = t.dynamo.port;
    for (const slug of slugs) await t.upload(`drafts/${slug}/p.pdf`, fixture('003-protokoll-draft.pdf'));
    await t.dynamo.close();
    await new Promise((r) => setTimeout(r, 2500));
    t.dynamo = await startDynalite(`${t.dir}/dynamodb`, port);
    for (const slug of slugs) await t.protocolOf(`drafts/${slug}/p.pdf`, 'ROUTED');
    for (const p of people) {
      await t.waitFor('invitations', async () => smtp.subjects(p.chair).length >= 1 && smtp.subjects(p.adjuster).length >= 1);
      expect(smtp.subjects(p.chair).filter((s) => s.startsWith('Justering'))).toHaveLength(1);
      expect(smtp.subjects(p.adjuster).filter((s) => s.startsWith('Justering'))).toHaveLength(1);
    }
  });
});

describe('S3 stopped mid-flow', () => {
  it('the uploads are taken in once S3 is back', async () => {
    const slug = 's3-borta';
    await routedBody(slug);
    await t.upload(`drafts/${slug}/p.pdf`, fixture('003-protokoll-draft.pdf'));
    const port = t.s3.port;
    await t.s3.close();
    await new Promise((r) => setTimeout(r, 2500));
    t.s3 = await startS3rver(`${t.dir}/s3`, port);
    const p = await t.protocolOf(`drafts/${slug}/p.pdf`, 'ROUTED');
    expect(p.status).toBe('ROUTED');
    // The stack listens to the events of the s3rver it was started with; give it the new one for the tests after this.
    await t.restart({ s3rver: t.s3.server });
  });
});

describe('the mail server refusing for a while', () => {
  it('retries until it is back; every mail arrives exactly once', async () => {
    const slug = 'smtp-nere';
    const people = await routedBody(slug);
    const port = smtp.port;
    await smtp.stop();
    await t.upload(`drafts/${slug}/p.pdf`, fixture('003-protokoll-draft.pdf'));
    await t.waitFor('a failed send', async () => t.lines.some((l) => l.includes('retry  route') && /ECONNREFUSED|connect/i.test(l)));
    await smtp.start(port);
    const p = await t.protocolOf(`drafts/${slug}/p.pdf`, 'ROUTED');
    await t.waitFor('both invitations', async () => smtp.subjects(people.chair).length >= 1 && smtp.subjects(people.adjuster).length >= 1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.subjects(people.chair)).toHaveLength(1);
    expect(smtp.subjects(people.adjuster)).toHaveLength(1);
    expect(await status(p.id)).toBe('ROUTED');
  });
});

describe('events twice and out of order', () => {
  it('a repeated or early event changes nothing', async () => {
    const slug = 'dubbla-handelser';
    const people = await routedBody(slug);
    await t.upload(`drafts/${slug}/p.pdf`, fixture('003-protokoll-draft.pdf'));
    const p = await t.protocolOf(`drafts/${slug}/p.pdf`, 'ROUTED');
    await t.waitFor('invitations', async () => smtp.subjects(people.chair).length === 1 && smtp.subjects(people.adjuster).length === 1);
    const queues = localPaths(t.stack.dataDir).queues;
    const send = (queue: string, type: 'ProtocolParsed' | 'ProtocolAdjusted' | 'ProtocolSealed') =>
      new FileQueue(queues, queue).send(JSON.stringify(envelope({ type, detail: { protocolId: p.id } })));

    // Early: sealing and publishing asked for before anyone signed.
    await send('stamp', 'ProtocolAdjusted');
    await send('publish', 'ProtocolSealed');
    // Twice: routing again.
    await send('route', 'ProtocolParsed');
    await t.waitFor('drained', () => t.stack.idle());
    expect(await status(p.id)).toBe('ROUTED');
    expect(smtp.subjects(people.chair)).toHaveLength(1);

    // Sign for real; then every event again, twice.
    const links = smtp.received
      .filter((r) => r.to.includes(people.chair) || r.to.includes(people.adjuster))
      .map((r) => /(http:\/\/127\.0\.0\.1:\d+\/sign\/[A-Za-z0-9_-]{43})/.exec(r.raw.replace(/=\r?\n/g, ''))![1]!);
    for (const link of links) expect((await postSign(link, { action: 'sign', consent: 'on' })).status).toBe(200);
    await t.waitFor('published', async () => (await status(p.id)) === 'PUBLISHED');
    const sealedMails = () => [...smtp.subjects(people.chair), ...smtp.subjects(people.adjuster)].filter((x) => x.startsWith('Justerat')).length;
    await t.waitFor('sealed mails', async () => sealedMails() === 2);
    for (let i = 0; i < 2; i++) {
      await send('route', 'ProtocolParsed');
      await send('stamp', 'ProtocolAdjusted');
      await send('publish', 'ProtocolSealed');
    }
    await t.waitFor('drained', () => t.stack.idle());
    const audit = (await t.api<{ events: { type: string }[] }>(`/protocols/${p.id}/audit`, { admin: true })).body.events;
    for (const type of ['adjusted', 'sealed', 'published']) expect(audit.filter((e) => e.type === type), type).toHaveLength(1);
    expect(sealedMails()).toBe(2);
    expect(smtp.subjects(people.chair).filter((s) => s.startsWith('Justering'))).toHaveLength(1);
  });
});
