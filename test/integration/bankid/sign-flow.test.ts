// Adjusting with BankID through the real local stack: the admin API keeps a
// personnummer only as its keyed hash, routing gives each signer the member's
// hash, the signing link starts a BankID order at the simulator (mutual TLS,
// real XML signatures) and the simulator's app controls play the signer. The
// wrong person is refused, a cancelled order shows BankID's message and can be
// started again, so can a timed-out one (the simulator's clock is moved, no
// test waits), both right signatures publish a sealed PDF whose BankID
// evidence is kept encrypted and checked by `justera verify --evidence`, and
// the test numbers are found nowhere but inside that ciphertext: not in the
// bucket, the table, the API, the mails or the PDF.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand as ScanItems } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, documentClient, localS3Client } from '../../../shared/adapters/clients';
import { bankIdSimControl, type SimControl } from '../../../infra/local/bankid-sim-control';
import { ORDER_LIFETIME_S } from '../../../infra/local/bankid-sim-orders';
import { localEvidenceKeys } from '../../../infra/local/bankid-personnummer-key';
import { localPaths } from '../../../infra/local/paths';
import { verifyCommand } from '../../../infra/cli/commands';
import { openEvidence, sealEvidence, type SealedEvidence } from '../../../shared/bankid/evidence';
import { fixture, mellansverige, postSign, startTestStack, type Mail, type ProtocolView, type TestStack } from '../../helpers/stack';

const CHAIR_PN = '198112189876';
const ADJUSTER_PN = '194011213222';
const STRANGER_PN = '200001012384';
const NUMBERS = [CHAIR_PN, ADJUSTER_PN, STRANGER_PN];
const BODY = 'samverkansnamnd-mellansverige';

let t: TestStack;
let app: SimControl;
let protocol: ProtocolView;
let links: Record<string, string>;

const bankIdBody = () => ({
  ...mellansverige([
    { name: 'Helena Proos', email: 'ordforande@example.se', role: 'ordförande', personnummer: CHAIR_PN },
    { name: 'Patrik Stenvard', email: 'justerare@example.se', role: 'ledamot', personnummer: `${ADJUSTER_PN.slice(0, 8)}-${ADJUSTER_PN.slice(8)}` },
  ] as never),
  signature: 'bankid' as const,
});

const tokenIn = (html: string) => /autostarttoken=([0-9a-f-]+)/.exec(html)?.[1] ?? null;

async function startOrder(link: string): Promise<{ html: string; autoStartToken: string }> {
  const started = await postSign(link, { action: 'bankid-start', consent: 'on' });
  expect(started.status).toBe(200);
  const autoStartToken = tokenIn(started.html);
  expect(autoStartToken, started.html.slice(0, 2000)).toBeTruthy();
  return { html: started.html, autoStartToken: autoStartToken! };
}

beforeAll(async () => {
  t = await startTestStack({ bankId: true });
  app = bankIdSimControl(t.stack.bankIdControlUrl!);
  await t.importBody(bankIdBody() as never);
  await t.upload(`drafts/${BODY}/bankid.pdf`, fixture('003-protokoll-draft.pdf'));
  protocol = await t.protocolOf(`drafts/${BODY}/bankid.pdf`, 'ROUTED');
  const invitations = await t.waitFor('two invitations', async () => {
    const mails = (await t.outbox()).filter((m: Mail) => m.subject.startsWith('Justering:'));
    return mails.length === 2 ? mails : null;
  });
  links = Object.fromEntries(invitations.map((m) => [m.to, m.links.find((l) => l.includes('/sign/'))!]));
});
afterAll(async () => {
  await t?.stop();
});

