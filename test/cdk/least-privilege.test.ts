// Least privilege, proven on the synthesized template: what each function's
// role can and cannot do, evaluated statement by statement (test/cdk/iam.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, PREFIX, type Prefix } from '../../infra/access';
import { FUNCTION_NAMES } from '../../infra/constructs/lambdas';
import type { FunctionName } from '../../infra/functions';
import { allowedActions, allows, flat, list, roleStatements, type Statement } from './iam';
import { synthesize, type Synthesized } from './synth';

let s: Synthesized;
let resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
const statements = {} as Record<FunctionName, Statement[]>;

const BUCKET = 'arn:<AWS::Partition>:s3:::justera-dev-<AWS::AccountId>-<AWS::Region>';
const object = (prefix: Prefix) => `${BUCKET}/${PREFIX[prefix]}body/2025-02-14-abc.pdf`;
const PREFIXES = Object.keys(PREFIX) as Prefix[];

beforeAll(() => {
  s = synthesize();
  resources = s.template.toJSON().Resources;
  for (const name of FUNCTION_NAMES) statements[name] = roleStatements(s.template, s.id(s.stack.roles.roles[name]));
});

const table = () => `<${s.id(s.stack.storage.table)}.Arn>`;
const sealKey = () => `<${s.id(s.stack.seal.key)}.Arn>`;
const bus = () => `<${s.id(s.stack.messaging.bus)}.Arn>`;
const canMail = (st: Statement[]) => ['ses:SendEmail', 'ses:SendRawEmail'].some((a) => st.some((x) => x.Effect === 'Allow' && list(x.Action).includes(a)));

/** Every role and managed policy in the template, with its statements. */
function allIdentities(): { name: string; statements: Statement[] }[] {
  const out: { name: string; statements: Statement[] }[] = [];
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type === 'AWS::IAM::Role') out.push({ name: id, statements: roleStatements(s.template, id) });
    if (r.Type === 'AWS::IAM::ManagedPolicy')
      out.push({ name: id, statements: list((r.Properties.PolicyDocument as { Statement: Statement[] }).Statement) });
  }
  return out;
}

describe('each function can do exactly what infra/access.ts says', () => {
  it.each(FUNCTION_NAMES)('%s', (name) => {
    const st = statements[name];
    const access = ACCESS[name];
    expect(allows(st, 'dynamodb:GetItem', table()), 'table read').toBe(true);
    expect(allows(st, 'dynamodb:Query', `${table()}/index/gsi1`), 'index query').toBe(true);
    expect(allows(st, 'dynamodb:PutItem', table()), 'table write').toBe(access.table === 'write');
    expect(allows(st, 'dynamodb:UpdateItem', table()), 'table update').toBe(access.table === 'write');
    expect(allows(st, 'dynamodb:Scan', table()), 'scan').toBe(false);
    expect(allows(st, 'dynamodb:Scan', `${table()}/index/gsi1`), 'scan index').toBe(false);
    for (const prefix of PREFIXES) {
      expect(allows(st, 's3:GetObject', object(prefix)), `read ${prefix}`).toBe(access.read?.includes(prefix) ?? false);
      expect(allows(st, 's3:PutObject', object(prefix)), `write ${prefix}`).toBe(access.write?.includes(prefix) ?? false);
    }
    expect(allows(st, 's3:GetObjectVersion', object('drafts')), 'read versions').toBe(access.readVersions ?? false);
    expect(allows(st, 's3:ListBucket', BUCKET), 'list').toBe(access.list ?? false);
    expect(canMail(st), 'mail').toBe(access.mail ?? false);
    // The mailer sends Simple content; raw MIME sending is not granted to anyone.
    expect(st.some((x) => list(x.Action).includes('ses:SendRawEmail')), 'raw mail').toBe(false);
    expect(allows(st, 'events:PutEvents', bus()), 'publish').toBe(access.publish ?? false);
    expect(allows(st, 'kms:Sign', sealKey()), 'seal').toBe(access.seal ?? false);
    expect(allows(st, 'sqs:SendMessage', `<${s.id(s.stack.messaging.queues.route)}.Arn>`), 'requeue').toBe(access.requeue ?? false);
  });
});

