// Starting the BankID app. On another device: the animated QR code, whose
// content changes every second (bankid.<qrStartToken>.<seconds>.<auth code>,
// the code an HMAC-SHA256 of the seconds under qrStartSecret), so a photo of
// the screen cannot be replayed later; rendered to SVG here, no outside
// service sees the tokens. On the same device: the autostart link.
import { createHmac } from 'node:crypto';
// The encoder and the SVG renderer alone: qrcode's entry also loads its PNG renderer and pngjs (some 40 KB of a bundle).
import { create } from 'qrcode/lib/core/qrcode.js';
import { render } from 'qrcode/lib/renderer/svg-tag.js';

/** The QR content `seconds` whole seconds after the order was started. */
export function qrData(qrStartToken: string, qrStartSecret: string, seconds: number): string {
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error('QR seconds must be a whole number from 0.');
  const time = String(seconds);
  const authCode = createHmac('sha256', Buffer.from(qrStartSecret, 'ascii')).update(time, 'ascii').digest('hex');
  return `bankid.${qrStartToken}.${time}.${authCode}`;
}

/** Whole seconds since the order started, as the QR content counts them. */
export function qrSeconds(orderStartedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - orderStartedAt.getTime()) / 1000));
}

/** The QR code as an SVG document (string), with the quiet zone BankID's app needs. */
export async function qrSvg(data: string): Promise<string> {
  const options = { type: 'svg', errorCorrectionLevel: 'L', margin: 4 } as const;
  return render(create(data, options), options);
}

/**
 * The link that opens the BankID app on this device. Phones: the universal
 * link, which returns to `redirect` (or stays in the app with "null").
 * Computers: the bankid:/// scheme; the app returns to the browser itself.
 */
export function autostartLink(autoStartToken: string, device: 'mobile' | 'desktop', redirect?: string): string {
  const token = encodeURIComponent(autoStartToken);
  if (device === 'desktop') return `bankid:///?autostarttoken=${token}&redirect=null`;
  return `https://app.bankid.com/?autostarttoken=${token}&redirect=${redirect ? encodeURIComponent(redirect) : 'null'}`;
}
