// Every reason a protocol stops for, in one table: its short name and its full
// text in Swedish and English, what the secretary does about it (the fix the
// problem mail lists), the state it leaves the protocol in, and whether routing
// may continue from it. Flows build a Reason only through `reason()` (or
// `parserReason()` for the parser's own sentences), so the mail, the pages, the
// API and the CLI all show what this table says.
import type { ProtocolStatus, Reason } from './records';

export interface Texts {
  sv: string;
  en: string;
}

/** Routing again continues: 'always' when routing itself stopped it, 'when-asked' when a person sends it explicitly. */
export type Reroute = 'always' | 'when-asked';

interface Entry<P> {
  outcome: ProtocolStatus;
  label: Texts;
  /** The full text with the particulars of this case. */
  text: (params: P) => Texts;
  /** What the secretary does, in Swedish; a fixed list when it needs no particulars. */
  fix: readonly string[] | ((params: P) => string[]);
  reroute?: Reroute;
  /** The parser (shared/minutes) raises it with a sentence of its own, which is kept. */
  fromParser?: true;
}

const entry = <P = Record<string, never>>(e: Entry<P>): Entry<P> => e;
const parser = (outcome: ProtocolStatus, label: Texts, fix: readonly string[]) => entry<Texts>({ outcome, label, text: (t) => t, fix, fromParser: true });

/** For a file that cannot be read, when nothing more particular is known. */
export const REUPLOAD_AS_PDF = ['Öppna filen och spara den som PDF på nytt, och ladda upp den igen.'] as const;
const SAVE_AS_PDF = ['Spara protokollet som PDF och ladda upp PDF-filen.'];
const SPLIT = ['Dela upp protokollet eller ta bort bilagor, och ladda upp igen.'];
const mb = (n: number) => (n / 1048576).toFixed(1);

