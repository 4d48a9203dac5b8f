// The words of the secretary's page, Swedish first and English on request.
// The type makes a missing English string a compile error.
import type { EvidenceField } from '../minutes/model';
import type { WithdrawCause } from '../domain/reasons';
import type { ProtocolStatus, SignerRole, SignerStatus } from '../domain/records';
import type { Tone } from './sign-text';

export type SecretaryNotice = 'saved' | 'unchanged' | 'routed' | 'not-routed' | 'reminded' | 'resent' | 'already-today' | 'not-open' | 'withdrawn' | 'not-withdrawn';

export interface SecretaryText {
  kicker: string;
  missing: string;
  banner: Record<'attention' | 'routed' | 'changes' | 'working' | 'adjusted' | 'expired' | 'published' | 'withdrawn', { tone: Tone; heading: string; body: string }>;
  notice: Record<SecretaryNotice, string>;
  read: { heading: string; intro: string };
  field: Record<EvidenceField | 'folder', string>;
  source: string;
  page: (n: number) => string;
  rule: (rule: string) => string;
  chairFallback: (name: string) => string;
  notInDirectory: (names: string) => string;
  warnings: string;
  items: { heading: string; none: string };
  signers: { heading: string; invited: string; opened: string; signed: string; never: string; remind: string; resend: string; actionsFor: (name: string) => string };
  withdraw: { heading: string; intro: string; cause: string; causes: Record<WithdrawCause, string>; button: string };
  published: { heading: string; pdf: string; adjustedOn: string; paragraphs: string; postedOn: string; appealEndsOn: string; takeDownOn: string; keptAt: string; page: string; board: string };
  bodyPage: { heading: (body: string) => string; intro: string; link: string; meeting: string; status: string; none: string; statuses: Record<ProtocolStatus, string> };
  role: Record<SignerRole, string>;
  status: Record<SignerStatus, string>;
  document: { heading: string; open: string };
  form: {
    heading: string;
    intro: string;
    routedIntro: string;
    chair: string;
    chairHint: string;
    keep: string;
    adjusters: string;
    adjustersHint: string;
    newPerson: string;
    newHint: string;
    newName: string;
    newEmail: string;
    newRole: string;
    date: string;
    dateHint: string;
    place: string;
    route: string;
    save: string;
  };
  locked: (names: string) => string;
  errors: { summary: string; prefix: string; newPerson: string; badAction: string };
}

