// Personal signing links: page, form post, the draft PDF.
import { signRoutes } from '../../shared/api/sign-routes';
import { containerDeps, type Wiring } from '../../shared/adapters/deps';
import { nodemailerMailer } from '../../shared/adapters/mailer';
import { httpFunction } from '../../shared/lambda/http';

const WIRING: Wiring = { mailer: nodemailerMailer };

export const handler = httpFunction(signRoutes(() => containerDeps(WIRING)));
