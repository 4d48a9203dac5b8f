// The stamp and seal as deployed: bundled as the stack bundles the stamp function
// (esbuild, one ES module for Node 22, the aliases of infra/bundling/aliases.ts),
// then run by Node from a folder with no node_modules above it. Under vitest, Node
// loads pdf-lib and the AWS SDK from node_modules, past the aliases; only here do the
// stand-ins for pdf-lib's standard fonts, PNG decoder and pako, and the AWS clients'
// credential chain, do the work they do on Lambda.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/lambdas';
import { ESBUILD_LAMBDA } from '../../infra/functions';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { startS3rver, type RunningS3 } from '../../infra/local/servers';
import { localS3Client } from '../../shared/adapters/clients';
import { startTsaSimulator, type RunningTsaSimulator } from '../../infra/local/tsa-simulator';
import { extractDocument } from '../../shared/minutes/extract';
import { describeSeal } from '../../shared/seal/describe';
import { ensureLocalSealKey } from '../../shared/seal/local-key';
import { verifySealedPdf } from '../../shared/seal/verify';
import { compressedDraft, tool } from '../unit/seal/helpers';
import { fixture, pdfaFixture, sha256, stampInput } from '../unit/stamp/helpers';

const run = promisify(execFile);
let dir: string;
let inputs: string[];
let tsa: RunningTsaSimulator;
let s3: RunningS3;
const sealedAt = new Date();
const BUCKET = 'probe';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'justera-stamp-bundle-'));
  const contents = [
    `export { stampForSeal } from './shared/stamp/stamp';`,
    `export { sealForArchive } from './shared/seal/archive';`,
    `export { ensureLocalSealKey } from './shared/seal/local-key';`,
    `export { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';`,
  ].join('\n');
  const out = await build({ stdin: { contents, resolveDir: PROJECT_ROOT, loader: 'ts' }, outfile: path.join(dir, 'dist/index.mjs'), absWorkingDir: PROJECT_ROOT, ...ESBUILD_LAMBDA, minify: true, metafile: true, logLevel: 'error' });
  // What is in the output: the metafile lists every module esbuild read, also those shaken out to nothing.
  inputs = Object.entries(Object.values(out.metafile.outputs).find((o) => o.entryPoint !== undefined || o.bytes > 0)!.inputs)
    .filter(([, info]) => info.bytesInOutput > 0)
    .map(([input]) => input);
  writeFileSync(
    path.join(dir, 'seal.mjs'),
    `import { readFileSync, writeFileSync } from 'node:fs';
     const { stampForSeal, sealForArchive, ensureLocalSealKey } = await import('./dist/index.mjs');
     const [draftFile, inputFile, keyDir, outFile, tsaUrl, sealedAt] = process.argv.slice(2);
     const input = { ...JSON.parse(readFileSync(inputFile, 'utf8')), draft: new Uint8Array(readFileSync(draftFile)) };
     const signer = await ensureLocalSealKey(keyDir, 'Exempelkommunen');
     const { bytes, continuation } = await stampForSeal(input);
     const options = { signingTime: new Date(sealedAt), tsaUrl, continuation };
     const sealed = await sealForArchive(bytes, signer, options);
     writeFileSync(outFile, sealed.bytes);
     console.log(JSON.stringify({ level: sealed.report.level, continued: continuation === null ? null : continuation.take() === null }));`,
  );
  tsa = await startTsaSimulator({ dir: path.join(dir, 'tsa') });
  s3 = await startS3rver(path.join(dir, 's3'));
  await localS3Client(s3.endpoint).send(new CreateBucketCommand({ Bucket: BUCKET }));
}, 180_000);

