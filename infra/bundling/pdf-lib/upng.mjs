// Stands in for `@pdf-lib/upng` in the Lambda bundles (infra/bundling/aliases.ts): pdf-lib
// decodes PNG images with it for `embedPng`, and nothing we run embeds a PNG into a PDF.
import { leftOut } from '../calendars/left-out.mjs';

export default { decode: leftOut('PNG decoding (@pdf-lib/upng)'), toRGBA8: leftOut('PNG decoding (@pdf-lib/upng)') };
