// ProtocolSealed → decisions final in the index, notice with appeal deadline,
// receipts with the sealed PDF to the signers and the secretary.
import { protocolIdOf } from '../../shared/domain/events';
import { publishProtocol } from '../../shared/flow/publish';
import { queueConsumer } from '../../shared/lambda/queue';
import { sesMailer } from '../../shared/adapters/mailer';

export const handler = queueConsumer('publish', (deps, record) => publishProtocol(deps, protocolIdOf(record.body)), { mailer: sesMailer });
