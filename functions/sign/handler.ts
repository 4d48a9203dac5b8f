// The signing link: the page and form (checkbox or BankID), the draft PDF.
import { signRoutes } from '../../shared/api/sign-routes';
import { containerDeps, type Wiring } from '../../shared/adapters/deps';
import { secretsManagerBankId } from '../../shared/adapters/bankid-secrets';
import { kmsPersonnummers } from '../../shared/adapters/bankid-kms-hasher';
import { kmsEvidenceVault } from '../../shared/adapters/bankid-kms-evidence';
import { sesMailer } from '../../shared/adapters/mailer';
import { httpFunction } from '../../shared/lambda/http';

const WIRING: Wiring = { mailer: sesMailer, personnummers: kmsPersonnummers, bankId: secretsManagerBankId, evidence: kmsEvidenceVault };

const deps = () => containerDeps(WIRING);

export const handler = httpFunction(signRoutes(deps));
