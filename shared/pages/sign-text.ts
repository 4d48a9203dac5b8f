// The words of the signing page, Swedish first and English on request. Kept
// apart from the markup so that both languages stay complete (the type makes a
// missing English string a compile error). Functions that take data return Html
// built with `html`, so the data is escaped there.
import { html, type Html } from '../html/html';
import type { LinkState } from '../flow/sign';
import type { SignerRole, SignerStatus } from '../domain/records';
import { bidi, type Lang } from './parts';

export type Tone = 'info' | 'ok' | 'warn' | 'stop';

export interface Banner {
  tone: Tone;
  heading: string;
  body: Html;
}

export interface BannerFacts {
  deadline: string;
  signedAt: string | null;
  adjustedAt: string | null;
  secretary: string | null;
  comment: string | null;
  /** The protocol's public reason (who asked for a change); never a comment. */
  reason: string | null;
  /** Once published: the signed PDF and the notice's dates. */
  published: { pdfUrl: string; postedOn: string; appealEndsOn: string } | null;
}

export interface SignText {
  kicker: { protokoll: string; minnesanteckningar: string };
  missing: string;
  facts: { meeting: string; time: string; place: string; you: string; deadline: string };
  role: Record<SignerRole, string>;
  status: Record<SignerStatus, string>;
  signedAt: (time: string) => string;
  you: string;
  banner: (state: LinkState, f: BannerFacts) => Banner;
  toForm: string;
  /** Minnesanteckningar are not a protokoll: the headings (and so the page title) call them by their name. */
  notes: { headings: Partial<Record<LinkState, string>>; document: string; sign: string };
  /** The bar that stays at the foot of the screen while the link is open. */
  actionBar: { label: string; sign: string; change: string };
  document: { heading: string; open: string; pages: (n: number) => string; objectTitle: string; fallback: string; hash: string; hashNote: string };
  content: { heading: string; note: string; toc: string; decisions: string; empty: string; otherDecisions: string };
  signers: { heading: string };
  sign: { heading: string; intro: string; consent: (role: string) => string; hint: string; button: string };
  bankId: {
    intro: string;
    hint: string;
    button: string;
    running: string;
    qrAlt: string;
    openHere: string;
    collect: string;
    tryAgain: string;
    refused: string;
    ours: string;
  };
  change: { heading: string; intro: string; topic: string; label: string; hint: (max: number) => string; button: string };
  errors: {
    summary: string;
    prefix: string;
    consent: string;
    comment: (max: number) => string;
    action: string;
    refusedOpen: string;
    refused: string;
    changeNotSent: string;
  };
  unknown: { title: string; body: string; help: string };
}

const contact = (lang: Lang, secretary: string | null): Html =>
  lang === 'sv'
    ? secretary
      ? html`Kontakta sekreteraren, ${bidi(secretary)}, om du har frågor.`
      : html`Kontakta sekreteraren om du har frågor.`
    : secretary
      ? html`Contact the secretary, ${bidi(secretary)}, if you have questions.`
      : html`Contact the secretary if you have questions.`;

/** How Swedish names the document and what agrees with it: minnesanteckningar are not a protokoll, and are plural. */
interface Noun {
  the: string;
  The: string;
  it: string;
  It: string;
  adjusted: string;
  posted: string;
  theAdjusted: string;
  which: string;
}

const PROTOKOLL: Noun = { the: 'protokollet', The: 'Protokollet', it: 'det', It: 'Det', adjusted: 'justerat', posted: 'anslaget', theAdjusted: 'det justerade protokollet', which: 'vilket protokoll' };
const MINNESANTECKNINGAR: Noun = {
  the: 'minnesanteckningarna',
  The: 'Minnesanteckningarna',
  it: 'dem',
  It: 'De',
  adjusted: 'justerade',
  posted: 'anslagna',
  theAdjusted: 'de justerade minnesanteckningarna',
  which: 'vilka minnesanteckningar',
};

