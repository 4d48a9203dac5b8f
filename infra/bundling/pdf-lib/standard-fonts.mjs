// Stands in for `@pdf-lib/standard-fonts` in the Lambda bundles (infra/bundling/aliases.ts).
// The stamp sets everything in the one embedded face it carries (shared/stamp/fonts.ts):
// archival PDF wants fonts embedded, and the 14 standard fonts are not. The package's
// metrics (some 130 KB) and the encodings it inflates when imported are then dead weight.
// pdf-lib reads the names at import (which fonts are "standard"), so those are kept;
// measuring or embedding a standard font fails loudly instead of drawing wrong text.
// test/cdk/stamp-bundle.test.ts stamps and seals real drafts through the bundle.
import { leftOut } from '../calendars/left-out.mjs';

export const FontNames = Object.freeze({
  Courier: 'Courier',
  CourierBold: 'Courier-Bold',
  CourierOblique: 'Courier-Oblique',
  CourierBoldOblique: 'Courier-BoldOblique',
  Helvetica: 'Helvetica',
  HelveticaBold: 'Helvetica-Bold',
  HelveticaOblique: 'Helvetica-Oblique',
  HelveticaBoldOblique: 'Helvetica-BoldOblique',
  TimesRoman: 'Times-Roman',
  TimesRomanBold: 'Times-Bold',
  TimesRomanItalic: 'Times-Italic',
  TimesRomanBoldItalic: 'Times-BoldItalic',
  Symbol: 'Symbol',
  ZapfDingbats: 'ZapfDingbats',
});

const standardFont = leftOut('A standard PDF font (@pdf-lib/standard-fonts)');
export const Font = { load: standardFont };
export const Encodings = {
  get Symbol() {
    return standardFont();
  },
  get ZapfDingbats() {
    return standardFont();
  },
  get WinAnsi() {
    return standardFont();
  },
};
