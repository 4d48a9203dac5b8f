// ProtocolAdjusted → stamped, sealed PDF under signed/. The only function that
// can use the seal key: a KMS key on AWS, a local key file on one machine.
import { protocolIdOf } from '../../shared/domain/events';
import { sealProtocol } from '../../shared/flow/seal';
import { queueConsumer } from '../../shared/lambda/queue';
import { sealSignerFor } from '../../shared/adapters/seal-signer';
import { nodemailerMailer } from '../../shared/adapters/mailer';

export const handler = queueConsumer('stamp', (deps, record) => sealProtocol(deps, protocolIdOf(record.body)), { sealSigner: sealSignerFor, mailer: nodemailerMailer });
