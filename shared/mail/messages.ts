// Every mail Justera sends, in Swedish with an English line.
import { formatStockholm } from '../domain/stockholm';
import type { BodyDirectory, NoticeRecord, ProtocolRecord, Reason, SignerRecord } from '../domain/records';
import type { MailMessage } from '../ports';
import { compose, type Block } from './compose';
import { pdfaAdvice, pdfaAdviceEnglish } from './pdfa-advice';

/** The secretary's page: what was read, where from, and the corrections; absent when the mail goes to the operator. */
function pageBlocks(link: string | null | undefined, label = 'Granska och rätta på din sida'): Block[] {
  return link
    ? [
        { kind: 'action', label, url: link },
        { kind: 'p', text: 'Länken är personlig: den visar vad Justera läste ur protokollet och låter dig rätta ordförande, justerare, datum och plats. Vidarebefordra den inte.' },
      ]
    : [];
}

/** The same personal page in English (the pages take ?lang=en). */
function english(link: string): string {
  const url = new URL(link);
  url.searchParams.set('lang', 'en');
  return url.toString();
}

const ROLE_EN: Record<string, string> = { ordförande: 'chair', justerare: 'adjuster', sekreterare: 'secretary' };

/** Minnesanteckningar are not a protokoll: the mails call each by its name. */
export function documentNoun(p: Pick<ProtocolRecord, 'kind'>): { the: string; adjusted: string; en: string } {
  return p.kind === 'minnesanteckningar'
    ? { the: 'minnesanteckningarna', adjusted: 'justerade', en: 'notes' }
    : { the: 'protokollet', adjusted: 'justerat', en: 'minutes' };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Kommunstyrelsen 2026-11-10"; without a date, the uploaded file's name says which upload it is. */
export function meetingLabel(p: Pick<ProtocolRecord, 'bodyName' | 'body' | 'date'> & { source?: Pick<ProtocolRecord['source'], 'key'> }): string {
  const file = p.source?.key.split('/').pop();
  return `${p.bodyName ?? p.body} ${p.date ?? (file ? `(${file})` : '(datum saknas)')}`;
}

export function invitation(input: {
  protocol: ProtocolRecord;
  signer: SignerRecord;
  link: string;
  secretary: string;
  changedItems?: string[] | null;
  reminder?: boolean;
  /** The body's secretary: a signer's reply reaches the person who sent the minutes. */
  replyTo?: string | null;
}): MailMessage {
  const { protocol: p, signer, secretary } = input;
  const doc = documentNoun(p);
  const deadline = formatStockholm(signer.expiresAt);
  const revised = input.changedItems
    ? [
        { kind: 'p' as const, text: `Det här är en ny version av ${doc.the}. Tidigare länkar gäller inte längre.` },
        input.changedItems.length
          ? { kind: 'list' as const, items: input.changedItems.map((i) => `Ändrat: ${i}`) }
          : { kind: 'p' as const, text: 'Inga paragrafers text har ändrats; dokumentet har laddats upp på nytt.' },
      ]
    : [];
  return compose({
    to: signer.email,
    replyTo: input.replyTo ?? null,
    subject: `${input.reminder ? 'Påminnelse – ' : ''}Justering: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `Hej ${signer.name},` },
      {
        kind: 'p',
        text: `${secretary} ber dig justera ${doc.the} från ${meetingLabel(p)} som ${signer.role}. Läs ${doc.the} och justera, eller begär en ändring om något inte stämmer.`,
      },
      ...revised,
      {
        kind: 'facts',
        rows: [
          ['Organ', p.bodyName ?? p.body],
          ['Sammanträde', p.date ?? `datum saknas i ${doc.the}`],
          ['Din roll', signer.role],
          ['Senast', deadline],
        ],
      },
      { kind: 'action', label: `Läs och justera ${doc.the}`, url: input.link },
      { kind: 'p', text: 'Länken är personlig och gäller tills du har justerat, dock längst till sista dagen ovan.' },
    ],
    english: `${secretary} asks you to adjust (sign) the ${doc.en} of ${meetingLabel(p)} as ${ROLE_EN[signer.role] ?? signer.role}, by ${deadline}. The page in English: ${english(input.link)}`,
  });
}

export function routedToSecretary(p: ProtocolRecord, body: BodyDirectory, signers: SignerRecord[], secretaryLink: string | null = null): MailMessage {
  const fromDirectory = signers.find((s) => s.origin === 'directory' && s.role === 'ordförande');
  return compose({
    to: body.secretary.email,
    subject: `Skickat för justering: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `${capital(documentNoun(p).the)} från ${meetingLabel(p)} har lästs in (${p.itemCount} paragrafer, ${p.decisionCount} beslut) och skickats för justering.` },
      { kind: 'list', items: signers.map((s) => `${s.name} (${s.role}${s.origin === 'directory' ? ', enligt katalogen' : ''}) – ${s.status === 'waiting' ? 'får länken när tidigare led har justerat' : 'länk skickad'}`) },
      ...(fromDirectory
        ? [{ kind: 'p' as const, text: `Protokollet anger ingen ordförande, så länken gick till katalogens ordförande, ${fromDirectory.name}. Stämmer det inte, rätta ordföranden på din sida innan någon har justerat.` }]
        : []),
      { kind: 'facts', rows: [['Sista dag', p.deadline ? formatStockholm(p.deadline) : '–'], ['Protokoll-id', p.id]] },
      ...(p.warnings.length ? [{ kind: 'p' as const, text: 'Att kontrollera:' }, { kind: 'list' as const, items: p.warnings }] : []),
      ...pdfaAdvice(p),
      ...pageBlocks(secretaryLink),
    ],
    english: `The minutes were parsed and sent to ${signers.map((s) => s.name).join(', ')} for adjustment.${fromDirectory ? ` They name no chair, so the directory's chair, ${fromDirectory.name}, was asked.` : ''}${pdfaAdviceEnglish(p)}${secretaryLink ? ` Follow it on your page, in English: ${english(secretaryLink)}` : ''}`,
  });
}

