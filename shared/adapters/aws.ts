// The composition root on AWS: DynamoDB, S3, EventBridge, and — for the
// functions whose wiring names them — SES, the KMS seal key, SQS, BankID, its
// evidence and the published seal certificates. Nothing here imports an
// adapter a function may lack: each comes in through its Wiring, so a bundle
// carries only what its function uses.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { AwsConfig } from '../config';
import { log, metric } from '../observability';
import { systemClock } from '../ports';
import { documentClient, s3Client } from './clients';
import { dynamoStore } from './dynamo';
import { eventBridgeBus } from './events';
import { s3Files } from './s3-files';
import { NO_BANKID, NO_EVIDENCE_KEY, NO_MAIL, NO_PERSONNUMMER_KEY, NO_REQUEUE, NO_SEAL_CERTIFICATES, onFirstUse, once, type CompositionRoot } from './wiring';

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
      sealCertificates: wiring.sealCertificates ? () => Promise.resolve(wiring.sealCertificates!(config)) : NO_SEAL_CERTIFICATES,
      requeue: wiring.requeue ? wiring.requeue(config) : NO_REQUEUE,
      personnummers: wiring.personnummers ? once(() => Promise.resolve(wiring.personnummers!(config))) : NO_PERSONNUMMER_KEY,
      bankId: wiring.bankId ? once(() => wiring.bankId!(config)) : NO_BANKID,
      evidence: wiring.evidence ? once(() => Promise.resolve(wiring.evidence!(config))) : NO_EVIDENCE_KEY,
      log,
      metric,
    }),
  };
}
