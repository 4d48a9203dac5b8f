// ProtocolSealed → decisions final in the index, notice with appeal deadline.
import { protocolIdOf } from '../../shared/domain/events';
import { publishProtocol } from '../../shared/flow/publish';
import { queueConsumer } from '../../shared/lambda/queue';

export const handler = queueConsumer('publish', (deps, record) => publishProtocol(deps, protocolIdOf(record.body)));