export function problemToSecretary(p: ProtocolRecord, to: string, reason: Reason, fix: string[], secretaryLink: string | null = null): MailMessage {
  return compose({
    to,
    subject: `Åtgärd krävs: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `Justera kunde inte gå vidare med ${p.source.key}.` },
      { kind: 'quote', text: reason.sv },
      ...(secretaryLink ? [{ kind: 'p' as const, text: 'Du kan rätta ordförande, justerare, datum och plats och skicka protokollet för justering på din sida:' }] : []),
      ...pageBlocks(secretaryLink, 'Rätta och skicka för justering'),
      ...(fix.length ? [{ kind: 'p' as const, text: secretaryLink ? 'Andra sätt att åtgärda det:' : 'Så här åtgärdar du det:' }, { kind: 'list' as const, items: fix }] : []),
      { kind: 'facts', rows: [['Protokoll-id', p.id], ['Status', p.status]] },
    ],
    english: `Justera could not continue with ${p.source.key}: ${reason.en}${secretaryLink ? ` Correct it and send it for adjustment on your page, in English: ${english(secretaryLink)}` : ''}`,
  });
}

/** The body wants the secretary to confirm the parse before any invitation goes out. */
export function confirmToSecretary(p: ProtocolRecord, to: string, wouldAsk: string[], secretaryLink: string | null): MailMessage {
  return compose({
    to,
    subject: `Bekräfta före utskick: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `${capital(documentNoun(p).the)} från ${meetingLabel(p)} har lästs in (${p.itemCount} paragrafer, ${p.decisionCount} beslut). Katalogen anger att du bekräftar uppgifterna innan det skickas för justering.` },
      { kind: 'p', text: 'Justera skulle be de här justera:' },
      { kind: 'list', items: wouldAsk },
      ...pdfaAdvice(p),
      ...pageBlocks(secretaryLink, 'Granska, rätta och skicka för justering'),
      { kind: 'facts', rows: [['Protokoll-id', p.id], ['Status', p.status]] },
    ],
    english: `The minutes were parsed. The body asks you to confirm what was read before invitations go out: open your page${secretaryLink ? `, in English: ${english(secretaryLink)}` : ''}.${pdfaAdviceEnglish(p)}`,
  });
}

