// What the Lambda bundles get for `moment-timezone` (an esbuild alias, infra/bundling/aliases.ts):
// its core without the packed data of every zone (715 KB of a bundle), and only the zone
// the calendar reads, extracted by scripts/moment-stockholm.mjs. date-holidays' rule
// engine asks moment-timezone for Europe/Stockholm alone. CommonJS, as the package is, so
// `require` and `import` of it see the same object.
// By path, not by package name: the alias rewrites `moment-timezone/…` too, which would name this file again.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, as the package it stands in for. */
const moment = require('../../node_modules/moment-timezone/moment-timezone.js');

moment.tz.load(require('./stockholm-zone.json'));

module.exports = moment;
