// The animated QR code and the autostart links.
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { autostartLink, qrData, qrSeconds, qrSvg } from '../../../shared/bankid/qr';

// BankID's published example order: the QR content for 0, 1 and 2 seconds.
const TOKEN = '67df3917-fa0d-44e5-b327-edcc928297f8';
const SECRET = 'd28db9a7-4cde-429e-a983-359be676944c';

describe('qrData', () => {
  it.each([
    [0, 'dc69358e712458a66a7525beef148ae8526b1c71610eff2c16cdffb4cdac9bf8'],
    [1, '949d559bf23403952a94d103e67743126381eda00f0b3cbddbf7c96b1adcbce2'],
    [2, 'a9e5ec59cb4eee4ef4117150abc58fad7a85439a6a96ccbecc3668b41795b3f3'],
  ])('matches BankID’s vector for %i s', (seconds, code) => {
    expect(qrData(TOKEN, SECRET, seconds)).toBe(`bankid.${TOKEN}.${seconds}.${code}`);
  });

  it('refuses negative or fractional seconds', () => {
    expect(() => qrData(TOKEN, SECRET, -1)).toThrow();
    expect(() => qrData(TOKEN, SECRET, 1.5)).toThrow();
  });

  it('counts whole seconds since the order started', () => {
    const start = new Date('2026-12-03T10:00:00.000Z');
    expect(qrSeconds(start, new Date('2026-12-03T10:00:00.999Z'))).toBe(0);
    expect(qrSeconds(start, new Date('2026-12-03T10:00:02.001Z'))).toBe(2);
    expect(qrSeconds(start, new Date('2026-12-03T09:59:59.000Z'))).toBe(0);
  });
});

describe('qrSvg', () => {
  it('renders an SVG on the server, a different one each second', async () => {
    const [a, b] = await Promise.all([qrSvg(qrData(TOKEN, SECRET, 0)), qrSvg(qrData(TOKEN, SECRET, 1))]);
    expect(a).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1"/);
    expect(a).toContain('<path');
    expect(a).not.toBe(b);
    expect(a).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // nothing fetched from elsewhere
  });

  it("is what qrcode's whole package renders (qr.ts imports its encoder and SVG renderer alone)", async () => {
    for (const seconds of [0, 1, 29, 1_000]) {
      const data = qrData(TOKEN, SECRET, seconds);
      expect(await qrSvg(data)).toBe(await QRCode.toString(data, { type: 'svg', errorCorrectionLevel: 'L', margin: 4 }));
    }
  });
});

describe('autostartLink', () => {
  it('opens the app on a phone through the universal link, returning where asked', () => {
    expect(autostartLink('7c40b5c9-fa74', 'mobile', 'https://justera.example/sign/abc?x=1')).toBe(
      'https://app.bankid.com/?autostarttoken=7c40b5c9-fa74&redirect=https%3A%2F%2Fjustera.example%2Fsign%2Fabc%3Fx%3D1',
    );
    expect(autostartLink('7c40b5c9-fa74', 'mobile')).toBe('https://app.bankid.com/?autostarttoken=7c40b5c9-fa74&redirect=null');
  });

  it('opens the app on a computer through the bankid:/// scheme', () => {
    expect(autostartLink('7c40b5c9-fa74', 'desktop')).toBe('bankid:///?autostarttoken=7c40b5c9-fa74&redirect=null');
  });
});
