// Public read API and pages.
import { publicRoutes } from '../../shared/api/public';
import { sealRoutes } from '../../shared/api/seal-routes';
import { containerDeps } from '../../shared/adapters/deps';
import { httpFunction } from '../../shared/lambda/http';

export const handler = httpFunction([...publicRoutes(() => containerDeps()), ...sealRoutes(() => containerDeps())]);
