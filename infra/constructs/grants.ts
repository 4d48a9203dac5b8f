// ACCESS (infra/access.ts) as IAM statements on a function's role: explicit
// actions on named resources only. The CDK grant helpers are avoided on
// purpose: they add action wildcards (s3:GetObject*, s3:List*, s3:Abort*, ...)
// and bucket-wide rights that the table does not allow.
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { TABLE } from '../../shared/adapters/dynamo/table';
import { PREFIX, type Access } from '../access';
import type { StackConfig } from '../config';
import type { Mail } from './mail';
import { SEAL_ACTIONS } from './seal';

export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'];
export const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

export interface GrantTargets {
  config: StackConfig;
  table: dynamodb.ITable;
  bucketArn: string;
  bus: events.IEventBus;
  mail: Mail;
  sealKey: kms.IKey;
  queues: sqs.IQueue[];
}

export function grantAccess(role: iam.IRole, access: Access, t: GrantTargets): void {
  const allow = (sid: string, actions: string[], resources: string[], conditions?: Record<string, unknown>) =>
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid, actions, resources, ...(conditions ? { conditions } : {}) }));
  const objects = (prefixes: (keyof typeof PREFIX)[]) => prefixes.map((p) => `${t.bucketArn}/${PREFIX[p]}*`);

  // Records are keyed and indexed; the indexes (named, no wildcard) are queried, never scanned.
  const tableResources = [t.table.tableArn, ...TABLE.indexes.map((i) => `${t.table.tableArn}/index/${i.name}`)];
  allow('TableRead', TABLE_READ_ACTIONS, tableResources);
  if (access.table === 'write') allow('TableWrite', TABLE_WRITE_ACTIONS, [t.table.tableArn]);

  if (access.read?.length) allow('ReadObjects', ['s3:GetObject', ...(access.readVersions ? ['s3:GetObjectVersion'] : [])], objects(access.read));
  if (access.write?.length) {
    allow('WriteObjects', ['s3:PutObject'], objects(access.write));
    // Retention is set on each sealed object as it is written (see constructs/storage.ts).
    if (access.write.includes('signed') && t.config.objectLockMode !== 'none') allow('LockSignedObjects', ['s3:PutObjectRetention'], objects(['signed']));
  }
  if (access.list) allow('ListKeys', ['s3:ListBucket'], [t.bucketArn]);

  if (access.mail) t.mail.grantSend(role);
  if (access.publish) allow('PublishEvents', ['events:PutEvents'], [t.bus.eventBusArn]);
  if (access.seal) allow('Seal', SEAL_ACTIONS, [t.sealKey.keyArn]);
  if (access.requeue) allow('Redrive', ['sqs:SendMessage'], t.queues.map((q) => q.queueArn));
}