describe('the body directory', () => {
  it('keeps each personnummer as a keyed hash and never answers with the number', async () => {
    const stored = await t.api<{ signature: string; members: { personnummer?: string; personnummerHash?: string }[] }>(`/admin/bodies/${BODY}`, { admin: true });
    expect(stored.status).toBe(200);
    expect(stored.body.signature).toBe('bankid');
    for (const m of stored.body.members) {
      expect(m.personnummer).toBeUndefined();
      expect(m.personnummerHash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(stored.body.members.map((m) => m.personnummerHash)).size).toBe(2);
  });

  it('refuses a bankid body whose member has no personnummer, or a wrong one, without echoing it', async () => {
    const missing = { ...bankIdBody(), members: [{ name: 'Helena Proos', email: 'ordforande@example.se', role: 'ordförande' }] };
    const r1 = await t.client.putBody(missing as never);
    expect(r1.status).toBe(400);
    expect(JSON.stringify(r1.body)).toContain('members.0.personnummer');
    const wrong = { ...bankIdBody(), members: [{ name: 'Helena Proos', email: 'ordforande@example.se', role: 'ordförande', personnummer: '198112189875' }] };
    const r2 = await t.client.putBody(wrong as never);
    expect(r2.status).toBe(400);
    expect(JSON.stringify(r2.body)).toContain('check digit');
    expect(JSON.stringify(r2.body)).not.toContain('198112189875');
  });
});

describe('signing with BankID from the link', () => {
  it('offers BankID instead of the box alone, and refuses the box-only signature', async () => {
    const page = await (await fetch(links['ordforande@example.se']!)).text();
    expect(page).toContain('value="bankid-start"');
    expect(page).not.toContain('value="sign"');
    const boxOnly = await postSign(links['ordforande@example.se']!, { action: 'sign', consent: 'on' });
    expect(boxOnly.status).toBe(400);
  });

  it('starts an order with a QR code and an autostart link, and collects it once the right person signed', async () => {
    const link = links['ordforande@example.se']!;
    const { html, autoStartToken } = await startOrder(link);
    expect(html).toContain('src="data:image/svg+xml;base64,');
    expect(html).toContain('Öppna BankID på den här enheten');
    expect(html).toContain('value="bankid-collect"');
    const pending = await postSign(link, { action: 'bankid-collect' });
    expect(pending.status).toBe(200);
    expect(pending.html).toContain('Starta BankID-appen');
    await app.sign({ autoStartToken }, CHAIR_PN, 'Helena Proos');
    const done = await postSign(link, { action: 'bankid-collect' });
    expect(done.status).toBe(200);
    expect(done.html).not.toContain('value="bankid-start"');
  });

  it('refuses a signature by someone else, with a message and an event in the audit trail', async () => {
    const link = links['justerare@example.se']!;
    const { autoStartToken } = await startOrder(link);
    await app.sign({ autoStartToken }, STRANGER_PN, 'Någon Annan');
    const refused = await postSign(link, { action: 'bankid-collect' });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('en annan persons BankID');
    const audit = await t.api<{ events: { type: string; signer?: string }[] }>(`/protocols/${protocol.id}/audit`, { admin: true });
    expect(audit.body.events.filter((e) => e.type === 'bankid-refused').map((e) => e.signer)).toEqual(['Patrik Stenvard']);
    const status = await t.api<ProtocolView>(`/protocols/${protocol.id}`);
    expect(status.body.status).toBe('ROUTED');
  });

  it('shows BankID’s message for an order that timed out, and "try again" starts a new one', async () => {
    const link = links['justerare@example.se']!;
    const { autoStartToken } = await startOrder(link);
    await app.open({ autoStartToken });
    await app.advance(ORDER_LIFETIME_S + 1);
    const expired = await postSign(link, { action: 'bankid-collect' });
    expect(expired.status).toBe(200);
    expect(expired.html).toContain('BankID-appen svarar inte');
    expect(expired.html).toContain('value="bankid-start"');
    const again = await startOrder(link);
    expect(again.autoStartToken).not.toBe(autoStartToken);
    const pending = await postSign(link, { action: 'bankid-collect' });
    expect(pending.html).toContain('Starta BankID-appen');
  });

  it('shows BankID’s message for a cancelled order, and "try again" starts a new one that signs', async () => {
    const link = links['justerare@example.se']!;
    const { autoStartToken } = await startOrder(link);
    const opened = await app.open({ autoStartToken });
    await app.cancel(opened.orderRef);
    const cancelled = await postSign(link, { action: 'bankid-collect' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.html).toContain('Åtgärden avbröts');
    expect(cancelled.html).toContain('value="bankid-start"');
    const again = await startOrder(link);
    await app.sign({ autoStartToken: again.autoStartToken }, ADJUSTER_PN, 'Patrik Stenvard');
    expect((await postSign(link, { action: 'bankid-collect' })).status).toBe(200);
  });

  it('publishes a sealed PDF stamped "Justerat med BankID", with the signature hash on the audit page', async () => {
    const published = await t.protocolOf(`drafts/${BODY}/bankid.pdf`, 'PUBLISHED');
    const pdf = new Uint8Array(await (await fetch(`${t.stack.url}/protocols/${published.id}/pdf`)).arrayBuffer());
    const dir = mkdtempSync(join(tmpdir(), 'bankid-pdf-'));
    writeFileSync(join(dir, 'p.pdf'), pdf);
    const sig = execFileSync('pdfsig', [join(dir, 'p.pdf')], { encoding: 'utf8' });
    expect(sig).toContain('Signature is Valid');
    const text = execFileSync('pdftotext', [join(dir, 'p.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Justerat med BankID av Helena Proos');
    expect(text).toContain('Justerat med BankID av Patrik Stenvard');
    expect(text).toMatch(/signature SHA-256 [0-9a-f]{64}/);
  });
});

describe('the evidence', () => {
  const db = () => documentClient('eu-north-1', t.dynamo.endpoint);
  const keysDir = () => localPaths(join(t.dir, 'data')).keys;
  const roots = () => join(localPaths(join(t.dir, 'data')).bankIdSim, 'signingRoot.pem');
  let file: string;

  async function evidenceRows(): Promise<Record<string, unknown>[]> {
    const out = await db().send(new ScanItems({ TableName: 'justera', FilterExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `EVIDENCE#${protocol.id}` } }));
    return out.Items ?? [];
  }
  async function verify(): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    const code = await verifyCommand(file, { api: t.stack.url, evidence: true, 'bankid-roots': roots() }, (line) => lines.push(line));
    return { code, lines };
  }
  async function tampered(change: (row: Record<string, unknown>) => Promise<Record<string, unknown>>): Promise<{ code: number; lines: string[] }> {
    const [original] = await evidenceRows();
    await db().send(new PutCommand({ TableName: 'justera', Item: await change({ ...original! }) }));
    try {
      return await verify();
    } finally {
      await db().send(new PutCommand({ TableName: 'justera', Item: original }));
    }
  }

  beforeAll(async () => {
    const published = await t.protocolOf(`drafts/${BODY}/bankid.pdf`, 'PUBLISHED');
    const dir = mkdtempSync(join(tmpdir(), 'bankid-evidence-'));
    file = join(dir, 'signed.pdf');
    writeFileSync(file, new Uint8Array(await (await fetch(`${t.stack.url}/protocols/${published.id}/pdf`)).arrayBuffer()));
  });

  it('keeps one encrypted record per BankID signature, and verify --evidence passes with a line per signer', async () => {
    expect(await evidenceRows()).toHaveLength(2);
    const { code, lines } = await verify();
    expect(code, lines.join('\n')).toBe(0);
    expect(lines.filter((l) => /^bankid: +(Helena Proos|Patrik Stenvard), [^:]+: OK — signature SHA-256 [0-9a-f]{64} as printed/.test(l))).toHaveLength(2);
    for (const n of NUMBERS) expect(lines.join('\n')).not.toContain(n);
  });

  it('fails verify with the reason when a byte of the kept evidence changed', async () => {
    const { code, lines } = await tampered(async (row) => {
      const bytes = Buffer.from(row.ciphertext as string, 'base64');
      bytes[10]! ^= 1;
      return { ...row, ciphertext: bytes.toString('base64') };
    });
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/REJECTED — the evidence of signer .* does not decrypt/);
    expect(lines.at(-1)).toBe('verdict:   REJECTED');
  });

  it('fails verify when someone holding the key replaced the signature XML: its hash is not the one the audit page prints', async () => {
    const { code, lines } = await tampered(async (row) => {
      const keys = await localEvidenceKeys(keysDir());
      const evidence = await openEvidence(keys, row as unknown as SealedEvidence);
      const xml = Buffer.from(evidence.completionData.signature, 'base64').toString('utf8').replace('</Signature>', '<!-- --></Signature>');
      const changed = { ...evidence, completionData: { ...evidence.completionData, signature: Buffer.from(xml).toString('base64') } };
      const resealed = await sealEvidence(keys, { protocolId: row.protocolId as string, signerId: row.signerId as string }, changed, row.at as string);
      return { ...row, ...resealed, signatureSha256: row.signatureSha256 };
    });
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/REJECTED — the signature's SHA-256 [0-9a-f]{64} is not the one the sealed audit page prints/);
  });
});

describe('privacy', () => {
  it('finds the test personnummer nowhere: bucket, table, API answers, mails, PDF text', async () => {
    const found: string[] = [];
    const look = (where: string, text: string) => {
      for (const n of NUMBERS) if (text.includes(n) || text.includes(`${n.slice(0, 8)}-${n.slice(8)}`)) found.push(`${where}: ${n}`);
    };
    const s3 = localS3Client(t.s3.endpoint);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: t.stack.bucket }));
    for (const o of listed.Contents ?? []) {
      const body = await (await s3.send(new GetObjectCommand({ Bucket: t.stack.bucket, Key: o.Key! }))).Body!.transformToByteArray();
      look(`s3 ${o.Key}`, Buffer.from(body).toString('latin1'));
      if (o.Key!.endsWith('.pdf')) {
        const dir = mkdtempSync(join(tmpdir(), 'bankid-scan-'));
        writeFileSync(join(dir, 'f.pdf'), body);
        look(`text of ${o.Key}`, execFileSync('pdftotext', [join(dir, 'f.pdf'), '-'], { encoding: 'utf8' }));
      }
    }
    expect((listed.Contents ?? []).some((o) => o.Key!.startsWith('signed/'))).toBe(true);
    const db = new DynamoDBClient({ region: 'eu-north-1', endpoint: t.dynamo.endpoint, credentials: LOCAL_CREDENTIALS });
    let start: Record<string, unknown> | undefined;
    let rows = 0;
    do {
      const page = await db.send(new ScanCommand({ TableName: 'justera', ExclusiveStartKey: start as never }));
      rows += page.Items?.length ?? 0;
      look('table', JSON.stringify(page.Items));
      start = page.LastEvaluatedKey;
    } while (start);
    expect(rows).toBeGreaterThan(0);
    // The evidence is there, holding the numbers, but only as ciphertext: it opens with the key file and reads as nothing without it.
    const evidence = (await documentClient('eu-north-1', t.dynamo.endpoint).send(new ScanItems({ TableName: 'justera', FilterExpression: 'begins_with(pk, :e)', ExpressionAttributeValues: { ':e': 'EVIDENCE#' } }))).Items ?? [];
    expect(evidence).toHaveLength(2);
    const keys = await localEvidenceKeys(localPaths(join(t.dir, 'data')).keys);
    for (const row of evidence as SealedEvidence[]) {
      look('evidence ciphertext', Buffer.from(row.ciphertext, 'base64').toString('latin1'));
      expect([CHAIR_PN, ADJUSTER_PN]).toContain((await openEvidence(keys, row)).completionData.user.personalNumber);
    }
    for (const path of ['/protocols', `/protocols/${protocol.id}`, '/decisions', '/notices', `/protocols/${protocol.id}/audit`, '/admin/bodies', `/admin/bodies/${BODY}`]) {
      const answer = await t.api(path, { admin: path.includes('admin') || path.endsWith('/audit') });
      expect(answer.status, path).toBe(200);
      look(`api ${path}`, JSON.stringify(answer.body));
    }
    look('mails', JSON.stringify(await t.outbox()));
    look('stack output', t.lines.join('\n'));
    expect(found).toEqual([]);
  });
});