const sv: SecretaryText = {
  kicker: 'Sekreterarens sida',
  missing: 'Hittades inte',
  banner: {
    attention: { tone: 'warn', heading: 'Protokollet väntar på dig', body: 'Justera har inte skickat protokollet för justering. Se över uppgifterna nedan, rätta det som behövs och skicka det.' },
    routed: { tone: 'info', heading: 'Skickat för justering', body: 'De som ska justera har fått sina länkar.' },
    changes: { tone: 'warn', heading: 'En ändring är begärd', body: 'Länkarna är pausade. Gäller ändringen ordförande, justerare, datum eller plats kan du rätta det här och skicka protokollet igen; annars laddar du upp en rättad PDF.' },
    working: { tone: 'info', heading: 'Protokollet läses in', body: 'Ladda om sidan om en stund.' },
    adjusted: { tone: 'ok', heading: 'Protokollet är justerat', body: 'Alla har justerat. Det stämplas, förseglas och publiceras.' },
    expired: { tone: 'stop', heading: 'Tiden för justering gick ut', body: 'Ladda upp protokollet igen för att skicka nya länkar.' },
    published: { tone: 'ok', heading: 'Justerat och anslaget', body: 'Protokollet är justerat, förseglat och tillkännagivet. Alla som justerade har fått det med e-post.' },
    withdrawn: { tone: 'stop', heading: 'Återkallat', body: 'Länkarna gäller inte längre. Ladda upp en ny version i samma mapp om protokollet ska justeras.' },
  },
  notice: {
    saved: 'Rättelsen är sparad. Protokollet skickas när du väljer "Spara och skicka för justering".',
    unchanged: 'Inget ändrades.',
    routed: 'Protokollet är skickat för justering.',
    'not-routed': 'Protokollet kunde inte skickas; se orsaken ovan.',
    reminded: 'Påminnelsen är skickad med en ny länk.',
    resent: 'Länken är skickad på nytt.',
    'already-today': 'Personen har redan fått ett sådant meddelande i dag.',
    'not-open': 'Personen har inget öppet uppdrag att justera.',
    withdrawn: 'Protokollet är återkallat.',
    'not-withdrawn': 'Protokollet kunde inte återkallas: det är redan justerat eller avslutat.',
  },
  read: { heading: 'Det här läste Justera', intro: 'Under varje uppgift står var i protokollet den hittades.' },
  field: { kind: 'Typ', body: 'Organ', folder: 'Mapp', date: 'Datum', time: 'Tid', place: 'Plats', chair: 'Ordförande', adjusters: 'Justerare', secretary: 'Sekreterare' },
  source: 'Källa',
  page: (n) => `sida ${n}`,
  rule: (rule) => (rule === 'secretary' ? 'rättad av sekreteraren' : rule === 'operator' ? 'rättad av driftansvarig' : `regel: ${rule}`),
  chairFallback: (name) => `Protokollet anger ingen ordförande; katalogens ordförande, ${name}, får länken.`,
  notInDirectory: (names) => `I protokollet men inte i katalogen: ${names}.`,
  warnings: 'Att kontrollera',
  items: { heading: 'Paragrafer', none: 'Inga numrerade paragrafer hittades. Det är PDF:en som justeras; paragraferna är bara dess innehållsförteckning.' },
  signers: {
    heading: 'De som ska justera',
    invited: 'Inbjuden',
    opened: 'Öppnade',
    signed: 'Justerade',
    never: '–',
    remind: 'Påminn nu',
    resend: 'Skicka länken igen',
    actionsFor: (name) => `för ${name}`,
  },
  withdraw: {
    heading: 'Återkalla protokollet',
    intro: 'Återkallar du protokollet slutar alla länkar att gälla och de som fått en länk får veta det. Det går inte att ångra; ladda upp en ny version för att börja om.',
    cause: 'Orsak (visas offentligt)',
    causes: { 'wrong-file': 'Fel fil laddades upp', 'new-version': 'En rättad version laddas upp', 'not-here': 'Protokollet justeras på annat sätt' },
    button: 'Återkalla protokollet',
  },
  published: { heading: 'Det justerade protokollet', pdf: 'Hämta det justerade protokollet (PDF)', adjustedOn: 'Justerat', paragraphs: 'Paragrafer', postedOn: 'Anslaget', appealEndsOn: 'Sista dag att överklaga', takeDownOn: 'Tas ned', keptAt: 'Förvaringsplats', page: 'Protokollets sida', board: 'Anslagstavlan' },
  bodyPage: {
    heading: (body) => `Protokoll för ${body}`,
    intro: 'Alla protokoll som laddats upp i organets mapp, det senaste sammanträdet först.',
    link: 'Alla protokoll för organet',
    meeting: 'Sammanträde',
    status: 'Läge',
    none: 'Inga protokoll ännu.',
    statuses: {
      RECEIVED: 'Mottaget',
      PARSED: 'Inläst',
      ROUTED: 'Ute för justering',
      CHANGES_REQUESTED: 'Ändring begärd',
      ADJUSTED: 'Justerat',
      SEALED: 'Förseglat',
      PUBLISHED: 'Justerat och anslaget',
      NEEDS_ATTENTION: 'Väntar på åtgärd',
      REJECTED: 'Avvisat',
      SUPERSEDED: 'Ersatt av en nyare version',
      EXPIRED: 'Tiden gick ut',
      WITHDRAWN: 'Återkallat',
    },
  },
  role: { ordförande: 'ordförande', justerare: 'justerare', sekreterare: 'sekreterare' },
  status: { waiting: 'Väntar på sin tur', pending: 'Har inte justerat än', signed: 'Har justerat', 'changes-requested': 'Har begärt ändring', withdrawn: 'Ersatt efter rättelse' },
  document: { heading: 'Dokumentet', open: 'Öppna PDF:en' },
  form: {
    heading: 'Rätta och skicka för justering',
    intro: 'Ändra det som är fel och skicka sedan protokollet för justering.',
    routedIntro: 'Ingen har justerat än. Rättar du något slutar de skickade länkarna att gälla, och de som ska justera får nya.',
    chair: 'Ordförande',
    chairHint: 'Välj ur katalogen.',
    keep: 'Ingen ändring',
    adjusters: 'Justerare',
    adjustersHint: 'Kryssa för dem som ska justera.',
    newPerson: 'En person som inte finns i katalogen',
    newHint: 'Fyll i namn och e-postadress; personen läggs till i katalogen.',
    newName: 'Namn',
    newEmail: 'E-postadress',
    newRole: 'Personen är',
    date: 'Datum för sammanträdet',
    dateHint: 'Till exempel 2025-02-14.',
    place: 'Plats',
    route: 'Spara och skicka för justering',
    save: 'Spara utan att skicka',
  },
  locked: (names) => `${names} har redan justerat, så uppgifterna kan inte rättas här. Behövs en rättelse, ladda upp en ny version av protokollet.`,
  errors: { summary: 'Det finns ett problem', prefix: 'Fel:', newPerson: 'Skriv både namn och e-postadress för den nya personen.', badAction: 'Välj en orsak i listan.' },
};

