// The secretary's personal link: the page, corrections, sending for adjustment, the draft PDF,
// the body's protocols. Wired without BankID: its role holds no RP secret and no personnummer key.
import { secretaryRoutes } from '../../shared/api/secretary-routes';
import { containerDeps } from '../../shared/adapters/deps';
import { sesMailer } from '../../shared/adapters/mailer';
import { httpFunction } from '../../shared/lambda/http';

export const handler = httpFunction(secretaryRoutes(() => containerDeps({ mailer: sesMailer })));
