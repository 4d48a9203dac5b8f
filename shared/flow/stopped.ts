// Telling the secretary why parsing stopped. Parse publishes ProtocolStopped
// instead of mailing, so that the function reading untrusted PDFs holds no
// permission to send mail; the route function, which mails anyway, does it.
import type { Deps } from '../ports';
import { reportProblem } from './notify';

export async function reportStopped(deps: Deps, id: string): Promise<void> {
  const p = await deps.store.protocols.get(id);
  if (!p?.reason || !['REJECTED', 'NEEDS_ATTENTION'].includes(p.status)) return;
  await reportProblem(deps, p, p.reason, fixFor(p.reason.code));
}

export function fixFor(code: string): string[] {
  switch (code) {
    case 'NO_TEXT':
      return ['Exportera protokollet som PDF direkt från Word eller ditt mötessystem (inte inskannat) och ladda upp det igen.'];
    case 'ENCRYPTED':
      return ['Spara en PDF utan lösenord eller behörighetsbegränsningar och ladda upp den igen.'];
    case 'NOT_PDF':
    case 'EMPTY':
      return ['Spara protokollet som PDF och ladda upp PDF-filen.'];
    case 'NO_ITEMS':
      return ['Kontrollera att paragraferna är numrerade (§ 1, § 2 … eller 1., 2. …) och ladda upp igen.'];
    case 'BAD_FOLDER':
      return ['Ladda upp filen på nytt under drafts/<organ>/.'];
    case 'TOO_LARGE':
    case 'TOO_MANY_PAGES':
      return ['Dela upp protokollet eller ta bort bilagor, och ladda upp igen.'];
    case 'TOO_COMPLEX':
      return ['Exportera protokollet som PDF på nytt från ordbehandlaren (Arkiv → Spara som PDF), eller dela upp det, och ladda upp igen.'];
    case 'ALREADY_ADJUSTED':
      return ['Ett justerat protokoll ändras inte. Behövs en rättelse, ta upp den vid nästa sammanträde.'];
    case 'FILE_GONE':
      return ['Ladda upp filen igen.'];
    default:
      return ['Öppna filen och spara den som PDF på nytt, och ladda upp den igen.'];
  }
}
