// What the signer is told while BankID works: BankID prescribes the texts
// (its "recommended user messages", RFA1–RFA23) and which one goes with which
// status, hint code and error, so users see the same words in every service.
// One table, Swedish and English; one pure function picks the code.

export type Flow = 'qr' | 'autostart';
export type Device = 'desktop' | 'mobile';
export type Language = 'sv' | 'en';

export const RFA = {
  RFA1: { sv: 'Starta BankID-appen.', en: 'Start your BankID app.' },
  RFA2: { sv: 'Du har inte BankID-appen installerad. Kontakta din bank.', en: 'The BankID app is not installed. Please contact your bank.' },
  RFA3: { sv: 'Åtgärden avbruten. Försök igen.', en: 'Action cancelled. Please try again.' },
  RFA4: {
    sv: 'En identifiering eller underskrift för det här personnumret är redan påbörjad. Försök igen.',
    en: 'An identification or signing for this personal number is already started. Please try again.',
  },
  RFA5: { sv: 'Internt tekniskt fel. Försök igen.', en: 'Internal error. Please try again.' },
  RFA6: { sv: 'Åtgärden avbruten.', en: 'Action cancelled.' },
  RFA8: {
    sv: 'BankID-appen svarar inte. Kontrollera att den är startad och att du har internetanslutning. Om du inte har något giltigt BankID kan du skaffa ett hos din bank. Försök sedan igen.',
    en: "The BankID app is not responding. Please check that it's started and that you have internet access. If you don't have a valid BankID you can get one from your bank. Try again.",
  },
  RFA9: {
    sv: 'Skriv in din säkerhetskod i BankID-appen och välj Identifiera eller Skriv under.',
    en: 'Enter your security code in the BankID app and select Identify or Sign.',
  },
  RFA13: { sv: 'Försöker starta BankID-appen.', en: 'Trying to start your BankID app.' },
  RFA14A: {
    sv: 'Söker efter BankID, det kan ta en liten stund … Om det har gått några sekunder och inget BankID har hittats har du sannolikt inget BankID som går att använda för den aktuella identifieringen/underskriften i den här datorn. Om du har ett BankID-kort, sätt in det i kortläsaren. Om du inte har något BankID kan du skaffa ett hos din bank. Om du har ett BankID på en annan enhet kan du starta din BankID-app där.',
    en: "Searching for BankID, it may take a little while … If a few seconds have passed and still no BankID has been found, you probably don't have a BankID which can be used for this identification/signing on this computer. If you have a BankID card, please insert it into your card reader. If you don't have a BankID you can get one from your bank. If you have a BankID on another device you can start the BankID app on that device.",
  },
  RFA14B: {
    sv: 'Söker efter BankID, det kan ta en liten stund … Om det har gått några sekunder och inget BankID har hittats har du sannolikt inget BankID som går att använda för den aktuella identifieringen/underskriften i den här enheten. Om du inte har något BankID kan du skaffa ett hos din bank. Om du har ett BankID på en annan enhet kan du starta din BankID-app där.',
    en: "Searching for BankID, it may take a little while … If a few seconds have passed and still no BankID has been found, you probably don't have a BankID which can be used for this identification/signing on this device. If you don't have a BankID you can get one from your bank. If you have a BankID on another device you can start the BankID app on that device.",
  },
  RFA15A: {
    sv: 'Söker efter BankID, det kan ta en liten stund … Om det har gått några sekunder och inget BankID har hittats har du sannolikt inget BankID som går att använda för den aktuella identifieringen/underskriften i den här datorn. Om du har ett BankID-kort, sätt in det i kortläsaren. Om du inte har något BankID kan du skaffa ett hos din bank.',
    en: "Searching for BankID:s, it may take a little while … If a few seconds have passed and still no BankID has been found, you probably don't have a BankID which can be used for this identification/signing on this computer. If you have a BankID card, please insert it into your card reader. If you don't have a BankID you can get one from your bank.",
  },
  RFA15B: {
    sv: 'Söker efter BankID, det kan ta en liten stund … Om det har gått några sekunder och inget BankID har hittats har du sannolikt inget BankID som går att använda för den aktuella identifieringen/underskriften i den här enheten. Om du inte har något BankID kan du skaffa ett hos din bank.',
    en: "Searching for BankID:s, it may take a little while … If a few seconds have passed and still no BankID has been found, you probably don't have a BankID which can be used for this identification/signing on this device. If you don't have a BankID you can get one from your bank.",
  },
  RFA16: {
    sv: 'Det BankID du försöker använda är för gammalt eller spärrat. Använd ett annat BankID eller skaffa ett nytt hos din bank.',
    en: 'The BankID you are trying to use is blocked or too old. Please use another BankID or get a new one from your bank.',
  },
  RFA17A: {
    sv: 'BankID-appen verkar inte finnas i din dator eller telefon. Installera den och skaffa ett BankID hos din bank. Installera appen från din appbutik eller https://install.bankid.com.',
    en: "The BankID app couldn't be found on your computer or mobile device. Please install it and get a BankID from your bank. Install the app from your app store or https://install.bankid.com.",
  },
  RFA17B: {
    sv: 'Misslyckades att läsa av QR-koden. Starta BankID-appen och läs av QR-koden. Kontrollera att BankID-appen är uppdaterad. Om du inte har BankID-appen måste du installera den och skaffa ett BankID hos din bank. Installera appen från din appbutik eller https://install.bankid.com.',
    en: "Failed to scan the QR code. Start the BankID app and scan the QR code. Check that the BankID app is up to date. If you don't have the BankID app, you need to install it and get a BankID from your bank. Install the app from your app store or https://install.bankid.com.",
  },
  RFA18: { sv: 'Starta BankID-appen', en: 'Start the BankID app' },
  RFA19: {
    sv: 'Vill du identifiera dig eller skriva under med BankID på den här datorn eller med ett Mobilt BankID?',
    en: 'Would you like to identify yourself or sign with a BankID on this computer or with a Mobile BankID?',
  },
  RFA20: {
    sv: 'Vill du identifiera dig eller skriva under med ett BankID på den här enheten eller med ett BankID på en annan enhet?',
    en: 'Would you like to identify yourself or sign with a BankID on this device or with a BankID on another device?',
  },
  RFA21: { sv: 'Identifiering eller underskrift pågår.', en: 'Identification or signing in progress.' },
  RFA22: { sv: 'Okänt fel. Försök igen.', en: 'Unknown error. Please try again.' },
  RFA23: { sv: 'Fotografera och läs av din ID-handling med BankID-appen.', en: 'Process your machine-readable travel document using the BankID app.' },
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
        // The app was started and looks for a usable BankID: RFA14 when it was started by the autostart link
        // (A on a computer, B on a phone), RFA15 when the user started it by hand (a QR code is read by a phone: B).
        if (context.flow === 'autostart') return desktop ? 'RFA14A' : 'RFA14B';
        return 'RFA15B';
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