describe('the claims a reviewer checks first', () => {
  it('parse cannot use the seal key, write signed/ or drafts/, or send mail', () => {
    const st = statements.parse;
    expect(allows(st, 'kms:Sign', sealKey())).toBe(false);
    expect(allows(st, 'kms:GetPublicKey', sealKey())).toBe(false);
    expect(allowedActions(st).filter((a) => a.startsWith('kms:'))).toEqual([]);
    expect(allows(st, 's3:PutObject', object('signed'))).toBe(false);
    // Writing under the watched prefix would trigger parse again: a loop.
    expect(allows(st, 's3:PutObject', object('drafts'))).toBe(false);
    // The function that reads untrusted PDFs cannot send mail: route tells the secretary (ProtocolStopped).
    expect(canMail(st)).toBe(false);
  });

  it('the api and stamp functions cannot send mail, and api cannot publish events', () => {
    expect(canMail(statements.api)).toBe(false);
    // The role holding the seal key mails nothing: publish sends the receipts.
    expect(canMail(statements.stamp)).toBe(false);
    expect(allows(statements.api, 'events:PutEvents', bus())).toBe(false);
  });

  it('the api role can write nothing: its only actions read', () => {
    const actions = allowedActions(statements.api).filter((a) => !a.startsWith('logs:'));
    expect(actions).toEqual(['dynamodb:GetItem', 'dynamodb:Query', 's3:GetObject']);
    expect(allows(statements.api, 's3:GetObject', object('originals'))).toBe(false);
  });

  it('only the stamp role can sign with KMS or write signed/ — across every role in the template', () => {
    for (const { name, statements: st } of allIdentities()) {
      const isStamp = name === s.id(s.stack.roles.roles.stamp);
      expect(allows(st, 'kms:Sign', sealKey()), `${name} kms:Sign`).toBe(isStamp);
      expect(allows(st, 's3:PutObject', object('signed')), `${name} writes signed/`).toBe(isStamp);
    }
  });

  it('the seal key policy lets only the stamp role sign; the account administers it but cannot sign or lend it', () => {
    const policy = resources[s.id(s.stack.seal.key)]!.Properties.KeyPolicy as { Statement: (Statement & { Principal: unknown })[] };
    const signers = policy.Statement.filter((x) => x.Effect === 'Allow' && list(x.Action).some((a) => a === 'kms:Sign' || a === 'kms:*'));
    expect(signers.map((x) => flat((x.Principal as { AWS: unknown }).AWS))).toEqual([`<${s.id(s.stack.roles.roles.stamp)}.Arn>`]);
    const root = policy.Statement.find((x) => flat((x.Principal as { AWS?: unknown }).AWS ?? '').endsWith(':root'))!;
    expect(list(root.Action)).not.toContain('kms:Sign');
    expect(list(root.Action)).not.toContain('kms:CreateGrant');
    expect(list(root.Action).some((a) => a.includes('*'))).toBe(false);
    expect(resources[s.id(s.stack.seal.key)]!.Properties).toMatchObject({ KeySpec: 'RSA_3072', KeyUsage: 'SIGN_VERIFY' });
  });

  it('with sealCertificateIssuer set, that principal may also sign — and only while it is set', () => {
    const issuer = 'arn:aws:iam::111122223333:role/Operators';
    const withIssuer = synthesize({ sealCertificateIssuer: issuer });
    const keyOf = (x: Synthesized) =>
      (x.template.toJSON().Resources as Record<string, { Properties: { KeyPolicy: { Statement: (Statement & { Sid?: string; Principal: { AWS: unknown } })[] } } }>)[x.id(x.stack.seal.key)]!;
    const signersOf = (x: Synthesized) =>
      keyOf(x)
        .Properties.KeyPolicy.Statement.filter((st) => st.Effect === 'Allow' && list(st.Action).includes('kms:Sign'))
        .map((st) => ({ sid: st.Sid, principal: flat(st.Principal.AWS), actions: list(st.Action).sort() }));
    expect(signersOf(withIssuer)).toEqual([
      { sid: 'StampFunctionSeals', principal: `<${withIssuer.id(withIssuer.stack.roles.roles.stamp)}.Arn>`, actions: ['kms:GetPublicKey', 'kms:Sign'] },
      { sid: 'CertificateIssuerSigns', principal: issuer, actions: ['kms:GetPublicKey', 'kms:Sign'] },
    ]);
    expect(signersOf(s).map((x) => x.sid)).toEqual(['StampFunctionSeals']);
    expect(() => synthesize({ sealCertificateIssuer: 'Operators' })).toThrow(/sealCertificateIssuer: must be the ARN of an IAM role or user/);
  });

  it('no identity policy has a wildcard action (no "*", "s3:*", "dynamodb:*")', () => {
    for (const { name, statements: st } of allIdentities())
      for (const action of allowedActions(st)) expect(action, `${name}: ${action}`).not.toContain('*');
  });

  it('no function role has Resource "*" (X-Ray, when switched on, is checked in production.test.ts)', () => {
    for (const name of FUNCTION_NAMES) for (const x of statements[name]) expect(list(x.Resource).map(flat), name).not.toContain('*');
  });

  it('nobody can delete objects, change the bucket or bypass Object Lock', () => {
    const forbidden = ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention', 's3:PutBucketPolicy', 's3:PutLifecycleConfiguration', 's3:PutObjectLegalHold'];
    for (const { name, statements: st } of allIdentities())
      for (const action of forbidden)
        for (const prefix of PREFIXES) expect(allows(st, action, object(prefix)) || allows(st, action, BUCKET), `${name} ${action}`).toBe(false);
  });

  it('the bucket policy refuses writes to signed/ without the configured Object Lock mode and retention', () => {
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::S3::BucketPolicy' && flat(r.Properties.Bucket) === `<${s.id(s.stack.storage.bucket)}>`)!;
    const st = list((policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    const signed = `<${s.id(s.stack.storage.bucket)}.Arn>/signed/*`;
    const mode = st.find((x) => x.Effect === 'Deny' && list(x.Resource).map(flat).includes(signed) && x.Condition?.StringNotEquals);
    expect(mode?.Condition).toEqual({ StringNotEquals: { 's3:object-lock-mode': 'GOVERNANCE' } });
    expect(list(mode?.Action)).toEqual(['s3:PutObject']);
    const days = st.find((x) => x.Effect === 'Deny' && x.Condition?.NumericLessThan && list(x.Resource).map(flat).includes(signed));
    expect(days?.Condition).toEqual({ NumericLessThan: { 's3:object-lock-remaining-retention-days': '3649' } });
    // The stamp role may set retention on what it writes, on signed/ only.
    expect(allows(statements.stamp, 's3:PutObjectRetention', object('signed'))).toBe(true);
    expect(allows(statements.stamp, 's3:PutObjectRetention', object('originals'))).toBe(false);
  });

  it('the uploaders\' policy puts drafts and lists drafts/, nothing else', () => {
    const doc = resources[s.id(s.stack.storage.uploadPolicy)]!.Properties.PolicyDocument as { Statement: Statement[] };
    expect(allowedActions(doc.Statement)).toEqual(['s3:ListBucket', 's3:PutObject']);
    expect(allows(doc.Statement, 's3:PutObject', object('drafts'))).toBe(true);
    expect(allows(doc.Statement, 's3:PutObject', object('signed'))).toBe(false);
    expect(allows(doc.Statement, 's3:PutObject', object('originals'))).toBe(false);
    expect(doc.Statement.find((x) => list(x.Action).includes('s3:ListBucket'))?.Condition).toEqual({ StringLike: { 's3:prefix': ['drafts/*'] } });
  });
});
