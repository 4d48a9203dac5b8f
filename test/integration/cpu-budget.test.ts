// A draft that costs more CPU to read than JUSTERA_MAX_PARSE_CPU_MS allows ends
// NEEDS_ATTENTION (TOO_COMPLEX) in its first attempt, with a reason the API
// shows and a mail telling the secretary how to fix it; the upload stays.
// The budget is set to 1 ms so that any real document exceeds it.
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denseMinutes } from '../../bench/lib/dense';
import { localS3Client } from '../../shared/adapters/clients';
import { mellansverige, startTestStack, type TestStack } from '../helpers/stack';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack({ env: { JUSTERA_MAX_PARSE_CPU_MS: '1' } });
  await t.importBody(mellansverige());
});
afterAll(async () => {
  await t?.stop();
});

describe('the CPU budget on the stack', () => {
  it('a draft over the budget needs attention at once, and the secretary is told how to fix it', async () => {
    const key = 'drafts/samverkansnamnd-mellansverige/tungt-protokoll.pdf';
    await t.upload(key, await denseMinutes(3));
    const p = await t.protocolOf(key, 'NEEDS_ATTENTION');
    expect(p.reason?.code).toBe('TOO_COMPLEX');
    expect(p.reason?.sv).toContain('tar för lång tid att läsa');
    const mail = await t.waitFor('problem mail', async () => (await t.outbox()).find((m) => m.subject.startsWith('Åtgärd krävs') && m.text.includes(p.id)));
    expect(mail.to).toBe('sekreterare@example.se');
    expect(mail.text).toContain('Exportera protokollet som PDF på nytt');
    await localS3Client(t.s3.endpoint).send(new HeadObjectCommand({ Bucket: t.stack.bucket, Key: key }));
  });
});