/** Stops while reading an upload (the parse function). */
const PARSE_REASONS = {
  EMPTY: parser('REJECTED', { sv: 'Tom fil', en: 'Empty file' }, SAVE_AS_PDF),
  NOT_PDF: parser('REJECTED', { sv: 'Inte en PDF', en: 'Not a PDF' }, SAVE_AS_PDF),
  ENCRYPTED: parser('REJECTED', { sv: 'Lösenordsskyddad eller krypterad PDF', en: 'Password-protected or encrypted PDF' }, [
    'Spara en PDF utan lösenord eller behörighetsbegränsningar och ladda upp den igen.',
  ]),
  CORRUPT: parser('NEEDS_ATTENTION', { sv: 'Skadad PDF', en: 'Damaged PDF' }, REUPLOAD_AS_PDF),
  TOO_MANY_PAGES: parser('REJECTED', { sv: 'För många sidor', en: 'Too many pages' }, SPLIT),
  TOO_COMPLEX: parser('NEEDS_ATTENTION', { sv: 'För krävande att läsa', en: 'Too costly to read' }, [
    'Exportera protokollet som PDF på nytt från ordbehandlaren (Arkiv → Spara som PDF), eller dela upp det, och ladda upp igen.',
  ]),
  NO_TEXT: parser('NEEDS_ATTENTION', { sv: 'Ingen text i PDF:en', en: 'No text in the PDF' }, [
    'Exportera protokollet som PDF direkt från Word eller ditt mötessystem (inte inskannat) och ladda upp det igen.',
  ]),
  TOO_LARGE: entry<{ size: number; limit: number }>({
    outcome: 'REJECTED',
    label: { sv: 'För stor fil', en: 'File too large' },
    text: ({ size, limit }) => ({
      sv: `Filen är ${mb(size)} MB; största tillåtna storlek är ${mb(limit)} MB.`,
      en: `The file is ${mb(size)} MB; the limit is ${mb(limit)} MB.`,
    }),
    fix: SPLIT,
    fromParser: true,
  }),
  NO_ITEMS: entry({
    outcome: 'NEEDS_ATTENTION',
    label: { sv: 'Inga paragrafer', en: 'No paragraphs' },
    text: () => ({
      sv: 'Inga numrerade paragrafer (§ 1, § 2 …) eller punkter (1., 2. …) hittades i PDF:en. Det som gick att läsa (organ, datum, personer) är sparat.',
      en: 'No numbered paragraphs (§ 1, § 2 …) or points (1., 2. …) were found in the PDF. What could be read (body, date, people) is kept.',
    }),
    fix: ['Kontrollera att paragraferna är numrerade (§ 1, § 2 … eller 1., 2. …) och ladda upp igen.'],
    reroute: 'when-asked',
    fromParser: true,
  }),
  BAD_FOLDER: entry({
    outcome: 'REJECTED',
    label: { sv: 'Fel mapp', en: 'Wrong folder' },
    text: () => ({
      sv: 'Filen ligger inte i en mapp för ett organ. Lägg den i drafts/<organ>/, där <organ> skrivs med små bokstäver, siffror och bindestreck (t.ex. drafts/kommunstyrelsen/).',
      en: 'The file is not in a body folder: upload it to drafts/<body>/, the body written in lower-case letters, digits and hyphens.',
    }),
    fix: ['Ladda upp filen på nytt under drafts/<organ>/.'],
  }),
  FILE_GONE: entry({
    outcome: 'REJECTED',
    label: { sv: 'Filen borttagen', en: 'File deleted' },
    text: () => ({ sv: 'Filen togs bort ur bucketen innan den hann läsas.', en: 'The file was deleted before it could be read.' }),
    fix: ['Ladda upp filen igen.'],
  }),
  REPLACED: entry({
    outcome: 'SUPERSEDED',
    label: { sv: 'Överskriven', en: 'Overwritten' },
    text: () => ({ sv: 'Filen skrevs över av en nyare uppladdning innan den hann läsas.', en: 'The file was overwritten by a newer upload before it could be read.' }),
    // The newer upload is read in its place: nothing to do.
    fix: [],
  }),
  ALREADY_ADJUSTED: entry<{ body: string; date: string | null; adjusted: string }>({
    outcome: 'REJECTED',
    label: { sv: 'Redan justerat', en: 'Already adjusted' },
    text: ({ body, date, adjusted }) => ({
      sv: `Protokollet från ${body} ${date ?? ''} är redan justerat (${adjusted}) och ändras inte. Den nya filen har inte skickats för justering.`,
      en: `The minutes of this meeting are already adjusted (${adjusted}) and will not change; the new file was not sent for adjustment.`,
    }),
    fix: ['Ett justerat protokoll ändras inte. Behövs en rättelse, ta upp den vid nästa sammanträde.'],
  }),
  HIDDEN_CONTENT: entry<{ layers: string[]; hidden: string[] }>({
    outcome: 'NEEDS_ATTENTION',
    label: { sv: 'Dolt innehåll', en: 'Hidden content' },
    text: ({ layers, hidden }) => {
      const names = layers.length ? ` (${layers.slice(0, 5).join(', ')})` : '';
      return {
        sv:
          `PDF:en har innehåll i lager som är dolda${names}. Det dolda syns inte för den som justerar men skulle förseglas med protokollet. ` +
          'Exportera protokollet till PDF igen utan lager (till exempel "Skriv ut" till PDF, eller spara som PDF/A) och ladda upp den nya filen.',
        en:
          `The PDF has content in hidden layers${names}: ${hidden.slice(0, 3).join('; ')}. Signers would not see it, yet it would be sealed with the minutes. ` +
          'Export the minutes to PDF again without layers (print to PDF, or save as PDF/A) and upload the new file.',
      };
    },
    fix: REUPLOAD_AS_PDF,
  }),
};

