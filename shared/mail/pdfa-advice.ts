// Archives keep adjusted minutes for ever and ask for PDF/A. The record stays
// PDF/A when the draft is (shared/stamp/pdfa.ts) but is never made PDF/A
// afterwards: that takes the author's program. So the secretary is told, once,
// in the mail that says the minutes were read, how to export the next draft.
import type { ProtocolRecord } from '../domain/records';
import type { Block } from './compose';

/** The advice blocks when the draft was read and is not PDF/A; nothing when it is, or when that was not recorded. */
export function pdfaAdvice(p: Pick<ProtocolRecord, 'pdfa'>): Block[] {
  if (p.pdfa !== null) return [];
  return [
    { kind: 'p', text: 'Utkastet är inte PDF/A, arkivformatet. Det justerade protokollet blir därför inte heller PDF/A. Exportera gärna nästa utkast som PDF/A:' },
    {
      kind: 'list',
      items: [
        'Word: Arkiv → Spara som → PDF → Alternativ → kryssa i ”PDF/A-kompatibel”.',
        'LibreOffice: Arkiv → Exportera som → Exportera som PDF → kryssa i ”Arkiv (PDF/A, ISO 19005)”.',
      ],
    },
  ];
}

/** The same advice in one English sentence, for the mail's English part. */
export function pdfaAdviceEnglish(p: Pick<ProtocolRecord, 'pdfa'>): string {
  if (p.pdfa !== null) return '';
  return ' The draft is not PDF/A, so the adjusted record will not be either: export the next draft as PDF/A (Word: Save As → PDF → Options → "PDF/A compliant"; LibreOffice: Export as PDF → "Archive (PDF/A, ISO 19005)").';
}
