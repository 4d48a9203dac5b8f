// What the Lambda bundles get for `node-fetch` (an esbuild alias, infra/bundling/aliases.ts):
// Node's own fetch. tesseract.js asks for node-fetch only where Node has none
// (`global.fetch || require('node-fetch')`), and Node 20 and 22 have one; node-fetch 2
// would bring whatwg-url and tr46's Unicode mapping table (some 300 KB of the parse bundle).
// CommonJS, as the package it stands in for, since it is reached by `require`.
module.exports = globalThis.fetch;