/** Stops while sending for adjustment (route, the secretary's page, PATCH). */
const ROUTING_REASONS = {
  NO_DIRECTORY: entry<{ body: string; id: string }>({
    outcome: 'NEEDS_ATTENTION',
    label: { sv: 'Ingen katalog', en: 'No directory' },
    text: ({ body }) => ({
      sv: `Det finns ingen katalog för organet "${body}", så Justera vet inte vart länkarna ska skickas.`,
      en: `There is no directory for the body "${body}", so Justera does not know where to send the links.`,
    }),
    fix: ({ body, id }) => [`Importera katalogen med "npx justera bodies import <fil.json>" eller PUT /admin/bodies/${body}, och fortsätt med POST /admin/protocols/${id}/route.`],
    reroute: 'always',
  }),
  WRONG_BODY: entry<{ named: string; directory: { name: string; slug: string }; folders: string; id: string }>({
    outcome: 'NEEDS_ATTENTION',
    label: { sv: 'Annat organ', en: 'Another body' },
    text: ({ named, directory, folders }) => ({
      sv: `Protokollet anger organet "${named}", men filen ligger i mappen för ${directory.name} (drafts/${directory.slug}/).${folders ? ` Justera känner det organet under ${folders}.` : ''}`,
      en: `The minutes name the body "${named}", but the file is in the folder of ${directory.name} (drafts/${directory.slug}/).${folders ? ` Justera knows that body under ${folders}.` : ''}`,
    }),
    fix: ({ folders, id }) => [
      `Ladda upp filen i rätt mapp${folders ? ` (${folders})` : ''}.`,
      'Är det ändå rätt organ: skicka protokollet för justering från din sida eller med POST /admin/protocols/' + id + '/route.',
    ],
    reroute: 'when-asked',
  }),
  REVISION_CONFLICT: entry<{ newer: boolean; other: string }>({
    outcome: 'NEEDS_ATTENTION',
    label: { sv: 'Annan version gäller', en: 'Another version holds' },
    text: ({ newer, other }) => ({
      sv: `Det finns ${newer ? 'en nyare version' : 'en redan justerad version'} av samma sammanträde (${other}); den här skickas inte för justering.`,
      en: `There is ${newer ? 'a newer' : 'an already adjusted'} version of the same meeting (${other}); this one is not sent for adjustment.`,
    }),
    // The other version is the one that goes on.
    fix: [],
  }),
  SIGNERS_UNRESOLVED: entry<{ problems: string[]; fixes: string[] }>({
    outcome: 'NEEDS_ATTENTION',
    label: { sv: 'Justerare saknas i katalogen', en: 'Signers not resolved' },
    text: ({ problems }) => ({
      sv: problems.join(' '),
      en: `Could not resolve who must adjust: ${problems.length} problem(s) with the chair/adjusters against the directory.`,
    }),
    // The resolver says per person what is missing (shared/flow/route-signers.ts).
    fix: ({ fixes }) => fixes,
    reroute: 'always',
  }),
  CONFIRM_BEFORE_SENDING: entry<{ directory: string }>({
    outcome: 'NEEDS_ATTENTION',
    label: { sv: 'Väntar på bekräftelse', en: 'Awaiting confirmation' },
    text: ({ directory }) => ({
      sv: `Katalogen för ${directory} anger att sekreteraren bekräftar tolkningen innan protokollet skickas för justering.`,
      en: `The directory of ${directory} asks the secretary to confirm the parse before the minutes are sent for adjustment.`,
    }),
    fix: ['Kontrollera tolkningen på din sida och skicka protokollet för justering därifrån.'],
    reroute: 'when-asked',
  }),
  CHANGE_MISSING: entry<{ previous: string; requesters: string; id: string }>({
    outcome: 'NEEDS_ATTENTION',
    label: { sv: 'Begärd ändring saknas', en: 'Requested change missing' },
    text: ({ previous, requesters }) => ({
      sv: `Den uppladdade filen är byte för byte samma som versionen ${previous}, där ${requesters} begärde en ändring. Ändringen saknas, så den skickas inte för justering.`,
      en: `The uploaded file is byte for byte the version ${previous}, in which ${requesters} requested a change. The change is missing, so it is not sent for adjustment.`,
    }),
    fix: ({ id }) => [
      'Gör den begärda ändringen i dokumentet, spara det som PDF och ladda upp det i samma mapp.',
      `Ska versionen ändå justeras utan ändring: skicka den för justering från din sida eller med POST /admin/protocols/${id}/route.`,
    ],
    reroute: 'when-asked',
  }),
  CORRECTED: entry<{ by: 'secretary' | 'operator'; id: string }>({
    outcome: 'NEEDS_ATTENTION',
    label: { sv: 'Rättat, ej skickat', en: 'Corrected, not sent' },
    text: ({ by, id }) => ({
      sv: `Uppgifterna är rättade av ${by === 'secretary' ? 'sekreteraren' : 'driftansvarig'}. Protokollet skickas för justering när det bekräftas (sekreterarens sida eller POST /admin/protocols/${id}/route).`,
      en: `Corrected by the ${by}. The minutes are sent for adjustment once that is confirmed (the secretary's page or POST /admin/protocols/${id}/route).`,
    }),
    fix: ({ id }) => [`Skicka protokollet för justering från din sida eller med POST /admin/protocols/${id}/route.`],
    reroute: 'when-asked',
  }),
};

