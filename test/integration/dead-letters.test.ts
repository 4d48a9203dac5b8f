// A step that fails every retry: the message lands in the dead-letter queue,
// is recorded (API and CLI), the protocol waits in NEEDS_ATTENTION with the
// reason, the secretary is told; once the cause is fixed, `justera redrive`
// resumes it to PUBLISHED. Also: a step that fails once just retries.
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localS3Client } from '../../shared/adapters/clients';
import { ROOT } from '../helpers/cli';
import { fixture, mellansverige, postSign, startTestStack, type Mail, type ProtocolView, type TestStack } from '../helpers/stack';

let t: TestStack;
let s3: S3Client;

beforeAll(async () => {
  t = await startTestStack({ backoffMs: [200, 200, 200, 200] });
  s3 = localS3Client(t.s3.endpoint);
});
afterAll(async () => {
  await t?.stop();
});

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, ['bin/justera.mjs', ...args], { cwd: ROOT, env: { ...process.env, JUSTERA_DATA_DIR: t.stack.dataDir } }, (error, stdout, stderr) =>
      resolve({ code: error ? 1 : 0, stdout, stderr }),
    ),
  );
}

/** Uploads the 003 draft for a new body, signs it by one signer, and returns the other signer's link. */
async function halfSigned(slug: string): Promise<{ p: ProtocolView & { draftSha256: string }; last: Mail }> {
  await t.importBody({ ...mellansverige(), slug });
  const since = Date.now();
  await t.upload(`drafts/${slug}/p.pdf`, fixture('003-protokoll-draft.pdf'));
  const p = (await t.protocolOf(`drafts/${slug}/p.pdf`, 'ROUTED')) as ProtocolView & { draftSha256: string };
  const mails = await t.waitFor('invitations', async () => {
    const m = (await t.outbox()).filter((x) => x.subject.startsWith('Justering:') && x.links.length && Date.parse(x.date) >= since);
    return m.length === 2 && m;
  });
  expect((await postSign(mails[0]!.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(200);
  return { p, last: mails[1]! };
}

const original = (id: string) => ({ Bucket: t.stack.bucket, Key: `originals/${id}.pdf` });

describe('a step that fails every retry', () => {
  it('ends in the dead-letter record and NEEDS_ATTENTION, and redrive resumes it once fixed', async () => {
    const { p, last } = await halfSigned('doda-brev');
    // The draft copy vanishes before sealing: the stamp step cannot succeed.
    const bytes = await (await s3.send(new GetObjectCommand(original(p.id)))).Body!.transformToByteArray();
    await s3.send(new DeleteObjectCommand(original(p.id)));
    expect((await postSign(last.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(200);

    const stuck = await t.waitFor('NEEDS_ATTENTION', async () => {
      const r = (await t.api<ProtocolView>(`/protocols/${p.id}`)).body;
      return r.status === 'NEEDS_ATTENTION' && r;
    });
    expect(stuck.reason?.code).toBe('PROCESSING_FAILED');
    expect(stuck.reason?.sv).toContain('stamp');
    const letters = (await t.api<{ items: { queue: string; protocolId: string; attempts: number; error: string; redrivenAt: string | null }[] }>('/admin/dead-letters', { admin: true })).body.items;
    const letter = letters.find((l) => l.protocolId === p.id)!;
    expect(letter).toMatchObject({ queue: 'stamp', attempts: 5, redrivenAt: null });
    // The dead letter carries what SQS carries, on one machine as on AWS: the cause is in the log, not the message.
    expect(letter.error).toBe('failed every retry (see the function logs)');
    expect(t.lines.some((l) => l.includes('retry  stamp') && l.includes('no longer in the bucket'))).toBe(true);
    const told = await t.waitFor('mail', async () => (await t.outbox()).find((m) => m.subject.startsWith('Åtgärd krävs') && m.text.includes(p.id)));
    expect(told.to).toBe('sekreterare@example.se');

    // Fixed: the same bytes are back. The CLI re-drives; the protocol goes on from ADJUSTED.
    await s3.send(new PutObjectCommand({ ...original(p.id), Body: bytes, ContentType: 'application/pdf' }));
    const redriven = await cli('redrive');
    expect(redriven.code, redriven.stderr).toBe(0);
    expect(redriven.stdout).toContain('redriven 1');
    expect(redriven.stdout).toContain(`stamp ${p.id}`);
    await t.waitFor('PUBLISHED', async () => (await t.api<ProtocolView>(`/protocols/${p.id}`)).body.status === 'PUBLISHED');
    const after = (await t.api<{ items: { protocolId: string; redrivenAt: string | null }[] }>('/admin/dead-letters', { admin: true })).body.items;
    expect(after.find((l) => l.protocolId === p.id)!.redrivenAt).not.toBeNull();
    expect((await cli('redrive')).stdout).toContain('redriven 0');
  }, 180_000); // five deliveries with back-off, a dead letter, a re-drive and a seal: slow on a busy machine, not a measurement
});

describe('a step that fails once', () => {
  it('retries and ends SEALED without a dead letter', async () => {
    const { p, last } = await halfSigned('fel-en-gang');
    const bytes = await (await s3.send(new GetObjectCommand(original(p.id)))).Body!.transformToByteArray();
    await s3.send(new DeleteObjectCommand(original(p.id)));
    expect((await postSign(last.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(200);
    await t.waitFor('a failed attempt', async () => t.lines.some((l) => l.includes('retry  stamp')));
    await s3.send(new PutObjectCommand({ ...original(p.id), Body: bytes, ContentType: 'application/pdf' }));
    await t.waitFor('PUBLISHED', async () => (await t.api<ProtocolView>(`/protocols/${p.id}`)).body.status === 'PUBLISHED');
    const letters = (await t.api<{ items: { protocolId: string }[] }>('/admin/dead-letters', { admin: true })).body.items;
    expect(letters.filter((l) => l.protocolId === p.id)).toHaveLength(0);
  });
});
