// The tesseract.js worker thread as the parse function's bundle runs it
// (infra/constructs/lambdas.ts bundles this file to ocr/worker.cjs). It is
// tesseract.js's own Node worker with one change: the WASM core is the one
// variant the bundle carries (SIMD with the LSTM engine only; every Node since
// 16 has WASM SIMD, on x86-64 and arm64), not one of six picked by feature
// detection, so what runs on Lambda is what was measured here. Outside a bundle
// tesseract.js starts its own worker script instead (ocr.ts).
import { gunzipSync } from 'node:zlib';
import { access, readFile, unlink, writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';

/* eslint-disable @typescript-eslint/no-require-imports -- static requires are what esbuild follows into the bundle; both are CommonJS without types */
const worker = require('tesseract.js/src/worker-script/index.js') as {
  dispatchHandlers(packet: unknown, send: (message: unknown) => void): void;
  setAdapter(adapter: Record<string, unknown>): void;
};
const core: unknown = require('tesseract.js-core/tesseract-core-simd-lstm.js');
/* eslint-enable @typescript-eslint/no-require-imports */

parentPort?.on('message', (packet: unknown) => worker.dispatchHandlers(packet, (message) => parentPort?.postMessage(message)));

worker.setAdapter({
  getCore: async (_oem: unknown, _corePath: unknown, res: { progress(p: { status: string; progress: number }): void }) => {
    res.progress({ status: 'loading tesseract core', progress: 1 });
    return core;
  },
  gunzip: gunzipSync,
  fetch: globalThis.fetch,
  // The model is read from the bundle and never cached: the function's file system is read-only.
  readCache: (file: string) => readFile(file),
  writeCache: (file: string, data: Uint8Array) => writeFile(file, data),
  deleteCache: (file: string) => unlink(file).catch(() => undefined),
  checkCache: (file: string) => access(file).then(() => true, () => false),
});
