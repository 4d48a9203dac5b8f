// Personal links: the signing page and form, the secretary's page and form, the draft PDF.
import { secretaryRoutes } from '../../shared/api/secretary-routes';
import { signRoutes } from '../../shared/api/sign-routes';
import { containerDeps, type Wiring } from '../../shared/adapters/deps';
import { secretsManagerBankId } from '../../shared/adapters/bankid-secrets';
import { kmsPersonnummers } from '../../shared/adapters/bankid-kms-hasher';
import { kmsEvidenceVault } from '../../shared/adapters/bankid-kms-evidence';
import { sesMailer } from '../../shared/adapters/mailer';
import { httpFunction } from '../../shared/lambda/http';

const WIRING: Wiring = { mailer: sesMailer, personnummers: kmsPersonnummers, bankId: secretsManagerBankId, evidence: kmsEvidenceVault };

const deps = () => containerDeps(WIRING);

export const handler = httpFunction([...signRoutes(deps), ...secretaryRoutes(deps)]);
