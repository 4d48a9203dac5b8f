// Admin API: body directories, routing again, dead letters, audit trail.
import { adminRoutes } from '../../shared/api/admin';
import { containerDeps, type Wiring } from '../../shared/adapters/deps';
import { nodemailerMailer } from '../../shared/adapters/mailer';
import { httpFunction } from '../../shared/lambda/http';

const WIRING: Wiring = { mailer: nodemailerMailer };

export const handler = httpFunction(adminRoutes(() => containerDeps(WIRING)));