export function changesRequested(p: ProtocolRecord, to: string, signer: SignerRecord, comment: string, secretaryLink: string | null = null): MailMessage {
  return compose({
    to,
    subject: `Ändring begärd: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `${signer.name} (${signer.role}) har begärt en ändring i ${documentNoun(p).the} från ${meetingLabel(p)}:` },
      { kind: 'quote', text: comment },
      {
        kind: 'p',
        text: 'Övriga länkar tar inte emot justeringar förrän en ny version finns. Ladda upp det rättade protokollet i samma mapp; de som ska justera får då nya länkar.',
      },
      ...(secretaryLink
        ? [{ kind: 'p' as const, text: 'Gäller ändringen bara ordförande, justerare, datum eller plats kan du i stället rätta det på din sida och skicka protokollet igen:' }]
        : []),
      ...pageBlocks(secretaryLink, 'Rätta på din sida'),
    ],
    english: `${signer.name} requested a change to the minutes. Upload a corrected version to the same folder; signers will get new links.${secretaryLink ? ` Your page in English: ${english(secretaryLink)}` : ''}`,
  });
}

export function expiredToSecretary(p: ProtocolRecord, to: string, unsigned: SignerRecord[], secretaryLink: string | null = null): MailMessage {
  return compose({
    to,
    subject: `Tiden för justering har gått ut: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `${capital(documentNoun(p).the)} från ${meetingLabel(p)} justerades inte före sista dagen. De här har inte justerat:` },
      { kind: 'list', items: unsigned.map((s) => `${s.name} (${s.role}, ${s.email})`) },
      { kind: 'p', text: 'Länkarna gäller inte längre. Ladda upp protokollet på nytt för att skicka nya länkar.' },
      ...pageBlocks(secretaryLink, 'Se protokollet på din sida'),
    ],
    english: `The adjustment period ran out. Not signed by: ${unsigned.map((s) => s.name).join(', ')}. Upload the minutes again to send new links.${secretaryLink ? ` Your page in English: ${english(secretaryLink)}` : ''}`,
  });
}

/**
 * Another signer asked for a change: signing is paused. Who asked and the
 * public reason; never the comment (it goes to the secretary only). No link:
 * the new version comes with new ones.
 */
export function pausedToSigner(p: ProtocolRecord, signer: SignerRecord, requester: Pick<SignerRecord, 'name' | 'role'>, replyTo: string | null): MailMessage {
  const doc = documentNoun(p);
  const signed = signer.status === 'signed';
  return compose({
    to: signer.email,
    replyTo,
    subject: `Justeringen är pausad: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `Hej ${signer.name},` },
      { kind: 'p', text: `${requester.name} (${requester.role}) har begärt en ändring i ${doc.the} från ${meetingLabel(p)}. Justeringen är pausad tills sekreteraren har rättat ${doc.the}.` },
      ...(p.reason ? [{ kind: 'quote' as const, text: p.reason.sv }] : []),
      {
        kind: 'p',
        text: signed
          ? `Du har redan justerat. När en rättad version finns får du en ny länk och ombeds justera den.`
          : `Du behöver inte göra något nu. När en rättad version finns får du en ny länk via e-post.`,
      },
    ],
    english: `${requester.name} (${ROLE_EN[requester.role] ?? requester.role}) requested a change to the ${doc.en} of ${meetingLabel(p)}; signing is paused until the secretary has corrected them. ${
      signed ? 'You have already signed; a corrected version comes with a new link to sign it.' : 'There is nothing for you to do now; a corrected version comes with a new link.'
    }`,
  });
}

/** A signer whose link died with the withdrawal: nothing to do, and why (the fixed cause, never a comment). */
export function withdrawnToSigner(p: ProtocolRecord, signer: SignerRecord, replyTo: string | null): MailMessage {
  const doc = documentNoun(p);
  return compose({
    to: signer.email,
    replyTo,
    subject: `Återkallat: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `Hej ${signer.name},` },
      { kind: 'p', text: `Sekreteraren har återkallat ${doc.the} från ${meetingLabel(p)}. Länken du fick gäller inte längre och du behöver inte göra något.` },
      ...(p.reason ? [{ kind: 'quote' as const, text: p.reason.sv }] : []),
      { kind: 'p', text: 'Kommer en ny version får du en ny länk.' },
    ],
    english: `The secretary withdrew the ${doc.en} of ${meetingLabel(p)}; your link no longer works and there is nothing for you to do.${p.reason ? ` ${p.reason.en}` : ''}`,
  });
}

