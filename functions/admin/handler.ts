// Admin API: body directories, routing again, dead letters, audit trail.
import { adminRoutes } from '../../shared/api/admin';
import { containerDeps } from '../../shared/adapters/deps';
import { httpFunction } from '../../shared/lambda/http';

export const handler = httpFunction(adminRoutes(() => containerDeps()));
