// qrcode's encoder and its SVG renderer, imported one by one (./qr.ts) so the
// bundle leaves out the PNG renderer and pngjs; @types/qrcode types the package
// entry only. These are the parts qr.ts calls, as qrcode 1.5 defines them.
declare module 'qrcode/lib/core/qrcode.js' {
  import type { QRCode, QRCodeOptions } from 'qrcode';
  export function create(text: string, options?: QRCodeOptions): QRCode;
}

declare module 'qrcode/lib/renderer/svg-tag.js' {
  import type { QRCode, QRCodeToStringOptions } from 'qrcode';
  export function render(qrData: QRCode, options?: QRCodeToStringOptions): string;
}
