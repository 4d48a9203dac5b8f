// ProtocolAdjusted → stamped, sealed PDF under signed/. The only function that
// can use the seal key (a KMS key on AWS; the local runtime swaps in its key file).
import { protocolIdOf } from '../../shared/domain/events';
import { sealProtocol } from '../../shared/flow/stamp';
import { queueConsumer } from '../../shared/lambda/queue';
import { kmsSealSignerFor } from '../../shared/adapters/seal-signer';

export const handler = queueConsumer('stamp', (deps, record) => sealProtocol(deps, protocolIdOf(record.body)), { sealSigner: kmsSealSignerFor });
