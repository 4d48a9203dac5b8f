// Admin API: body directories, routing again, dead letters, audit trail.
import { adminRoutes } from '../../shared/api/admin';
import { containerDeps, type Wiring } from '../../shared/adapters/deps';
import { kmsPersonnummers } from '../../shared/adapters/bankid-kms-hasher';
import { kmsEvidenceVault } from '../../shared/adapters/bankid-kms-evidence';
import { sesMailer } from '../../shared/adapters/mailer';
import { sqsRequeue } from '../../shared/adapters/requeue';
import { httpFunction } from '../../shared/lambda/http';

const WIRING: Wiring = { mailer: sesMailer, requeue: sqsRequeue, personnummers: kmsPersonnummers, evidence: kmsEvidenceVault };

export const handler = httpFunction(adminRoutes(() => containerDeps(WIRING)));
