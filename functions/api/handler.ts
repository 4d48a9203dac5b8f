// Public read API and pages.
import { publicRoutes } from '../../shared/api/public';
import { sealRoutes } from '../../shared/api/seal-routes';
import { containerDeps, type Wiring } from '../../shared/adapters/deps';
import { configuredSealCertificates } from '../../shared/adapters/seal-certificates';
import { httpFunction } from '../../shared/lambda/http';

const WIRING: Wiring = { sealCertificates: configuredSealCertificates };

const deps = () => containerDeps(WIRING);

export const handler = httpFunction([...publicRoutes(deps), ...sealRoutes(deps)]);
