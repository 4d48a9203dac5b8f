// The bucket, its access-log bucket and the table, property by property.
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '../../shared/adapters/dynamo/table';
import { flat } from './iam';
import { synthesize, type Synthesized } from './synth';

let s: Synthesized;
type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
let resources: Record<string, Resource>;

beforeAll(() => {
  s = synthesize();
  resources = s.template.toJSON().Resources;
});

describe('bucket', () => {
  const bucket = () => resources[s.id(s.stack.storage.bucket)]!;

  it('is versioned, encrypted, private, with Object Lock enabled and no bucket-wide default retention', () => {
    expect(bucket().Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      ObjectLockEnabled: true,
    });
    // Default retention would lock drafts/ and originals/ too; signed/ objects get theirs when written.
    expect(bucket().Properties.ObjectLockConfiguration).toBeUndefined();
  });

  it('refuses plain HTTP and TLS below 1.2', () => {
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: s.id(s.stack.storage.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  it('logs access to the log bucket', () => {
    const logging = bucket().Properties.LoggingConfiguration as Record<string, unknown>;
    expect(flat(logging.DestinationBucketName)).toBe(`<${s.id(s.stack.storage.logBucket)}>`);
    expect(logging.LogFilePrefix).toBe('bucket/');
  });

  it('expires old versions of drafts only, and abandoned multipart uploads', () => {
    const rules = (bucket().Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    expect(rules).toContainEqual({ Id: 'expire-old-draft-versions', Prefix: 'drafts/', NoncurrentVersionExpiration: { NoncurrentDays: 90 }, Status: 'Enabled' });
    expect(rules).toContainEqual({ Id: 'abort-incomplete-uploads', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Status: 'Enabled' });
    // Nothing ever expires current objects, or anything under originals/ or signed/.
    for (const rule of rules) {
      expect(rule.ExpirationInDays).toBeUndefined();
      expect(rule.ExpirationDate).toBeUndefined();
      if (rule.NoncurrentVersionExpiration) expect(rule.Prefix).toBe('drafts/');
    }
  });

  it('outside prod it is removed with the stack (prod: see production.test.ts)', () => {
    expect(bucket().DeletionPolicy).toBe('Delete');
  });
});

describe('access-log bucket', () => {
  it('is encrypted (SSE-S3, as log delivery requires), private, TLS-only, and accepts logs from the bucket only', () => {
    const log = resources[s.id(s.stack.storage.logBucket)]!;
    expect(log.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: s.id(s.stack.storage.logBucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:PutObject',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Condition: Match.objectLike({ ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [s.id(s.stack.storage.bucket), 'Arn'] } } }),
          }),
        ]),
      },
    });
  });
});

describe('table', () => {
  const table = () => resources[s.id(s.stack.storage.table)]!;

  it('on demand, point-in-time recovery, TTL on ttl, keys from TABLE', () => {
    expect(table().Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: TABLE.ttl, Enabled: true },
      SSESpecification: { SSEEnabled: true },
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
    });
  });

  it('has exactly the GSIs of TABLE: string keys, all attributes projected', () => {
    const gsis = table().Properties.GlobalSecondaryIndexes as Record<string, unknown>[];
    expect(gsis.map((g) => g.IndexName)).toEqual(TABLE.indexes.map((i) => i.name));
    for (const index of TABLE.indexes)
      expect(gsis).toContainEqual({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
    const attributes = table().Properties.AttributeDefinitions as { AttributeName: string; AttributeType: string }[];
    const keys = [TABLE.partitionKey, TABLE.sortKey, ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
    expect(attributes.map((a) => a.AttributeName).sort()).toEqual([...keys].sort());
    expect(new Set(attributes.map((a) => a.AttributeType))).toEqual(new Set(['S']));
  });

  it('outside prod: no deletion protection (prod: see production.test.ts)', () => {
    expect(table().Properties.DeletionProtectionEnabled).toBe(false);
  });
});