/** Larger files go as a link: many mail servers refuse messages over 10 MB, and base64 adds a third. */
export const ATTACH_LIMIT_BYTES = 7 * 1024 * 1024;

export interface ReceiptInput {
  protocol: ProtocolRecord;
  notice: NoticeRecord;
  to: string;
  replyTo: string | null;
  /** The sealed PDF when it is small enough to attach; null sends the link only. */
  pdf: Uint8Array | null;
  pdfUrl: string;
  boardUrl: string;
}

/** The ending for everyone who took part: the signed document, when the notice went up and until when one may appeal. */
export function receipt(input: ReceiptInput): MailMessage {
  const { protocol: p, notice } = input;
  const doc = documentNoun(p);
  return compose({
    to: input.to,
    replyTo: input.replyTo,
    subject: `Justerat och anslaget: ${meetingLabel(p)}`,
    blocks: [
      { kind: 'p', text: `${capital(doc.the)} från ${meetingLabel(p)} är ${doc.adjusted}, ${p.kind === 'minnesanteckningar' ? 'digitalt förseglade och tillkännagivna' : 'digitalt förseglat och tillkännagivet'} på anslagstavlan.` },
      {
        kind: 'p',
        text: input.pdf ? `${capital(doc.the)} med justeringen bifogas som PDF.` : `Filen är för stor för att bifogas; hämta ${doc.the} med justeringen via länken.`,
      },
      {
        kind: 'facts',
        rows: [
          ['Organ', notice.bodyName],
          ['Handling', capital(p.kind ?? 'protokoll')],
          ['Sammanträde', notice.meetingDate ?? 'datum saknas i handlingen'],
          ...(notice.paragraphs ? [['Paragrafer', notice.paragraphs] as [string, string]] : []),
          ['Justerat', notice.adjustedOn],
          ['Anslaget', notice.postedOn],
          ['Tas ned', notice.takeDownOn],
          ['Sista dag att överklaga', notice.appealEndsOn],
          ['Förvaringsplats', [notice.keptAt, notice.protocolUrl].filter(Boolean).join(', ')],
          ['Anslagstavla', input.boardUrl],
          ['SHA-256', p.signedSha256 ?? ''],
        ],
      },
      { kind: 'action', label: `Hämta ${doc.the} med justeringen`, url: input.pdfUrl, open: true },
    ],
    english: `The ${doc.en} of ${meetingLabel(p)} are adjusted, sealed and announced on the notice board (${input.boardUrl}) on ${notice.postedOn}; the last day to appeal is ${notice.appealEndsOn}.${input.pdf ? ' The signed PDF is attached.' : ' Download the signed PDF from the link above.'}`,
    attachments: input.pdf ? [{ filename: `${p.id}.pdf`, contentType: 'application/pdf', content: input.pdf }] : [],
  });
}
