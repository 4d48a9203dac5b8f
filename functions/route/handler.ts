// ProtocolParsed → signer tasks and personal links. ProtocolStopped → the
// secretary is told why parsing stopped (the parse function sends no mail).
import { eventTypeOf, protocolIdOf } from '../../shared/domain/events';
import { routeProtocol } from '../../shared/flow/route';
import { reportStopped } from '../../shared/flow/stopped';
import { queueConsumer } from '../../shared/lambda/queue';
import { sesMailer } from '../../shared/adapters/mailer';

export const handler = queueConsumer('route', (deps, record) =>
  eventTypeOf(record.body) === 'ProtocolStopped' ? reportStopped(deps, protocolIdOf(record.body)) : routeProtocol(deps, protocolIdOf(record.body)),
  { mailer: sesMailer },
);