/** Why a secretary withdraws a protocol: a fixed list, so that no free text of theirs reaches the public API. */
export const WITHDRAW_CAUSES = {
  'wrong-file': { sv: 'fel fil laddades upp.', en: 'the wrong file was uploaded.' },
  'new-version': { sv: 'en rättad version laddas upp.', en: 'a corrected version will be uploaded.' },
  'not-here': { sv: 'protokollet justeras på annat sätt.', en: 'the minutes are adjusted another way.' },
} as const satisfies Record<string, Texts>;
export type WithdrawCause = keyof typeof WITHDRAW_CAUSES;

export function isWithdrawCause(value: string): value is WithdrawCause {
  return Object.hasOwn(WITHDRAW_CAUSES, value);
}

/**
 * What a requested change concerns, picked from a list on the signing page: public with the reason
 * (the others learn what is paused, and why, without the comment, which stays the secretary's).
 * `label` is the choice on the page, `phrase` how the reason names it.
 */
export const CHANGE_TOPICS = {
  attendance: { label: { sv: 'Närvaron', en: 'The attendance' }, phrase: { sv: 'närvaron', en: 'the attendance' } },
  decision: { label: { sv: 'Ett beslut', en: 'A decision' }, phrase: { sv: 'ett beslut', en: 'a decision' } },
  meeting: { label: { sv: 'Datum, tid eller plats', en: 'The date, time or place' }, phrase: { sv: 'datum, tid eller plats', en: 'the date, time or place' } },
  wording: { label: { sv: 'Stavning eller formulering', en: 'Spelling or wording' }, phrase: { sv: 'stavning eller formulering', en: 'spelling or wording' } },
  other: { label: { sv: 'Något annat', en: 'Something else' }, phrase: null },
} as const satisfies Record<string, { label: Texts; phrase: Texts | null }>;
export type ChangeTopic = keyof typeof CHANGE_TOPICS;

/** The longest comment a change request may carry (the form's maxlength, checked again on arrival). */
export const MAX_COMMENT = 2000;

export function isChangeTopic(value: string): value is ChangeTopic {
  return Object.hasOwn(CHANGE_TOPICS, value);
}