const swedish = (n: Noun): SignText => ({
  kicker: { protokoll: 'Protokoll att justera', minnesanteckningar: 'Minnesanteckningar att justera' },
  missing: 'Uppgift saknas',
  facts: { meeting: 'Sammanträde', time: 'Tid', place: 'Plats', you: 'Du justerar som', deadline: 'Justera senast' },
  role: { ordförande: 'ordförande', justerare: 'justerare', sekreterare: 'sekreterare' },
  status: { waiting: 'Väntar på sin tur', pending: 'Har inte justerat än', signed: 'Har justerat', 'changes-requested': 'Har begärt ändring', withdrawn: 'Ersatt efter rättelse' },
  signedAt: (time) => `Justerade ${time}`,
  you: '(du)',
  banner: (state, f) => {
    switch (state) {
      case 'open':
        return {
          tone: 'info',
          heading: `Du ombeds justera ${n.the}`,
          body: html`<p>Läs ${n.the} och justera ${n.it} senast <strong>${f.deadline}</strong>, eller begär en ändring om något inte stämmer.</p>`,
        };
      case 'signed':
        return {
          tone: 'ok',
          heading: `Tack – du har justerat ${n.the}`,
          body: html`${f.signedAt ? html`<p>Du justerade <strong>${f.signedAt}</strong>.</p>` : ''}<p>När alla har justerat stämplas och förseglas ${n.the}, och justeringen anslås på anslagstavlan. Du behöver inte göra något mer.</p>`,
        };
      case 'changes-requested':
        return {
          tone: 'warn',
          heading: 'Du har begärt en ändring',
          body: html`<p>Sekreteraren har fått ditt meddelande. När en rättad version finns får du en ny länk via e-post. Den här länken kan inte längre användas för att justera.</p>${
            f.comment ? html`<p>Ditt meddelande:</p><blockquote>${f.comment}</blockquote>` : ''
          }`,
        };
      case 'paused':
        return {
          tone: 'warn',
          heading: 'Justeringen är pausad',
          body: html`${f.signedAt ? html`<p>Du justerade <strong>${f.signedAt}</strong>.</p>` : ''}<p>Någon annan som justerar har begärt en ändring.${
            f.reason ? html` ${f.reason}` : ''
          }</p><p>${f.signedAt ? `Rättas ${n.the} får du en ny länk via e-post och ombeds justera den nya versionen.` : 'Vänta på en ny version – du får då en ny länk via e-post.'} Du behöver inte göra något nu.</p>`,
        };
      case 'expired':
        return {
          tone: 'stop',
          heading: 'Tiden för justering har gått ut',
          body: html`<p>Sista dagen var ${f.deadline}. Länken kan inte längre användas. ${contact('sv', f.secretary)}</p>`,
        };
      case 'superseded':
        return {
          tone: 'stop',
          heading: 'Det finns en nyare version',
          body: html`<p>En nyare version av ${n.the} har skickats till dig. Använd länken i det senaste e-postmeddelandet. Den här versionen kan inte justeras.</p>`,
        };
      case 'adjusted':
        return {
          tone: 'ok',
          heading: `${n.The} är ${n.adjusted}`,
          body: html`<p>Alla har justerat ${n.the}${f.adjustedAt ? html` (${f.adjustedAt})` : ''}. ${n.It} stämplas och förseglas nu, och justeringen anslås på <a href="/anslagstavla">anslagstavlan</a>. Du får ${n.theAdjusted} via e-post.</p>`,
        };
      case 'published':
        return {
          tone: 'ok',
          heading: `${n.The} är ${n.adjusted} och ${n.posted}`,
          body: html`<p>Alla har justerat ${n.the}${f.adjustedAt ? html` (${f.adjustedAt})` : ''}.${
            f.published
              ? html` Justeringen anslogs på <a href="/anslagstavla">anslagstavlan</a> ${f.published.postedOn}; sista dag att överklaga är <strong>${f.published.appealEndsOn}</strong>.</p><p><a class="button" href="${f.published.pdfUrl}">Hämta ${n.theAdjusted} (PDF)</a>`
              : ''
          }</p>`,
        };
      case 'closed':
        return {
          tone: 'stop',
          heading: 'Länken är inte aktiv',
          body: html`<p>${n.The} kan inte justeras via den här länken just nu. ${contact('sv', f.secretary)}</p>`,
        };
    }
  },
  toForm: 'Gå till justeringen',
  notes: {
    headings: {
      open: 'Du ombeds justera minnesanteckningarna',
      signed: 'Tack – du har justerat minnesanteckningarna',
      adjusted: 'Minnesanteckningarna är justerade',
      published: 'Minnesanteckningarna är justerade och anslagna',
    },
    document: 'Minnesanteckningarna',
    sign: 'Justera minnesanteckningarna',
  },
  actionBar: { label: 'Snabbval', sign: 'Justera', change: 'Begär ändring' },
  document: {
    heading: n.The,
    open: 'Öppna PDF',
    pages: (n) => (n === 1 ? '1 sida' : `${n} sidor`),
    objectTitle: `${n.The} som PDF`,
    fallback: 'PDF-filen kan inte visas här.',
    hash: 'Kontrollsumma (SHA-256)',
    hashNote: 'Din justering gäller exakt den fil som har den här kontrollsumman.',
  },
  content: {
    heading: 'Paragrafer och beslut',
    note: 'Texten nedan är hämtad ur PDF-filen för att vara lätt att läsa. Det är PDF-filen som justeras.',
    toc: 'Innehåll',
    decisions: 'Beslut',
    empty: `Inga paragrafer kunde läsas ur PDF-filen. Läs ${n.the} i PDF-filen.`,
    otherDecisions: 'Övriga beslut',
  },
  signers: { heading: 'Vem justerar' },
  sign: {
    heading: `Justera ${n.the}`,
    intro: `När du justerar intygar du att ${n.the} stämmer med det som sades och beslutades på sammanträdet.`,
    consent: (role) => `Jag har läst ${n.the} och justerar ${n.it} som ${role}.`,
    hint: 'Justeringen registreras med tidpunkt, IP-adress och PDF-filens kontrollsumma. Den kan inte ångras.',
    button: 'Justera',
  },
  bankId: {
    intro: `Du justerar med BankID. Appen visar ${n.which} du skriver under och dokumentets kontrollsumma.`,
    hint: 'Justeringen registreras med tidpunkt, IP-adress, PDF-filens kontrollsumma och BankID-underskriften. Den kan inte ångras.',
    button: 'Justera med BankID',
    running: 'Skriv under i BankID-appen',
    qrAlt: 'QR-kod att skanna med BankID-appen',
    openHere: 'Öppna BankID på den här enheten',
    collect: 'Jag har skrivit under – fortsätt',
    tryAgain: 'Försök igen',
    refused: 'Underskriften gjordes med en annan persons BankID än den som ska justera. Den räknas inte. Justera med ditt eget BankID.',
    ours: 'Något gick fel hos oss när BankID skulle startas. Försök igen om en stund.',
  },
  change: {
    heading: 'Begär ändring',
    intro:
      'Stämmer något inte? Beskriv vad som ska ändras. Sekreteraren får ditt meddelande och skickar en rättad version till alla som justerar. Justeringen pausas under tiden.',
    topic: 'Vad gäller ändringen?',
    label: 'Vad ska ändras?',
    hint: (max) => `Ange gärna paragraf. Högst ${max} tecken.`,
    button: 'Begär ändring',
  },
  errors: {
    summary: 'Det finns ett problem',
    prefix: 'Fel:',
    consent: `Kryssa i rutan för att bekräfta att du har läst ${n.the}.`,
    comment: (max) => `Skriv vad som ska ändras, högst ${max} tecken.`,
    action: 'Formuläret kunde inte tolkas. Välj Justera eller Begär ändring igen.',
    refusedOpen: `${n.The} har ändrats sedan du öppnade sidan. Läs den aktuella versionen nedan och försök igen.`,
    refused: 'Det du skickade kunde inte tas emot. Se status nedan.',
    changeNotSent: `Din begäran om ändring skickades inte: du hade redan justerat ${n.the} (kanske i en annan flik). Vill du ändå att något rättas, kontakta sekreteraren.`,
  },
  unknown: {
    title: 'Länken gäller inte',
    body: 'Länken är felaktig eller gäller inte längre.',
    help: 'Kontrollera att du har använt hela länken från e-postmeddelandet. Har du fått en nyare länk, använd den. Kontakta annars sekreteraren för organet.',
  },
});

