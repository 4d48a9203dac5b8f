// The composition root on one machine: dynalite and s3rver through the same
// SDK adapters as on AWS, and the local-only adapters — folder queues for the
// bus and re-drive, the mail outbox (or SMTP), the seal key in the data
// folder. The stack registers it in its own process and each function
// sandbox registers it before loading its handler (function-worker.ts).
import { documentClient, localS3Client } from '../../shared/adapters/clients';
import { useCompositionRoot } from '../../shared/adapters/deps';
import { dynamoStore } from '../../shared/adapters/dynamo';
import { s3Files } from '../../shared/adapters/s3-files';
import { NO_BANKID, NO_EVIDENCE_KEY, NO_MAIL, NO_PERSONNUMMER_KEY, NO_REQUEUE, NO_SEAL_CERTIFICATES, onFirstUse, once, type CompositionRoot } from '../../shared/adapters/wiring';
import { isLocalConfig, loadConfig, type LocalConfig } from '../../shared/config';
import { log, metric } from '../../shared/observability';
import { systemClock, type Requeue } from '../../shared/ports';
import { FileQueue, fileQueueBus } from './file-queue';
import { localBankId } from './bankid';
import { localEvidenceKeys, localPersonnummerHasher } from './bankid-personnummer-key';
import { evidenceVault } from '../../shared/bankid/evidence';
import { evidenceRecords } from '../../shared/adapters/dynamo/evidence';
import { localMailer } from './mail';
import { localPaths } from './paths';
import { localSealCertificates, localSealSigner } from './seal';

function folderRequeue(queuesDir: string): Requeue {
  return async (queue, body) => {
    await new FileQueue(queuesDir, queue).send(body);
  };
}

export function localRuntime(config: LocalConfig): CompositionRoot {
  const paths = localPaths(config.JUSTERA_DATA_DIR);
  const s3 = localS3Client(config.JUSTERA_S3_ENDPOINT, config.AWS_REGION);
  // Links handed to a browser may name the server differently (JUSTERA_S3_PUBLIC_ENDPOINT).
  const presigner = config.JUSTERA_S3_PUBLIC_ENDPOINT ? localS3Client(config.JUSTERA_S3_PUBLIC_ENDPOINT, config.AWS_REGION) : s3;
  return {
    config,
    deps: (wiring) => ({
      config,
      store: dynamoStore(documentClient(config.AWS_REGION, config.JUSTERA_DYNAMODB_ENDPOINT), config.JUSTERA_TABLE),
      files: s3Files(s3, config.JUSTERA_BUCKET, presigner),
      events: fileQueueBus(paths.queues),
      mailer: wiring.mailer ? localMailer(config, paths.outbox) : NO_MAIL,
      clock: systemClock,
      sealSigner: onFirstUse(wiring.sealSigner && (() => localSealSigner(paths.seal, config.JUSTERA_SEAL_ORGANISATION))),
      sealCertificates: wiring.sealCertificates ? () => localSealCertificates(paths.seal) : NO_SEAL_CERTIFICATES,
      requeue: wiring.requeue ? folderRequeue(paths.queues) : NO_REQUEUE,
      personnummers: wiring.personnummers ? once(() => localPersonnummerHasher(paths.keys)) : NO_PERSONNUMMER_KEY,
      bankId: wiring.bankId ? once(() => localBankId(config)) : NO_BANKID,
      evidence: wiring.evidence
        ? once(async () => evidenceVault(await localEvidenceKeys(paths.keys), evidenceRecords(documentClient(config.AWS_REGION, config.JUSTERA_DYNAMODB_ENDPOINT), config.JUSTERA_TABLE)))
        : NO_EVIDENCE_KEY,
      log,
      metric,
    }),
  };
}

/** Reads the validated configuration and registers the local root for every handler of this process. */
export function registerLocalRuntime(): LocalConfig {
  const config = loadConfig();
  if (!isLocalConfig(config)) throw new Error(`the local runtime needs JUSTERA_RUNTIME=local (got ${config.JUSTERA_RUNTIME})`);
  useCompositionRoot(localRuntime(config));
  return config;
}
