// Public read API and pages.
import { publicRoutes } from '../../shared/api/public';
import { containerDeps } from '../../shared/adapters/deps';
import { httpFunction } from '../../shared/lambda/http';

export const handler = httpFunction(publicRoutes(() => containerDeps()));
