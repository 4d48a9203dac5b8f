// The whole of Justera on AWS, one stack: storage, the event bus and queues,
// the functions with least-privilege roles (infra/access.ts), the HTTP API,
// the seal key, mail, and monitoring.
import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ACCESS } from './access';
import type { StackConfig } from './config';
import { runtimeEnvironment } from './functions';
import { Api } from './constructs/api';
import { BankIdResources } from './constructs/bankid';
import { grantAccess } from './constructs/grants';
import { FUNCTION_NAMES, FunctionRoles, Functions, STAMP_FONT_DIR } from './constructs/lambdas';
import { Mail } from './constructs/mail';
import { Messaging, QUEUE_NAMES } from './constructs/messaging';
import { Monitoring } from './constructs/monitoring';
import { SealKey } from './constructs/seal';
import { Storage } from './constructs/storage';

export interface JusteraStackProps extends StackProps {
  config: StackConfig;
}

export class JusteraStack extends Stack {
  readonly config: StackConfig;
  readonly storage: Storage;
  readonly messaging: Messaging;
  readonly roles: FunctionRoles;
  readonly functions: Functions;
  readonly api: Api;
  readonly seal: SealKey;
  readonly bankId: BankIdResources;
  readonly mail: Mail;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: JusteraStackProps) {
    super(scope, id, props);
    const config = (this.config = props.config);
    Tags.of(this).add('application', 'justera');
    Tags.of(this).add('stage', config.stage);

    this.messaging = new Messaging(this, 'Messaging', config);
    this.storage = new Storage(this, 'Storage', config);
    this.storage.notifyDrafts(this.messaging.queues.parse);
    this.api = new Api(this, 'Api', config);
    this.mail = new Mail(this, 'Mail', config);
    this.roles = new FunctionRoles(this, 'Roles', config);
    this.seal = new SealKey(this, 'Seal', config, this.roles.roles.stamp);
    this.bankId = new BankIdResources(this, 'BankId', config, { admin: this.roles.roles.admin, sign: this.roles.roles.sign });

    // The runtime's variables (shared/config.ts reads them); SCOPED_VARIABLES says which functions get the scoped ones.
    const environment = this.functionVariables(config);
    this.functions = new Functions(this, 'Functions', { config, roles: this.roles, environment });

    for (const name of FUNCTION_NAMES)
      grantAccess(this.roles.roles[name], ACCESS[name], {
        config,
        table: this.storage.table,
        bucketArn: this.storage.bucketArn,
        bus: this.messaging.bus,
        mail: this.mail,
        sealKey: this.seal.key,
        queues: QUEUE_NAMES.map((q) => this.messaging.queues[q]),
      });

    this.functions.consumeQueues(this.messaging.queues, config);
    this.functions.consumeDeadLetters(this.messaging.deadLetterQueues);
    this.functions.schedule(config);
    this.api.addRoutes({ api: this.functions.functions.api, admin: this.functions.functions.admin, sign: this.functions.functions.sign, secretary: this.functions.functions.secretary, subscribe: this.functions.functions.subscribe });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      config,
      functions: this.functions.functions,
      queues: this.messaging.queues,
      deadLetterQueues: this.messaging.deadLetterQueues,
      api: this.api.api,
    });

    const output = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    output('ApiUrl', this.api.url, 'Base URL of the HTTP API (also the default public URL of links)');
    output('PublicUrl', environment.JUSTERA_PUBLIC_URL!, 'Base URL used in mailed links');
    output('BucketName', this.storage.bucket.bucketName, 'Upload drafts to s3://<bucket>/drafts/<body>/');
    output('UploadPolicyArn', this.storage.uploadPolicy.managedPolicyArn, 'Managed policy allowing uploads to drafts/ (attach to uploaders)');
    output('TableName', this.storage.table.tableName, 'DynamoDB table');
    output('SealKeyId', this.seal.key.keyId, 'KMS seal key id (issue its certificate, then deploy with -c sealCertificateFile=...)');
    output('SealKeyArn', this.seal.key.keyArn, 'KMS seal key ARN');
    output('AlarmTopicArn', this.monitoring.topic.topicArn, 'SNS topic the alarms publish to');
    output('PersonnummerKeyArn', this.bankId.personnummerKey.keyArn, 'KMS HMAC key of the personnummer hashes (admin and sign only)');
    output('EvidenceKeyArn', this.bankId.evidenceKey.keyArn, 'KMS key wrapping kept BankID evidence (sign wraps, admin unwraps)');
    output('EventBusName', this.messaging.bus.eventBusName, 'EventBridge bus of the domain events');
  }

  private functionVariables(config: StackConfig): Record<string, string> {
    return runtimeEnvironment({
      runtime: 'aws',
      stage: config.stage,
      table: this.storage.table.tableName,
      bucket: this.storage.bucket.bucketName,
      publicUrl: config.publicUrl ?? this.api.url,
      logLevel: config.logLevel,
      runtimeVariables: {
        JUSTERA_MAIL_FROM: config.mailFrom,
        JUSTERA_MAIL_TRANSPORT: 'ses',
        JUSTERA_SES_CONFIGURATION_SET: this.mail.configurationSetName,
        JUSTERA_EVENT_BUS: this.messaging.bus.eventBusName,
        JUSTERA_MAX_BYTES: String(config.maxBytes),
        JUSTERA_MAX_PAGES: String(config.maxPages),
        JUSTERA_LINK_SECONDS: String(config.linkSeconds),
        JUSTERA_SEAL_ORGANISATION: config.sealOrganisation,
        JUSTERA_TRACING: config.tracing ? '1' : '0',
        JUSTERA_OPERATOR_EMAIL: config.operatorEmail,
        POWERTOOLS_METRICS_NAMESPACE: 'Justera',
        // Set even without a certificate: sealing then fails with "JUSTERA_SEAL_CERTIFICATE is required"
        // instead of falling back to a local key the Lambda file system cannot hold.
        JUSTERA_SEAL_KEY_ID: this.seal.key.keyArn,
        JUSTERA_SEAL_CERTIFICATE: config.sealCertificate,
        JUSTERA_TSA_URL: config.tsaUrl,
        JUSTERA_FONT_DIR: STAMP_FONT_DIR,
        JUSTERA_OBJECT_LOCK_MODE: config.objectLockMode,
        JUSTERA_RETENTION_DAYS: String(config.retentionDays),
        JUSTERA_PERSONNUMMER_KEY_ID: this.bankId.personnummerKey.keyArn,
        JUSTERA_EVIDENCE_KEY_ID: this.bankId.evidenceKey.keyArn,
        JUSTERA_BANKID_URL: config.bankidUrl,
        JUSTERA_BANKID_SECRET: config.bankidSecret,
        JUSTERA_QUEUE_URLS: this.toJsonString(Object.fromEntries(QUEUE_NAMES.map((q) => [q, this.messaging.queues[q].queueUrl]))),
      },
    });
  }
}
