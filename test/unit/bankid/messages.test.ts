// The user messages BankID prescribes: every code in both languages, and the
// code for each status, hint code, start flow and error.
import { describe, expect, it } from 'vitest';
import { BankIdError } from '../../../shared/bankid/errors';
import { collectMessage, errorMessage, messageText, RFA, type RfaCode } from '../../../shared/bankid/messages';

describe('RFA table', () => {
  it('has RFA1–RFA23 as BankID numbers them today (no RFA7, RFA10–12, RFA14, RFA18), each in Swedish and English', () => {
    const numbers = new Set(Object.keys(RFA).map((code) => Number(/^RFA(\d+)/.exec(code)?.[1])));
    expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 13, 15, 16, 17, 19, 20, 21, 22, 23]);
    for (const code of Object.keys(RFA) as RfaCode[]) {
      expect(messageText(code, 'sv')).toMatch(/\S/);
      expect(messageText(code, 'en')).toMatch(/\S/);
      expect(messageText(code, 'sv')).not.toBe(messageText(code, 'en'));
    }
  });

  it('says what BankID publishes, word for word, for the messages a signer sees most', () => {
    expect(messageText('RFA1', 'sv')).toBe('Starta BankID-appen.');
    expect(messageText('RFA3', 'sv')).toBe('Åtgärden avbröts. Försök igen.');
    expect(messageText('RFA5', 'sv')).toBe('Något gick fel. Försök igen.');
    expect(messageText('RFA6', 'sv')).toBe('Åtgärden avbröts.');
    expect(messageText('RFA8', 'sv')).toBe('BankID-appen svarar inte. Kontrollera att den är startad och att du har internetanslutning. Försök sedan igen.');
    expect(messageText('RFA9', 'en')).toBe('Enter your security code in the BankID app and select Identify or Sign.');
    expect(messageText('RFA17B', 'sv')).toBe('Misslyckades att läsa av QR-koden. Starta BankID-appen och läs av QR-koden.');
  });

  it('every code the hint and error mappings can give is in the table, and every table entry is reachable or a start-page choice', () => {
    const pending = ['outstandingTransaction', 'noClient', 'started', 'userMrtd', 'userCallConfirm', 'userSign', 'unknown'];
    const failed = ['expiredTransaction', 'certificateErr', 'userCancel', 'cancelled', 'startFailed', 'unknown'];
    const given = new Set<string>();
    for (const flow of ['qr', 'autostart'] as const)
      for (const device of ['desktop', 'mobile'] as const) {
        for (const hint of pending) given.add(collectMessage('pending', hint, { flow, device })!);
        for (const hint of failed) given.add(collectMessage('failed', hint, { flow, device })!);
      }
    for (const error of ['alreadyInProgress', 'requestTimeout', 'internalError', 'maintenance', 'unknown']) given.add(errorMessage(error)!);
    for (const code of given) expect(Object.keys(RFA), code).toContain(code);
    // RFA2 (no app), RFA19 and RFA20 (which device) are for a start page that asks; this one offers both ways at once.
    expect(Object.keys(RFA).filter((code) => !given.has(code)).sort()).toEqual(['RFA19', 'RFA2', 'RFA20']);
  });
});

describe('collectMessage', () => {
  it.each([
    ['pending', 'outstandingTransaction', 'qr', undefined, 'RFA1'],
    ['pending', 'outstandingTransaction', 'autostart', undefined, 'RFA13'],
    ['pending', 'noClient', 'autostart', undefined, 'RFA1'],
    ['pending', 'started', 'qr', undefined, 'RFA15B'],
    ['pending', 'started', 'qr', 'desktop', 'RFA15B'],
    ['pending', 'started', 'autostart', 'desktop', 'RFA15A'],
    ['pending', 'started', 'autostart', 'mobile', 'RFA15B'],
    ['pending', 'started', 'autostart', undefined, 'RFA15B'],
    ['pending', 'userCallConfirm', 'qr', undefined, 'RFA21'],
    ['pending', 'userMrtd', 'qr', undefined, 'RFA23'],
    ['pending', 'userSign', 'qr', undefined, 'RFA9'],
    ['pending', 'aHintAddedLater', 'qr', undefined, 'RFA21'],
    ['failed', 'expiredTransaction', 'qr', undefined, 'RFA8'],
    ['failed', 'certificateErr', 'qr', undefined, 'RFA16'],
    ['failed', 'userCancel', 'autostart', undefined, 'RFA6'],
    ['failed', 'cancelled', 'qr', undefined, 'RFA3'],
    ['failed', 'startFailed', 'qr', undefined, 'RFA17B'],
    ['failed', 'startFailed', 'autostart', undefined, 'RFA17A'],
    ['failed', 'aHintAddedLater', 'qr', undefined, 'RFA22'],
  ] as const)('%s %s (%s, %s) → %s', (status, hint, flow, device, code) => {
    expect(collectMessage(status, hint, { flow, ...(device ? { device } : {}) })).toBe(code);
  });

  it('has nothing to say once complete', () => {
    expect(collectMessage('complete', undefined, { flow: 'qr' })).toBeNull();
  });
});

describe('errorMessage', () => {
  it.each([
    ['alreadyInProgress', 'RFA4'],
    ['requestTimeout', 'RFA5'],
    ['internalError', 'RFA5'],
    ['maintenance', 'RFA5'],
    ['anErrorAddedLater', 'RFA22'],
    ['invalidParameters', null],
    ['unauthorized', null],
    ['notFound', null],
    ['unsupportedMediaType', null],
  ])('%s → %s', (errorCode, code) => {
    expect(errorMessage(errorCode)).toBe(code);
    expect(new BankIdError(errorCode, '', 400).userMessage).toBe(code);
  });

  it('retries only maintenance', () => {
    expect(['maintenance', 'internalError', 'requestTimeout', 'alreadyInProgress'].map((c) => new BankIdError(c, '', 500).retryable)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});
