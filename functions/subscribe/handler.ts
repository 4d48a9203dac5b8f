// E-mail subscriptions to a body's notices: the form, confirmation and unsubscribe links.
import { subscribeRoutes } from '../../shared/api/subscribe-routes';
import { containerDeps } from '../../shared/adapters/deps';
import { sesMailer } from '../../shared/adapters/mailer';
import { httpFunction } from '../../shared/lambda/http';

export const handler = httpFunction(subscribeRoutes(() => containerDeps({ mailer: sesMailer })));
