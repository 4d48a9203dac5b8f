// The composition root on AWS: DynamoDB, S3, EventBridge, and — for the
// functions whose wiring names them — SES, the KMS seal key and SQS.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { evidenceVault } from '../bankid/evidence';
import type { AwsConfig } from '../config';
import { log, metric } from '../observability';
import { systemClock } from '../ports';
import { documentClient, s3Client } from './clients';
import { dynamoStore } from './dynamo';
import { evidenceRecords } from './dynamo/evidence';
import { eventBridgeBus } from './events';
import { s3Files } from './s3-files';
import { configuredSealCertificates } from './seal-certificates';
import { NO_BANKID, NO_EVIDENCE_KEY, NO_MAIL, NO_PERSONNUMMER_KEY, NO_REQUEUE, onFirstUse, once, type CompositionRoot } from './wiring';

export function awsRuntime(config: AwsConfig): CompositionRoot {
  return {
    config,
    deps: (wiring) => ({
      config,
      store: dynamoStore(documentClient(config.AWS_REGION), config.JUSTERA_TABLE),
      files: s3Files(s3Client(config.AWS_REGION), config.JUSTERA_BUCKET),
      events: eventBridgeBus(new EventBridgeClient({ region: config.AWS_REGION }), config.JUSTERA_EVENT_BUS),
      mailer: wiring.mailer ? wiring.mailer(config) : NO_MAIL,
      clock: systemClock,
      sealSigner: onFirstUse(wiring.sealSigner && (() => wiring.sealSigner!(config))),
      sealCertificates: () => Promise.resolve(configuredSealCertificates(config)),
      requeue: wiring.requeue ? wiring.requeue(config) : NO_REQUEUE,
      personnummers: wiring.personnummers ? once(() => Promise.resolve(wiring.personnummers!(config))) : NO_PERSONNUMMER_KEY,
      bankId: wiring.bankId ? once(() => wiring.bankId!(config)) : NO_BANKID,
      evidence: wiring.evidence
        ? once(() => Promise.resolve(evidenceVault(wiring.evidence!(config), evidenceRecords(documentClient(config.AWS_REGION), config.JUSTERA_TABLE))))
        : NO_EVIDENCE_KEY,
      log,
      metric,
    }),
  };
}
