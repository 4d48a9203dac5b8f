// The bucket (drafts in, originals and sealed protocols out), its access-log
// bucket, and the single table.
//
// Object Lock for signed/: S3's *default* retention would apply to every
// object in the bucket — drafts, originals — and would keep lifecycle from
// removing old draft versions. So the bucket has Object Lock enabled with no
// default retention; the stamp function sets retention per object when it
// writes signed/… (x-amz-object-lock-mode / -retain-until-date, from
// JUSTERA_OBJECT_LOCK_MODE and JUSTERA_RETENTION_DAYS), and the bucket policy
// refuses any write to signed/ that does not carry the configured mode and at
// least that retention. A forgotten header fails loudly (the message goes to
// the dead-letter queue and alarms) instead of storing an unlocked record.
import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE } from '../../shared/adapters/dynamo/table';
import { PREFIX } from '../access';
import type { StackConfig } from '../config';

export class Storage extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly table: dynamodb.Table;
  /** Known before the bucket exists, so the parse queue's policy can name it without a dependency cycle. */
  readonly bucketName: string;
  readonly bucketArn: string;
  /** For the secretaries (or the system that uploads for them): put drafts, list drafts/, nothing else. */
  readonly uploadPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, private readonly config: StackConfig) {
    super(scope, id);
    const { removalPolicy, production } = config;

    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      // Server access logs can only be delivered to an SSE-S3 bucket.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(production ? 365 : 90) }],
      removalPolicy,
    });

    this.bucketName = `${config.prefix}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    this.bucketArn = `arn:${Aws.PARTITION}:s3:::${this.bucketName}`;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      versioned: true,
      // SSE-S3 (AES-256): presigned links and every reader work without KMS
      // grants; the protocols are public records once sealed.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // Enabled always (it cannot be switched off later); no default retention, see above.
      objectLockEnabled: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'bucket/',
      lifecycleRules: [
        // A re-uploaded draft leaves its old version behind; parse has copied what it needs to originals/.
        { id: 'expire-old-draft-versions', prefix: PREFIX.drafts, noncurrentVersionExpiration: Duration.days(90) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy,
    });

    if (config.objectLockMode !== 'none') {
      const signed = this.bucket.arnForObjects(`${PREFIX.signed}*`);
      // StringNotEquals is true when the header is absent, so this also refuses unlocked writes.
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'SignedObjectsMustBeLocked',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:PutObject'],
          resources: [signed],
          conditions: { StringNotEquals: { 's3:object-lock-mode': config.objectLockMode } },
        }),
      );
      // One day of slack: S3 counts whole days remaining, the writer adds retentionDays to "now".
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'SignedObjectsMinimumRetention',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:PutObject', 's3:PutObjectRetention'],
          resources: [signed],
          conditions: { NumericLessThan: { 's3:object-lock-remaining-retention-days': String(Math.max(config.retentionDays - 1, 1)) } },
        }),
      );
    }

    this.uploadPolicy = new iam.ManagedPolicy(this, 'UploadDraftsPolicy', {
      description: `Justera ${config.stage}: upload drafts to ${PREFIX.drafts}<body>/ and list them`,
      statements: [
        new iam.PolicyStatement({ sid: 'PutDrafts', actions: ['s3:PutObject'], resources: [`${this.bucketArn}/${PREFIX.drafts}*`] }),
        new iam.PolicyStatement({
          sid: 'ListDrafts',
          actions: ['s3:ListBucket'],
          resources: [this.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${PREFIX.drafts}*`] } },
        }),
      ],
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE.ttl,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: production,
      removalPolicy,
    });
    for (const index of TABLE.indexes)
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
  }

  /**
   * ObjectCreated under drafts/ → the parse queue, S3's own notification
   * format (the parse handler reads `Records[].s3`). No suffix filter: parse
   * checks the bytes and rejects a misnamed file with a reason instead of
   * ignoring it. Set on the bucket resource itself rather than through CDK's
   * notification custom resource (one more Lambda with a managed policy and a
   * `*` permission): the queue policy names the bucket by its known ARN, and
   * the bucket waits for that policy, as S3 checks it when saving the
   * configuration.
   */
  notifyDrafts(queue: sqs.Queue): void {
    const statement = new iam.PolicyStatement({
      sid: 'S3DraftNotifications',
      principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': this.bucketArn }, StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
    });
    const { policyDependable } = queue.addToResourcePolicy(statement);
    const cfn = this.bucket.node.defaultChild as s3.CfnBucket;
    cfn.notificationConfiguration = {
      queueConfigurations: [
        { event: 's3:ObjectCreated:*', queue: queue.queueArn, filter: { s3Key: { rules: [{ name: 'prefix', value: PREFIX.drafts }] } } },
      ],
    };
    if (policyDependable) this.bucket.node.addDependency(policyDependable);
  }
}
