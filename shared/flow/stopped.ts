// Telling the secretary why parsing stopped. Parse publishes ProtocolStopped
// instead of mailing, so that the function reading untrusted PDFs holds no
// permission to send mail; the route function, which mails anyway, does it.
import { storedFix } from '../domain/reasons';
import type { Deps } from '../ports';
import { reportProblem } from './notify';

export async function reportStopped(deps: Deps, id: string): Promise<void> {
  const p = await deps.store.protocols.get(id);
  if (!p?.reason || !['REJECTED', 'NEEDS_ATTENTION'].includes(p.status)) return;
  await reportProblem(deps, p, p.reason, storedFix(p.reason.code));
}
