// Personal signing links: page, form post, the draft PDF.
import { signRoutes } from '../../shared/api/sign-routes';
import { containerDeps } from '../../shared/adapters/deps';
import { httpFunction } from '../../shared/lambda/http';

export const handler = httpFunction(signRoutes(() => containerDeps()));