/** Stops after the links went out, and a step that failed every retry. */
const LATER_REASONS = {
  CHANGES_REQUESTED: entry<{ name: string; role: string; topic?: ChangeTopic }>({
    outcome: 'CHANGES_REQUESTED',
    label: { sv: 'Ändring begärd', en: 'Change requested' },
    // The reason is public (the API shows it): the comment itself goes to the secretary by mail only.
    text: ({ name, role, topic }) => {
      const phrase = topic ? CHANGE_TOPICS[topic].phrase : null;
      return {
        sv: `${name} (${role}) begärde en ändring${phrase ? ` av ${phrase.sv}` : ''}. Kommentaren har skickats till sekreteraren.`,
        en: `${name} (${role}) requested a change${phrase ? ` to ${phrase.en}` : ''}. The comment was sent to the secretary.`,
      };
    },
    fix: ['Ladda upp det rättade protokollet i samma mapp; de som ska justera får då nya länkar.'],
  }),
  WITHDRAWN: entry<{ cause: WithdrawCause }>({
    outcome: 'WITHDRAWN',
    label: { sv: 'Återkallat', en: 'Withdrawn' },
    text: ({ cause }) => ({ sv: `Sekreteraren återkallade protokollet: ${WITHDRAW_CAUSES[cause].sv}`, en: `The secretary withdrew the minutes: ${WITHDRAW_CAUSES[cause].en}` }),
    fix: ['Ladda upp en ny version i samma mapp om protokollet ska justeras; de som ska justera får då nya länkar.'],
  }),
  EXPIRED: entry({
    outcome: 'EXPIRED',
    label: { sv: 'Tiden gick ut', en: 'Deadline passed' },
    text: () => ({ sv: 'Sista dag för justering passerade innan alla hade justerat.', en: 'The deadline passed before everyone had adjusted.' }),
    fix: ['Länkarna gäller inte längre. Ladda upp protokollet på nytt för att skicka nya länkar.'],
  }),
  PROCESSING_FAILED: entry<{ queue: string; attempts: number; error: string }>({
    outcome: 'NEEDS_ATTENTION',
    label: { sv: 'Ett steg misslyckades', en: 'A step failed' },
    text: ({ queue, attempts, error }) => ({
      sv: `Steget "${queue}" misslyckades efter ${attempts} försök och väntar på åtgärd (${error.slice(0, 200)}). Driftansvarig kan köra "justera redrive" när felet är åtgärdat.`,
      en: `The ${queue} step failed after ${attempts} attempts; run "justera redrive" once the cause is fixed.`,
    }),
    // Nothing for the secretary: the text above says who acts.
    fix: [],
  }),
};

export const REASONS = { ...PARSE_REASONS, ...ROUTING_REASONS, ...LATER_REASONS };

export type ReasonCode = keyof typeof REASONS;
type ParamsOf<C extends ReasonCode> = (typeof REASONS)[C] extends Entry<infer P> ? P : never;
type Args<C extends ReasonCode> = Record<string, never> extends ParamsOf<C> ? [] : [ParamsOf<C>];

export function isReasonCode(code: string): code is ReasonCode {
  return Object.hasOwn(REASONS, code);
}

function entryOf(code: ReasonCode): Entry<unknown> {
  return REASONS[code] as Entry<unknown>;
}

/** The reason for this case, with its texts from the table. */
export function reason<C extends ReasonCode>(code: C, ...params: Args<C>): Reason {
  return { code, ...entryOf(code).text(params[0] ?? {}) };
}

/** What the secretary does about this case. */
export function fixFor<C extends ReasonCode>(code: C, ...params: Args<C>): string[] {
  const fix = entryOf(code).fix;
  return typeof fix === 'function' ? fix(params[0] ?? {}) : [...fix];
}

/** For a stored reason, when the particulars of its case are gone: the fixed advice, or the general one. */
export function storedFix(code: string): string[] {
  const fix = isReasonCode(code) ? entryOf(code).fix : REUPLOAD_AS_PDF;
  return typeof fix === 'function' ? [...REUPLOAD_AS_PDF] : [...fix];
}

/** A reason the parser raised, with its own sentence (which names the particulars, e.g. the page limit). */
export function parserReason(code: string, texts: Texts): Reason {
  if (!isReasonCode(code) || !entryOf(code).fromParser) throw new Error(`the parser raised ${code}, which shared/domain/reasons.ts does not know`);
  return { code, ...texts };
}

/** The state a protocol stopped for this code is in (NEEDS_ATTENTION for a code not in the table). */
export function outcomeOf(code: string): ProtocolStatus {
  return isReasonCode(code) ? entryOf(code).outcome : 'NEEDS_ATTENTION';
}

/** Whether routing may continue from a NEEDS_ATTENTION with this code (explicit: a person asked). */
export function reroutable(code: string, explicit: boolean): boolean {
  const reroute = isReasonCode(code) ? entryOf(code).reroute : undefined;
  return reroute === 'always' || (explicit && reroute === 'when-asked');
}

/** Codes a correction cures (PATCH /admin/protocols/{id}): those routing may continue from. */
export function correctable(code: string): boolean {
  return reroutable(code, true);
}