const en: SecretaryText = {
  kicker: "Secretary's page",
  missing: 'Not found',
  banner: {
    attention: { tone: 'warn', heading: 'The minutes are waiting for you', body: 'Justera has not sent the minutes for adjustment. Check what was read below, correct what is wrong and send them.' },
    routed: { tone: 'info', heading: 'Sent for adjustment', body: 'The signers have their links.' },
    changes: { tone: 'warn', heading: 'A change was requested', body: 'The links are paused. If the change concerns the chair, adjusters, date or place, correct it here and send the minutes again; otherwise upload a corrected PDF.' },
    working: { tone: 'info', heading: 'The minutes are being read', body: 'Reload the page in a moment.' },
    adjusted: { tone: 'ok', heading: 'The minutes are adjusted', body: 'Everyone has signed. They are being stamped, sealed and published.' },
    expired: { tone: 'stop', heading: 'The adjustment period ran out', body: 'Upload the minutes again to send new links.' },
    published: { tone: 'ok', heading: 'Adjusted and announced', body: 'The minutes are adjusted, sealed and announced. Everyone who signed got them by e-mail.' },
    withdrawn: { tone: 'stop', heading: 'Withdrawn', body: 'The links no longer work. Upload a new version to the same folder if the minutes are to be adjusted.' },
  },
  notice: {
    saved: 'The correction is saved. The minutes are sent when you choose "Save and send for adjustment".',
    unchanged: 'Nothing changed.',
    routed: 'The minutes are sent for adjustment.',
    'not-routed': 'The minutes could not be sent; see the reason above.',
    reminded: 'The reminder was sent with a new link.',
    resent: 'The link was sent again.',
    'already-today': 'This person already got such a message today.',
    'not-open': 'This person has nothing open to adjust.',
    withdrawn: 'The minutes are withdrawn.',
    'not-withdrawn': 'The minutes could not be withdrawn: they are already adjusted or closed.',
  },
  read: { heading: 'What Justera read', intro: 'Under each value: where in the minutes it was found.' },
  field: { kind: 'Kind', body: 'Body', folder: 'Folder', date: 'Date', time: 'Time', place: 'Place', chair: 'Chair', adjusters: 'Adjusters', secretary: 'Secretary' },
  source: 'Source',
  page: (n) => `page ${n}`,
  rule: (rule) => (rule === 'secretary' ? 'corrected by the secretary' : rule === 'operator' ? 'corrected by an operator' : `rule: ${rule}`),
  chairFallback: (name) => `The minutes name no chair; the directory's chair, ${name}, gets the link.`,
  notInDirectory: (names) => `In the minutes but not in the directory: ${names}.`,
  warnings: 'To check',
  items: { heading: 'Paragraphs', none: 'No numbered paragraphs were found. The PDF is what gets adjusted; the paragraphs are only its index.' },
  signers: {
    heading: 'Who adjusts',
    invited: 'Invited',
    opened: 'Opened',
    signed: 'Adjusted',
    never: '–',
    remind: 'Remind now',
    resend: 'Send the link again',
    actionsFor: (name) => `for ${name}`,
  },
  withdraw: {
    heading: 'Withdraw the minutes',
    intro: 'Withdrawing makes every link stop working, and those who got one are told. It cannot be undone; upload a new version to start again.',
    cause: 'Reason (shown publicly)',
    causes: { 'wrong-file': 'The wrong file was uploaded', 'new-version': 'A corrected version will be uploaded', 'not-here': 'The minutes are adjusted another way' },
    button: 'Withdraw the minutes',
  },
  published: { heading: 'The adjusted minutes', pdf: 'Download the adjusted minutes (PDF)', adjustedOn: 'Adjusted', paragraphs: 'Paragraphs', postedOn: 'Posted', appealEndsOn: 'Last day to appeal', takeDownOn: 'Taken down', keptAt: 'Kept at', page: "The minutes' page", board: 'The notice board' },
  bodyPage: {
    heading: (body) => `Minutes of ${body}`,
    intro: "Every set of minutes uploaded to the body's folder, the latest meeting first.",
    link: 'All minutes of the body',
    meeting: 'Meeting',
    status: 'State',
    none: 'No minutes yet.',
    statuses: {
      RECEIVED: 'Received',
      PARSED: 'Read',
      ROUTED: 'Out for adjustment',
      CHANGES_REQUESTED: 'Change requested',
      ADJUSTED: 'Adjusted',
      SEALED: 'Sealed',
      PUBLISHED: 'Adjusted and announced',
      NEEDS_ATTENTION: 'Waiting for action',
      REJECTED: 'Rejected',
      SUPERSEDED: 'Replaced by a newer version',
      EXPIRED: 'Deadline passed',
      WITHDRAWN: 'Withdrawn',
    },
  },
  role: { ordförande: 'chair', justerare: 'adjuster', sekreterare: 'secretary' },
  status: { waiting: 'Waiting for their turn', pending: 'Not adjusted yet', signed: 'Adjusted', 'changes-requested': 'Requested a change', withdrawn: 'Replaced after a correction' },
  document: { heading: 'The document', open: 'Open the PDF' },
  form: {
    heading: 'Correct and send for adjustment',
    intro: 'Change what is wrong, then send the minutes for adjustment.',
    routedIntro: 'Nobody has signed yet. If you correct something, the links sent stop working and the signers get new ones.',
    chair: 'Chair',
    chairHint: 'Pick from the directory.',
    keep: 'No change',
    adjusters: 'Adjusters',
    adjustersHint: 'Tick those who adjust the minutes.',
    newPerson: 'Someone who is not in the directory',
    newHint: 'Give name and e-mail address; the person is added to the directory.',
    newName: 'Name',
    newEmail: 'E-mail address',
    newRole: 'The person is',
    date: 'Date of the meeting',
    dateHint: 'For example 2025-02-14.',
    place: 'Place',
    route: 'Save and send for adjustment',
    save: 'Save without sending',
  },
  locked: (names) => `${names} already adjusted the minutes, so they cannot be corrected here. Upload a new version if a correction is needed.`,
  errors: { summary: 'There is a problem', prefix: 'Error:', newPerson: 'Give both the name and the e-mail address of the new person.', badAction: 'Pick a reason from the list.' },
};

export const SECRETARY_TEXT: Record<'sv' | 'en', SecretaryText> = { sv, en };