const en: SignText = {
  kicker: { protokoll: 'Minutes to adjust', minnesanteckningar: 'Meeting notes to adjust' },
  missing: 'Not stated',
  facts: { meeting: 'Meeting', time: 'Time', place: 'Place', you: 'You sign as', deadline: 'Adjust by' },
  role: { ordförande: 'chair', justerare: 'adjuster', sekreterare: 'secretary' },
  status: { waiting: 'Waiting for their turn', pending: 'Not adjusted yet', signed: 'Adjusted', 'changes-requested': 'Requested a change', withdrawn: 'Replaced after a correction' },
  signedAt: (time) => `Adjusted ${time}`,
  you: '(you)',
  banner: (state, f) => {
    switch (state) {
      case 'open':
        return {
          tone: 'info',
          heading: 'You are asked to adjust (sign) the minutes',
          body: html`<p>Read the minutes and adjust them by <strong>${f.deadline}</strong>, or request a change if something is wrong.</p>`,
        };
      case 'signed':
        return {
          tone: 'ok',
          heading: 'Thank you – you have adjusted the minutes',
          body: html`${f.signedAt ? html`<p>You adjusted them on <strong>${f.signedAt}</strong>.</p>` : ''}<p>Once everyone has adjusted them, the minutes are stamped and sealed and the adjustment is posted on the notice board. There is nothing more for you to do.</p>`,
        };
      case 'changes-requested':
        return {
          tone: 'warn',
          heading: 'You have requested a change',
          body: html`<p>The secretary has received your message. When a corrected version exists you will get a new link by e-mail. This link can no longer be used to adjust the minutes.</p>${
            f.comment ? html`<p>Your message:</p><blockquote lang="sv">${f.comment}</blockquote>` : ''
          }`,
        };
      case 'paused':
        return {
          tone: 'warn',
          heading: 'The adjustment is paused',
          body: html`${f.signedAt ? html`<p>You adjusted them on <strong>${f.signedAt}</strong>.</p>` : ''}<p>Someone else who signs has requested a change.${
            f.reason ? html` <span lang="sv">${f.reason}</span>` : ''
          }</p><p>${f.signedAt ? 'If the minutes are corrected, you will get a new link by e-mail to adjust the new version.' : 'Wait for a new version – you will then get a new link by e-mail.'} There is nothing for you to do now.</p>`,
        };
      case 'expired':
        return {
          tone: 'stop',
          heading: 'The time to adjust has run out',
          body: html`<p>The last day was ${f.deadline}. The link can no longer be used. ${contact('en', f.secretary)}</p>`,
        };
      case 'superseded':
        return {
          tone: 'stop',
          heading: 'There is a newer version',
          body: html`<p>A newer version of the minutes has been sent to you. Use the link in the most recent e-mail. This version cannot be adjusted.</p>`,
        };
      case 'adjusted':
        return {
          tone: 'ok',
          heading: 'The minutes are adjusted',
          body: html`<p>Everyone has adjusted the minutes${f.adjustedAt ? html` (${f.adjustedAt})` : ''}. They are being stamped and sealed now, and the adjustment is posted on the <a href="/anslagstavla" hreflang="sv">notice board</a>. You will get the adjusted minutes by e-mail.</p>`,
        };
      case 'published':
        return {
          tone: 'ok',
          heading: 'The minutes are adjusted and posted',
          body: html`<p>Everyone has adjusted the minutes${f.adjustedAt ? html` (${f.adjustedAt})` : ''}.${
            f.published
              ? html` The adjustment was posted on the <a href="/anslagstavla" hreflang="sv">notice board</a> on ${f.published.postedOn}; the last day to appeal is <strong>${f.published.appealEndsOn}</strong>.</p><p><a class="button" href="${f.published.pdfUrl}">Download the adjusted minutes (PDF)</a>`
              : ''
          }</p>`,
        };
      case 'closed':
        return {
          tone: 'stop',
          heading: 'The link is not active',
          body: html`<p>The minutes cannot be adjusted through this link at the moment. ${contact('en', f.secretary)}</p>`,
        };
    }
  },
  toForm: 'Go to the adjustment',
  notes: {
    headings: {
      open: 'You are asked to adjust (sign) the meeting notes',
      signed: 'Thank you – you have adjusted the meeting notes',
      adjusted: 'The meeting notes are adjusted',
      published: 'The meeting notes are adjusted and posted',
    },
    document: 'The meeting notes',
    sign: 'Adjust (sign) the meeting notes',
  },
  actionBar: { label: 'Quick actions', sign: 'Adjust (sign)', change: 'Request a change' },
  document: {
    heading: 'The minutes',
    open: 'Open PDF',
    pages: (n) => (n === 1 ? '1 page' : `${n} pages`),
    objectTitle: 'The minutes as PDF',
    fallback: 'The PDF cannot be shown here.',
    hash: 'Checksum (SHA-256)',
    hashNote: 'Your adjustment applies to exactly the file with this checksum.',
  },
  content: {
    heading: 'Paragraphs and decisions',
    note: 'The minutes are in Swedish. The text below is taken from the PDF to make it easy to read; what you adjust is the PDF.',
    toc: 'Contents',
    decisions: 'Decision',
    empty: 'No paragraphs could be read from the PDF. Read the minutes in the PDF.',
    otherDecisions: 'Other decisions',
  },
  signers: { heading: 'Who signs' },
  sign: {
    heading: 'Adjust (sign) the minutes',
    intro: 'By adjusting the minutes you confirm that they match what was said and decided at the meeting.',
    consent: (role) => `I have read the minutes and adjust (sign) them as ${role}.`,
    hint: 'The adjustment is recorded with the time, your IP address and the checksum of the PDF. It cannot be undone.',
    button: 'Adjust (sign)',
  },
  bankId: {
    intro: 'You sign with BankID. The app shows which minutes you sign and the checksum of the document.',
    hint: 'The adjustment is recorded with the time, your IP address, the checksum of the PDF and the BankID signature. It cannot be undone.',
    button: 'Adjust (sign) with BankID',
    running: 'Sign in the BankID app',
    qrAlt: 'QR code to scan with the BankID app',
    openHere: 'Open BankID on this device',
    collect: 'I have signed – continue',
    tryAgain: 'Try again',
    refused: "The signature was made with another person's BankID than the invited signer's. It does not count. Sign with your own BankID.",
    ours: 'Something went wrong on our side when starting BankID. Please try again in a moment.',
  },
  change: {
    heading: 'Request a change',
    intro:
      'Is something wrong? Describe what should be changed. The secretary gets your message and sends a corrected version to everyone who signs. The adjustment is paused meanwhile.',
    topic: 'What does the change concern?',
    label: 'What should be changed?',
    hint: (max) => `Mention the paragraph if you can. At most ${max} characters.`,
    button: 'Request a change',
  },
  errors: {
    summary: 'There is a problem',
    prefix: 'Error:',
    consent: 'Tick the box to confirm that you have read the minutes.',
    comment: (max) => `Write what should be changed, at most ${max} characters.`,
    action: 'The form could not be understood. Choose Adjust or Request a change again.',
    refusedOpen: 'The minutes have changed since you opened the page. Read the current version below and try again.',
    refused: 'What you sent could not be accepted. See the status below.',
    changeNotSent: 'Your change request was not sent: you had already adjusted the minutes (perhaps in another tab). If something still needs correcting, contact the secretary.',
  },
  unknown: {
    title: 'The link is not valid',
    body: 'The link is wrong or no longer valid.',
    help: 'Check that you used the whole link from the e-mail. If you have received a newer link, use that one. Otherwise contact the secretary of the body.',
  },
};

export const SIGN_TEXT: Record<Lang, SignText> = { sv: swedish(PROTOKOLL), en };
/** The Swedish words for minnesanteckningar: every sentence that names the document names them so. */
export const SIGN_TEXT_NOTES_SV: SignText = swedish(MINNESANTECKNINGAR);
