// The user messages BankID prescribes: every code in both languages, and the
// code for each status, hint code, start flow and error.
import { describe, expect, it } from 'vitest';
import { BankIdError } from '../../../shared/bankid/errors';
import { collectMessage, errorMessage, messageText, RFA, type RfaCode } from '../../../shared/bankid/messages';

describe('RFA table', () => {
  it('has RFA1–RFA23 as BankID numbers them (no RFA7, RFA10–12), each in Swedish and English', () => {
    const numbers = new Set(Object.keys(RFA).map((code) => Number(/^RFA(\d+)/.exec(code)?.[1])));
    expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
    for (const code of Object.keys(RFA) as RfaCode[]) {
      expect(messageText(code, 'sv')).toMatch(/\S/);
      expect(messageText(code, 'en')).toMatch(/\S/);
      expect(messageText(code, 'sv')).not.toBe(messageText(code, 'en'));
    }
    expect(messageText('RFA6', 'sv')).toBe('Åtgärden avbruten.');
  });
});

describe('collectMessage', () => {
  it.each([
    ['pending', 'outstandingTransaction', 'qr', undefined, 'RFA1'],
    ['pending', 'outstandingTransaction', 'autostart', undefined, 'RFA13'],
    ['pending', 'noClient', 'autostart', undefined, 'RFA1'],
    ['pending', 'started', 'qr', undefined, 'RFA15B'],
    ['pending', 'started', 'autostart', 'desktop', 'RFA14A'],
    ['pending', 'started', 'autostart', 'mobile', 'RFA14B'],
    ['pending', 'started', 'autostart', undefined, 'RFA14B'],
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
