// ProtocolParsed → signer tasks and personal links.
import { protocolIdOf } from '../../shared/domain/events';
import { routeProtocol } from '../../shared/flow/route';
import { queueConsumer } from '../../shared/lambda/queue';

export const handler = queueConsumer('route', (deps, record) => routeProtocol(deps, protocolIdOf(record.body)));
