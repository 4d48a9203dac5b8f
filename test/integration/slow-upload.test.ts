// s3rver, unlike S3, lists an object while its upload is still being written.
// A draft that arrives slowly — half of it, a pause, the rest — must become
// one protocol of the whole file, not one of each partial object the bridge's
// sweep happened to see (it sweeps every 100 ms here).
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localS3Client } from '../../shared/adapters/clients';
import { fixture, mellansverige, startTestStack, type ProtocolView, type TestStack } from '../helpers/stack';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack({ sweepMs: 100 });
  await t.importBody(mellansverige());
});

afterAll(async () => {
  await t?.stop();
});

describe('an upload still being written', () => {
  it('becomes one protocol of the complete file', async () => {
    const key = 'drafts/samverkansnamnd-mellansverige/långsam uppladdning.pdf';
    const bytes = fixture('003-protokoll-draft.pdf');
    const body = new PassThrough();
    const s3 = localS3Client(t.s3.endpoint);
    const put = s3.send(new PutObjectCommand({ Bucket: t.stack.bucket, Key: key, Body: body, ContentLength: bytes.length, ContentType: 'application/pdf' }));
    body.write(bytes.subarray(0, bytes.length >> 1));
    await sleep(3000); // some thirty sweeps see the half-written object, quiet for longer than two seconds
    body.end(bytes.subarray(bytes.length >> 1));
    await put;

    const p = await t.protocolOf(key, 'ROUTED');
    await t.waitFor('the queues to drain', () => t.stack.idle());
    await sleep(2500); // past the sweep's quiet period: nothing more may come
    await t.waitFor('the queues to drain', () => t.stack.idle());
    const all = (await t.api<{ items: { id: string }[] }>('/protocols?body=samverkansnamnd-mellansverige')).body.items;
    expect(all.map((i) => i.id)).toEqual([p.id]);
    expect((await t.api<ProtocolView & { items: number }>(`/protocols/${p.id}`)).body.items).toBe(13);
  });
});
