// What the signer is told while BankID works: BankID prescribes the texts
// (its "recommended user messages", RFA1–RFA23, as developers.bankid.com
// publishes them today: RFA14 and RFA18 are withdrawn, "started" is RFA15)
// and which one goes with which status, hint code and error, so users see
// the same words in every service. One table, Swedish and English; one pure
// function picks the code.

export type Flow = 'qr' | 'autostart';
export type Device = 'desktop' | 'mobile';
export type Language = 'sv' | 'en';

export const RFA = {
  RFA1: { sv: 'Starta BankID-appen.', en: 'Start your BankID app.' },
  RFA2: { sv: 'Du verkar inte ha BankID-appen. Installera den och skaffa ett BankID.', en: "You don't seem to have the BankID app. Install the app and get a BankID." },
  RFA3: { sv: 'Åtgärden avbröts. Försök igen.', en: 'The action was cancelled. Please try again.' },
  RFA4: {
    sv: 'En identifiering eller underskrift pågår redan för ditt personnummer. Försök igen.',
    en: 'An identification or signature is already in progress for your personal identity number. Please try again.',
  },
  RFA5: { sv: 'Något gick fel. Försök igen.', en: 'Something went wrong. Please try again.' },
  RFA6: { sv: 'Åtgärden avbröts.', en: 'The action was cancelled.' },
  RFA8: {
    sv: 'BankID-appen svarar inte. Kontrollera att den är startad och att du har internetanslutning. Försök sedan igen.',
    en: "The BankID app is not responding. Please check that it's started and that you have internet access. Try again.",
  },
  RFA9: {
    sv: 'Skriv in din säkerhetskod i BankID-appen och välj Identifiera eller Skriv under.',
    en: 'Enter your security code in the BankID app and select Identify or Sign.',
  },
  RFA13: { sv: 'Försöker starta BankID-appen.', en: 'Trying to start your BankID app.' },
  RFA15A: {
    sv: 'Söker efter BankID. Säkerställ att du har ett giltigt BankID på den här datorn. Om du har ett BankID på kort, sätt in kortet i kortläsaren.',
    en: 'Searching for BankID. Make sure you have a valid BankID on this computer. If you have a BankID on card, please insert the card into your card reader.',
  },
  // BankID's Swedish text spells "gitligt"; the one correction made to its wording.
  RFA15B: { sv: 'Söker efter BankID. Säkerställ att du har ett giltigt BankID på den här enheten.', en: 'Searching for BankID. Make sure you have a valid BankID on this device.' },
  RFA16: {
    sv: 'Ditt BankID är för gammalt eller spärrat. Använd ett annat BankID eller skaffa ett nytt hos din bank.',
    en: 'Your BankID is blocked or too old. Please use another BankID or get a new one from your bank.',
  },
  RFA17A: {
    sv: 'Du verkar inte ha BankID-appen/programmet. Installera den och skaffa ett BankID hos din bank.',
    en: "You don't seem to have the BankID app/program. Please install it and get a BankID from your bank.",
  },
  RFA17B: { sv: 'Misslyckades att läsa av QR-koden. Starta BankID-appen och läs av QR-koden.', en: 'Failed to scan the QR code. Start the BankID app and scan the QR code.' },
  RFA19: { sv: 'Vill du använda BankID på den här datorn eller ett Mobilt BankID?', en: 'Would you like to use BankID on this computer, or a Mobile BankID?' },
  RFA20: { sv: 'Vill du använda BankID på den här enheten eller på en annan enhet?', en: 'Do you want to use BankID on this device or another device?' },
  RFA21: { sv: 'En identifiering eller underskrift pågår.', en: 'An identification or signing is in progress.' },
  RFA22: { sv: 'Något gick fel. Försök igen.', en: 'Something went wrong. Please try again.' },
  // BankID's English text has "you ID document"; corrected to "your".
  RFA23: { sv: 'Fotografera och läs av din ID-handling med BankID-appen.', en: 'Take a photo of, and scan, your ID document with the BankID app.' },
} as const satisfies Record<string, Record<Language, string>>;

export type RfaCode = keyof typeof RFA;

export function messageText(code: RfaCode, language: Language): string {
  return RFA[code][language];
}

export interface MessageContext {
  flow: Flow;
  /** The device the page runs on; decides between the A (computer) and B (phone) variants. Default mobile: a phone first. */
  device?: Device;
}

/**
 * The message for a collect answer. Unknown hint codes are expected (BankID
 * adds them without notice): RFA21 while pending, RFA22 once failed.
 * Complete orders have no message (the page moves on).
 */
export function collectMessage(status: 'pending' | 'failed' | 'complete', hintCode: string | undefined, context: MessageContext): RfaCode | null {
  const desktop = context.device === 'desktop';
  if (status === 'complete') return null;
  if (status === 'pending') {
    switch (hintCode) {
      case 'outstandingTransaction':
        return context.flow === 'autostart' ? 'RFA13' : 'RFA1';
      case 'noClient':
        return 'RFA1';
      case 'started':
        // The app looks for a usable BankID: A on a computer, B on a phone (a QR code is read by a phone: B).
        return context.flow === 'autostart' && desktop ? 'RFA15A' : 'RFA15B';
      case 'userMrtd':
        return 'RFA23';
      case 'userSign':
        return 'RFA9';
      default:
        return 'RFA21';
    }
  }
  switch (hintCode) {
    case 'expiredTransaction':
      return 'RFA8';
    case 'certificateErr':
      return 'RFA16';
    case 'userCancel':
      return 'RFA6';
    case 'cancelled':
      return 'RFA3';
    case 'startFailed':
      return context.flow === 'qr' ? 'RFA17B' : 'RFA17A';
    default:
      return 'RFA22';
  }
}

/**
 * The message for an error answer of the RP API. null: an error in our own
 * request or setup (invalidParameters, unauthorized, notFound, …), which
 * BankID says must not be shown as a BankID error; the page says our own.
 */
export function errorMessage(errorCode: string): RfaCode | null {
  switch (errorCode) {
    case 'alreadyInProgress':
      return 'RFA4';
    case 'requestTimeout':
    case 'internalError':
    case 'maintenance':
      return 'RFA5';
    case 'invalidParameters':
    case 'unauthorized':
    case 'notFound':
    case 'methodNotAllowed':
    case 'unsupportedMediaType':
      return null;
    default:
      return 'RFA22';
  }
}
