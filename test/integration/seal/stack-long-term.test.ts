// The stack with its TSA simulator: a signed protocol is sealed PAdES B-LT
// (DSS, document time stamp), and GET /protocols/{id} links the validation
// result kept at seal time, a JWS signed with the seal key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJws } from '../../../shared/seal/validation-jws';
import { verifySealedPdf } from '../../../shared/seal/verify';
import { adjustedFixture, startTestStack, type TestStack } from '../../helpers/stack';

let t: TestStack;
let id: string;

beforeAll(async () => {
  t = await startTestStack({ tsa: true });
  id = await adjustedFixture(t, 'drafts/samverkansnamnd-mellansverige/003.pdf', ['SEALED', 'PUBLISHED']);
});
afterAll(async () => {
  await t?.stop();
});

describe('a protocol sealed with the TSA simulator', () => {
  it('is PAdES B-LT under a document time stamp, and still proves its draft', async () => {
    expect(t.stack.tsa).not.toBeNull();
    const r = await t.api(`/protocols/${id}/pdf`);
    const bytes = new Uint8Array(await (await fetch(r.headers.get('location')!)).arrayBuffer());
    const result = await verifySealedPdf(bytes);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.draft?.matches).toBe(true);
    expect(result.timestamp?.valid).toBe(true);
    expect(result.longTerm).toMatchObject({ holdsSealCertificate: true, crls: 1, docTimestamp: { valid: true } });
  });

  it('links the validation result from GET /protocols/{id}, signed with the seal certificate the stack publishes', async () => {
    const p = (await t.api<{ validation: string | null; signedSha256: string }>(`/protocols/${id}`)).body;
    expect(p.validation).toBe(`${t.stack.url}/protocols/${id}/validation`);
    const answer = await fetch(p.validation!);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/jose+json');
    const { payload, certificate } = openJws(await answer.text());
    const published = (await t.api<{ certificates: { sha256: string }[] }>('/seal-certificates')).body.certificates.map((c) => c.sha256);
    const { fingerprint } = await import('../../../shared/seal/published');
    expect(published).toContain(fingerprint(certificate));
    expect(payload).toMatchObject({ protocolId: id, level: 'PAdES B-LTA', result: 'valid', file: { sha256: p.signedSha256 } });
  });

  it('answers 404 for an unknown protocol', async () => {
    expect((await fetch(`${t.stack.url}/protocols/00000000-0000-4000-8000-000000000000/validation`)).status).toBe(404);
  });
});
