// Every mail Justera sends, in Swedish with an English line.
import { formatStockholm } from '../domain/stockholm';
import type { BodyDirectory, ProtocolRecord, Reason, SignerRecord } from '../domain/records';
import type { MailMessage } from '../ports';
import { compose } from './compose';

const ROLE_EN: Record<string, string> = { ordförande: 'chair', justerare: 'adjuster', sekreterare: 'secretary' };

export function meetingLabel(p: Pick<ProtocolRecord, 'bodyName' | 'body' | 'date'>): string {
  return `${p.bodyName ?? p.body} ${p.date ?? '(datum saknas)'}`;
}

export function invitation(input: {
  protocol: ProtocolRecord;
  signer: SignerRecord;
  link: string;
  secretary: string;
  changedItems?: string[] | null;
  reminder?: boolean;
}): MailMessage {
  const { protocol: p, signer, secretary } = input;
  const deadline = formatStockholm(signer.expiresAt);
  const revised = input.changedItems
    ? [
        { kind: 'p' as const, text: 'Det här är en ny version av protokollet. Tidigare länkar gäller inte längre.' },
        input.changedItems.length
          ? { kind: 'list' as const, items: input.changedItems.map((i) => `Ändrat: ${i}`) }
          : { kind: 'p' as const, text: 'Inga paragrafers text har ändrats; dokumentet har laddats upp på nytt.' },
      ]
    : [];
  return compose({
    to: signer.email,
    subject: `${input.reminder ? 'Påminnelse – ' : ''}Justering: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `Hej ${signer.name},` },
      {
        kind: 'p',
        text: `${secretary} ber dig justera protokollet från ${meetingLabel(p)} som ${signer.role}. Läs protokollet och justera det, eller begär en ändring om något inte stämmer.`,
      },
      ...revised,
      {
        kind: 'facts',
        rows: [
          ['Organ', p.bodyName ?? p.body],
          ['Sammanträde', p.date ?? 'datum saknas i protokollet'],
          ['Din roll', signer.role],
          ['Senast', deadline],
        ],
      },
      { kind: 'action', label: 'Läs och justera protokollet', url: input.link },
      { kind: 'p', text: 'Länken är personlig och gäller tills du har justerat, dock längst till sista dagen ovan.' },
    ],
    english: `${secretary} asks you to adjust (sign) the minutes of ${meetingLabel(p)} as ${ROLE_EN[signer.role] ?? signer.role}, by ${deadline}. Open the personal link above; add ?lang=en for English.`,
  });
}

export function routedToSecretary(p: ProtocolRecord, body: BodyDirectory, signers: SignerRecord[]): MailMessage {
  return compose({
    to: body.secretary.email,
    subject: `Skickat för justering: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `Protokollet från ${meetingLabel(p)} har lästs in (${p.itemCount} paragrafer, ${p.decisionCount} beslut) och skickats för justering.` },
      { kind: 'list', items: signers.map((s) => `${s.name} (${s.role}) – ${s.status === 'waiting' ? 'får länken när tidigare led har justerat' : 'länk skickad'}`) },
      { kind: 'facts', rows: [['Sista dag', p.deadline ? formatStockholm(p.deadline) : '–'], ['Protokoll-id', p.id]] },
      ...(p.warnings.length ? [{ kind: 'p' as const, text: 'Att kontrollera:' }, { kind: 'list' as const, items: p.warnings }] : []),
    ],
    english: `The minutes were parsed and sent to ${signers.map((s) => s.name).join(', ')} for adjustment.`,
  });
}

export function problemToSecretary(p: ProtocolRecord, to: string, reason: Reason, fix: string[]): MailMessage {
  return compose({
    to,
    subject: `Åtgärd krävs: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `Justera kunde inte gå vidare med ${p.source.key}.` },
      { kind: 'quote', text: reason.sv },
      ...(fix.length ? [{ kind: 'p' as const, text: 'Så här åtgärdar du det:' }, { kind: 'list' as const, items: fix }] : []),
      { kind: 'facts', rows: [['Protokoll-id', p.id], ['Status', p.status]] },
    ],
    english: `Justera could not continue with ${p.source.key}: ${reason.en}`,
  });
}

export function changesRequested(p: ProtocolRecord, to: string, signer: SignerRecord, comment: string): MailMessage {
  return compose({
    to,
    subject: `Ändring begärd: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `${signer.name} (${signer.role}) har begärt en ändring i protokollet från ${meetingLabel(p)}:` },
      { kind: 'quote', text: comment },
      {
        kind: 'p',
        text: 'Övriga länkar tar inte emot justeringar förrän en ny version finns. Ladda upp det rättade protokollet i samma mapp; de som ska justera får då nya länkar.',
      },
    ],
    english: `${signer.name} requested a change to the minutes. Upload a corrected version to the same folder; signers will get new links.`,
  });
}

export function expiredToSecretary(p: ProtocolRecord, to: string, unsigned: SignerRecord[]): MailMessage {
  return compose({
    to,
    subject: `Tiden för justering har gått ut: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `Protokollet från ${meetingLabel(p)} justerades inte före sista dagen. De här har inte justerat:` },
      { kind: 'list', items: unsigned.map((s) => `${s.name} (${s.role}, ${s.email})`) },
      { kind: 'p', text: 'Länkarna gäller inte längre. Ladda upp protokollet på nytt för att skicka nya länkar.' },
    ],
    english: `The adjustment period ran out. Not signed by: ${unsigned.map((s) => s.name).join(', ')}. Upload the minutes again to send new links.`,
  });
}

export function sealedNotice(p: ProtocolRecord, to: string, link: string): MailMessage {
  return compose({
    to,
    subject: `Justerat: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `Protokollet från ${meetingLabel(p)} är justerat, stämplat och digitalt förseglat.` },
      { kind: 'action', label: 'Hämta det justerade protokollet', url: link },
      { kind: 'facts', rows: [['Protokoll-id', p.id], ['SHA-256', p.signedSha256 ?? '']] },
    ],
    english: 'The minutes are adjusted, stamped and sealed. The link above downloads the signed PDF.',
    footer: 'Det här meddelandet skickades automatiskt av Justera.',
  });
}