afterAll(async () => {
  await tsa?.close();
  await s3?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Stamps and seals `draft` with the bundle, in a process of its own; the sealed bytes and what it reported. */
async function sealThroughBundle(name: string, draft: Uint8Array): Promise<{ sealed: Uint8Array; level: string; continued: boolean | null }> {
  const keyDir = path.join(dir, 'key');
  const signer = await ensureLocalSealKey(keyDir, 'Exempelkommunen'); // made here, read back by the bundle
  const { draft: _bytes, ...input } = { ...stampInput(draft, await extractDocument(draft), [{ name: 'Helena Proos', role: 'ordförande', signedAt: '2025-02-19T17:56:00Z' }]), seal: describeSeal(signer, { sealedAt, tsaUrl: tsa.url }) };
  const files = { draft: path.join(dir, `${name}.pdf`), input: path.join(dir, `${name}.json`), out: path.join(dir, `${name}-sealed.pdf`) };
  writeFileSync(files.draft, draft);
  writeFileSync(files.input, JSON.stringify(input));
  const env = { PATH: process.env.PATH ?? '', JUSTERA_FONT_DIR: path.join(PROJECT_ROOT, 'shared/stamp/face') };
  const { stdout } = await run(process.execPath, ['seal.mjs', files.draft, files.input, keyDir, files.out, tsa.url, sealedAt.toISOString()], { cwd: dir, env, timeout: 120_000 });
  return { sealed: new Uint8Array(readFileSync(files.out)), ...(JSON.parse(stdout.trim().split('\n').pop()!) as { level: string; continued: boolean | null }) };
}

describe('the stamp bundle', () => {
  it("carries the stand-ins, not pdf-lib's standard fonts, PNG decoder or pako, nor the AWS credential chain", () => {
    for (const standIn of ['standard-fonts.mjs', 'upng.mjs', 'pako.mjs']) expect(inputs).toContain(`infra/bundling/pdf-lib/${standIn}`);
    expect(inputs).toContain('infra/bundling/aws-credentials.mjs');
    const replaced = /node_modules\/(@pdf-lib\/standard-fonts|@pdf-lib\/upng|pako|@aws-sdk\/(credential-provider-(node|sso|ini|web-identity|process|http|login)|nested-clients|token-providers))\//;
    expect(inputs.filter((i) => replaced.test(i))).toEqual([]);
  });

  it.each([
    ['003 (cross-reference table)', () => fixture('003-protokoll-draft.pdf')],
    ['003 with object streams', () => compressedDraft(dir)],
    ['000 as PDF/A-2b', () => pdfaFixture('000-minnesanteckningar.pdf')],
  ])('stamps and seals %s with long-term validation: the draft whole, valid for poppler, clean for qpdf', async (name, load) => {
    const draft = await load();
    const { sealed, level, continued } = await sealThroughBundle(name.replace(/\W+/g, '-'), draft);
    expect(level).toBe('PAdES B-LTA');
    expect(continued).toBe(true); // the seal took the stamp's document
    const result = await verifySealedPdf(sealed);
    expect(result.problems).toEqual([]);
    expect(result.draft).toEqual({ bytes: draft.length, sha256: sha256(draft), matches: true });
    const sig = await tool(dir, 'pdfsig', [], sealed);
    expect(sig.out).toContain('Signature is Valid');
    const check = await tool(dir, 'qpdf', ['--check'], sealed);
    expect(check.code, check.out).toBe(0);
    expect(check.out).toContain('No syntax or stream encoding errors found');
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}-read.pdf`);
    writeFileSync(file, sealed);
    const { stdout } = await run('pdftotext', ['-raw', file, '-']);
    expect(stdout.replace(/\s+/g, ' ')).toContain('Justerat digitalt av Helena Proos, ordförande');
  }, 180_000);

  it('writes a draft with broken cross-references whole, its streams deflated by Node', async () => {
    const good = Buffer.from(await fixture('003-protokoll-draft.pdf')).toString('latin1');
    const at = good.lastIndexOf('startxref');
    const offset = /startxref\s+(\d+)/.exec(good.slice(at))![1]!;
    const broken = new Uint8Array(Buffer.from(good.slice(0, at) + good.slice(at).replace(offset, '1'.padStart(offset.length, '0')), 'latin1'));
    const { sealed, continued } = await sealThroughBundle('broken', broken);
    expect(continued).toBeNull(); // written whole: nothing to continue from
    const result = await verifySealedPdf(sealed);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    const check = await tool(dir, 'qpdf', ['--check'], sealed);
    expect(check.code, check.out).toBe(0);
    expect(check.out).toContain('No syntax or stream encoding errors found');
  }, 180_000);
});

describe("the bundle's AWS clients", () => {
  const script = `const { S3Client, PutObjectCommand, GetObjectCommand } = await import('./dist/index.mjs');
    const s3 = new S3Client({ endpoint: process.argv[2], region: 'eu-north-1', forcePathStyle: true });
    await s3.send(new PutObjectCommand({ Bucket: process.argv[3], Key: 'probe.txt', Body: 'justera' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: process.argv[3], Key: 'probe.txt' }));
    console.log(await got.Body.transformToString());`;
  const probe = (env: Record<string, string>) => {
    writeFileSync(path.join(dir, 'probe.mjs'), script);
    return run(process.execPath, ['probe.mjs', s3.endpoint, BUCKET], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 });
  };

  it('sign with the credentials Lambda puts in the environment', async () => {
    const { stdout } = await probe({ AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_SESSION_TOKEN: 'session' });
    expect(stdout.trim()).toBe('justera');
  });

  it('use those and no others: a key the server does not know is refused, none at all is a clear error', async () => {
    await expect(probe({ AWS_ACCESS_KEY_ID: 'NOT-S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' })).rejects.toThrow(/InvalidAccessKeyId|access key/i);
    await expect(probe({})).rejects.toThrow(/environment variable credentials|AWS_ACCESS_KEY_ID/);
  });
});
