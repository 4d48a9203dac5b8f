// The `justera` commands. Each prints a short, readable answer and throws
// CliError with a one-line reason on failure.
import { localS3Client } from '../../shared/adapters/clients';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { bodyDirectory, explain } from '../../shared/api/schemas';
import { nameWords } from '../../shared/flow/body-names';
import { isBodySlug } from '../../shared/flow/parse';
import { PdfReadError } from '../../shared/minutes/extract';
import { parsePdf } from '../../shared/minutes/index';
import { formatSummary } from '../../shared/minutes/summary';
import { derOf, fingerprint, organisationOf, pemBlocks } from '../../shared/seal/published';
import { verifySealedPdf } from '../../shared/seal/verify';
import { CliError, apiTarget, call, failOn, localStack } from './target';
import { verifyEvidence } from './verify-evidence';

type Out = (line: string) => void;

async function readInput(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export async function parseCommand(file: string, asJson: boolean, out: Out): Promise<void> {
  const bytes = await readInput(file);
  try {
    const { minutes } = await parsePdf(bytes);
    out(asJson ? JSON.stringify(minutes, null, 2) : formatSummary(minutes));
  } catch (error) {
    if (error instanceof PdfReadError) throw new CliError(`${file}: ${error.english} (${error.code})`);
    throw error;
  }
}

interface ProtocolSummary {
  id: string;
  status: string;
  bodyName?: string | null;
  reason: { code?: string; sv: string; en: string } | null;
  source?: { key: string };
  receivedAt: string;
  url: string;
}

/** States an upload can settle in that need the secretary: the upload "failed" for a script. */
const STOPPED = ['REJECTED', 'NEEDS_ATTENTION'];

/** Exit code 1 when the upload settles REJECTED or NEEDS_ATTENTION, with the Swedish reason printed as `status` does. */
export async function uploadCommand(file: string, flags: { body?: string; aws?: boolean; bucket?: string; wait?: boolean; name?: string }, out: Out): Promise<number> {
  if (!flags.body) throw new CliError('--body <slug> is required (the body folder under drafts/)');
  if (!isBodySlug(flags.body)) throw new CliError(`"${flags.body}" is not a body slug (lower-case letters, digits and hyphens)`);
  const bytes = await readInput(file);
  const key = `drafts/${flags.body}/${flags.name ?? basename(file)}`;
  const started = new Date(Date.now() - 1000).toISOString();
  if (flags.aws) {
    const bucket = flags.bucket ?? process.env.JUSTERA_BUCKET;
    if (!bucket) throw new CliError('--aws needs --bucket <name> or JUSTERA_BUCKET');
    await new S3Client({}).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: 'application/pdf' }));
    out(`uploaded s3://${bucket}/${key}`);
    return 0;
  }
  const stack = localStack();
  const s3 = localS3Client(stack.s3Endpoint);
  await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: bytes, ContentType: 'application/pdf' }));
  out(`uploaded ${key}`);
  if (flags.wait === false) return 0;
  // Wait for the pipeline to take the upload in, so the id can be printed.
  const target = apiTarget({});
  for (let i = 0; i < 120; i++) {
    const found = await call(target, 'GET', `/protocols?body=${encodeURIComponent(flags.body)}&limit=200`);
    const items = ((found.json as { items?: ProtocolSummary[] })?.items ?? []).filter((p) => p.receivedAt >= started);
    for (const p of items) {
      const detail = await call(target, 'GET', `/protocols/${p.id}`);
      const d = detail.json as ProtocolSummary;
      // Settled: sent to the signers, or stopped with a reason (not merely parsed and about to be routed).
      if (d.source?.key === key && d.status !== 'RECEIVED' && d.status !== 'PARSED') {
        out(`${d.id} ${d.status}`);
        if (d.reason) out(`  ${d.reason.sv}`);
        out(`  ${d.url}`);
        if (d.reason?.code === 'NO_DIRECTORY') for (const line of await suggestBody(target, d.bodyName ?? null, file)) out(line);
        return STOPPED.includes(d.status) ? 1 : 0;
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new CliError(`uploaded ${key}, but no protocol appeared within 30 s (see the stack's console)`);
}

/**
 * A folder without a directory, for minutes that name a body the directory
 * knows under another slug: most likely a mistyped or misremembered --body.
 */
async function suggestBody(target: ReturnType<typeof apiTarget>, named: string | null, file: string): Promise<string[]> {
  const words = [...nameWords(named)].sort().join(' ');
  if (!words) return [];
  const result = await call(target, 'GET', '/admin/bodies', { admin: true });
  const bodies = result.status === 200 ? ((result.json as { items?: { slug: string; name: string }[] }).items ?? []) : [];
  return bodies
    .filter((b) => [...nameWords(b.name)].sort().join(' ') === words)
    .map((b) => `  did you mean --body ${b.slug}? The minutes name "${named}", which the directory knows as ${b.slug}: justera upload ${file} --body ${b.slug}`);
}

export async function statusCommand(id: string, flags: { api?: string; aws?: boolean; json?: boolean }, out: Out): Promise<void> {
  const result = await call(apiTarget(flags), 'GET', `/protocols/${encodeURIComponent(id)}`);
  failOn(result, `protocol ${id}`);
  const p = result.json as ProtocolSummary & { bodyName: string | null; date: string | null; items: number; decisions: number; signers: { name: string; role: string; status: string }[]; pdf: string | null };
  if (flags.json) return out(JSON.stringify(p, null, 2));
  out(`${p.id}  ${p.status}  ${p.bodyName ?? ''} ${p.date ?? ''}`.trim());
  if (p.reason) out(`  ${p.reason.sv}`);
  out(`  ${p.items} paragrafer, ${p.decisions} beslut`);
  for (const s of p.signers) out(`  ${s.name} (${s.role}): ${s.status}`);
  if (p.pdf) out(`  ${p.pdf}`);
}

export async function bodiesListCommand(flags: { api?: string; aws?: boolean }, out: Out): Promise<void> {
  const result = await call(apiTarget(flags), 'GET', '/admin/bodies', { admin: true });
  failOn(result, 'bodies');
  const { items } = result.json as { items: { slug: string; name: string; members: unknown[]; signingOrder: string }[] };
  if (!items.length) return out('no bodies yet: justera bodies import <file.json>');
  for (const b of items) out(`${b.slug}  ${b.name}  (${b.members.length} members, ${b.signingOrder})`);
}

export async function bodiesImportCommand(file: string, flags: { api?: string; aws?: boolean }, out: Out): Promise<void> {
  let input: unknown;
  try {
    input = JSON.parse(new TextDecoder().decode(await readInput(file)));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(input) ? input : [input];
  const directories = list.map((entry, i) => {
    const parsed = bodyDirectory.safeParse(entry);
    if (!parsed.success) throw new CliError(`${file}${Array.isArray(input) ? ` [${i}]` : ''}: ${explain(parsed.error)}`);
    return parsed.data;
  });
  const target = apiTarget(flags);
  for (const directory of directories) {
    const result = await call(target, 'PUT', `/admin/bodies/${directory.slug}`, { admin: true, body: directory });
    failOn(result, `import ${directory.slug}`);
    out(`imported ${directory.slug}: ${directory.name} (${directory.members.length} members, ${directory.signingOrder})`);
  }
}

export async function remindCommand(flags: { api?: string; aws?: boolean }, out: Out): Promise<void> {
  const result = await call(apiTarget(flags), 'POST', '/admin/remind', { admin: true });
  failOn(result, 'remind');
  const r = result.json as { reminded: number; expired: number; resumed: number };
  out(`reminded ${r.reminded}, expired ${r.expired}, resumed ${r.resumed}`);
}

export async function redriveCommand(flags: { api?: string; aws?: boolean }, out: Out): Promise<void> {
  const result = await call(apiTarget(flags), 'POST', '/admin/dead-letters/redrive', { admin: true });
  failOn(result, 'redrive');
  const r = result.json as { redriven: number; items: { queue: string; protocolId: string | null }[] };
  out(`redriven ${r.redriven}`);
  for (const item of r.items) out(`  ${item.queue} ${item.protocolId ?? '(no protocol)'}`);
}

/** Page after page until the API says there is no more: one API request per 25 protocols. */
export async function reindexCommand(flags: { api?: string; aws?: boolean }, out: Out): Promise<void> {
  const target = apiTarget(flags);
  let cursor: string | null = null;
  let total = 0;
  do {
    const result = await call(target, 'POST', `/admin/reindex${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { admin: true });
    failOn(result, 'reindex');
    const page = result.json as { protocols: string[]; next: string | null };
    total += page.protocols.length;
    cursor = page.next;
  } while (cursor);
  out(`reindexed ${total} published protocol${total === 1 ? '' : 's'}`);
}

export async function routeCommand(id: string, flags: { api?: string; aws?: boolean }, out: Out): Promise<void> {
  const result = await call(apiTarget(flags), 'POST', `/admin/protocols/${encodeURIComponent(id)}/route`, { admin: true });
  failOn(result, `route ${id}`);
  const r = result.json as { outcome: string; status: string; reason: { sv: string } | null };
  out(`${id} ${r.status}${r.reason ? `: ${r.reason.sv}` : ''}`);
}

/** "Name" picks a directory member; "Name <e-mail>" is a new person, added to the directory. */
export function personArg(value: string): string | { name: string; email: string } {
  const m = /^(.+?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(value.trim());
  return m ? { name: m[1]!.trim(), email: m[2]! } : value.trim();
}

export async function fixCommand(
  id: string,
  flags: { api?: string; aws?: boolean; chair?: string; adjuster?: string[]; date?: string; place?: string; route?: boolean },
  out: Out,
): Promise<void> {
  const body = {
    ...(flags.chair !== undefined ? { chair: personArg(flags.chair) } : {}),
    ...(flags.adjuster?.length ? { adjusters: flags.adjuster.map(personArg) } : {}),
    ...(flags.date !== undefined ? { date: flags.date } : {}),
    ...(flags.place !== undefined ? { place: flags.place } : {}),
  };
  if (!Object.keys(body).length) throw new CliError('fix needs at least one of --chair, --adjuster, --date or --place');
  const target = apiTarget(flags);
  const result = await call(target, 'PATCH', `/admin/protocols/${encodeURIComponent(id)}`, { admin: true, body });
  failOn(result, `fix ${id}`);
  const r = result.json as { changed: boolean; status: string; chair: string | null; adjusters: string[]; date: string | null; place: string | null };
  out(`${id} ${r.changed ? 'corrected' : 'unchanged'}: ordförande ${r.chair ?? '–'}, justerare ${r.adjusters.join(', ') || '–'}, ${r.date ?? 'datum saknas'}, ${r.place ?? 'plats saknas'}`);
  if (flags.route) await routeCommand(id, flags, out);
  else out(`send it for adjustment with: justera route ${id}`);
}

/** Exit codes of `justera verify`: trusted and unchanged; rejected; intact but nobody vouched for the key. */
export const VERIFY_EXIT = { ok: 0, rejected: 1, untrusted: 2 } as const;

interface TrustAnchors {
  certificates: Uint8Array[];
  organisation: string | null;
}

/** The certificates to trust: a PEM file (--trust) and/or what the stack publishes (--api). */
async function trustAnchors(flags: { api?: string; trust?: string }, out: Out): Promise<TrustAnchors> {
  const anchors: TrustAnchors = { certificates: [], organisation: null };
  if (flags.trust) {
    const pems = pemBlocks(new TextDecoder().decode(await readInput(flags.trust)));
    if (!pems.length) throw new CliError(`${flags.trust} holds no PEM certificate`);
    for (const pem of pems) anchors.certificates.push(derOf(pem));
    anchors.organisation = organisationOf(anchors.certificates[0]!);
  }
  if (flags.api) {
    const published = await call(apiTarget({ api: flags.api }), 'GET', '/seal-certificates');
    failOn(published, 'seal certificates');
    const body = published.json as { organisation: string; certificates: { pem: string; sha256: string }[] };
    for (const c of body.certificates) {
      const der = derOf(c.pem);
      if (fingerprint(der) !== c.sha256) throw new CliError(`the API published a certificate whose fingerprint is not ${c.sha256}`);
      anchors.certificates.push(der);
    }
    anchors.organisation = body.organisation;
    out(`trusting: ${body.certificates.length} seal certificate(s) of ${body.organisation} published by ${flags.api}`);
  }
  return anchors;
}

/** PAdES level in words: B-LT when the DSS holds the validation data, under a document time stamp. */
function levelLine(result: Awaited<ReturnType<typeof verifySealedPdf>>): string {
  const lt = result.longTerm;
  if (!lt) return result.timestamp ? 'PAdES B-T (signature time stamp; no long-term validation data)' : 'PAdES B-B (no time stamp)';
  const stamp = lt.docTimestamp;
  return (
    `PAdES B-LT — DSS ${lt.holdsSealCertificate ? 'present' : 'present WITHOUT the seal certificate'} (${lt.certificates} certificate(s), ${lt.crls} CRL(s), ${lt.ocsps} OCSP response(s)); ` +
    `document time stamp ${stamp ? `${stamp.time} by ${stamp.authority ?? 'an unnamed authority'}, ${stamp.valid ? 'valid' : 'INVALID'}` : 'unreadable'} (B-LTA); the seal covers the first ${lt.sealedBytes} bytes`
  );
}

export async function verifyCommand(
  file: string,
  flags: { api?: string; aws?: boolean; trust?: string; evidence?: boolean; 'bankid-roots'?: string },
  out: Out,
): Promise<number> {
  const bytes = await readInput(file);
  const anchors = await trustAnchors(flags, out);
  const result = await verifySealedPdf(bytes, { trustAnchors: anchors.certificates, organisation: anchors.organisation ?? undefined });
  const problems = [...result.problems];
  out(`seal:      ${result.valid ? 'valid' : 'INVALID'}${result.coversWholeDocument ? ', covers the whole document' : ', does NOT cover the whole document'}`);
  if (result.certificate) out(`signed by: ${result.certificate.subject}${result.certificate.selfSigned ? ' (self-signed)' : ''}`);
  if (result.certificate) out(`cert:      SHA-256 ${result.certificate.sha256Fingerprint}`);
  if (result.trust?.trusted)
    out(`trust:     ${result.trust.method === 'pinned' ? 'a published seal certificate' : 'issued under a trusted certificate'} of ${anchors.organisation ?? 'the trusted organisation'} (${result.trust.anchor})`);
  if (result.signedAt) out(`sealed at: ${result.signedAt}`);
  if (result.timestamp) out(`timestamp: ${result.timestamp.time} by ${result.timestamp.authority ?? 'an unnamed authority'}${result.timestamp.valid ? '' : ' (INVALID)'}`);
  out(`level:     ${levelLine(result)}`);
  out(`protocol:  ${result.protocolId ?? 'unknown'}`);
  if (result.draft)
    out(`draft:     the first ${result.draft.bytes} bytes ${result.draft.matches ? 'have' : 'do NOT have'} the approved draft's SHA-256 ${result.draft.sha256}`);
  const sha = createHash('sha256').update(bytes).digest('hex');
  out(`sha-256:   ${sha}`);
  if (flags.api) {
    if (!result.protocolId) problems.push('the document names no protocol id to compare with');
    else {
      const record = await call(apiTarget({ api: flags.api }), 'GET', `/protocols/${result.protocolId}`);
      failOn(record, `protocol ${result.protocolId}`);
      const expected = (record.json as { signedSha256: string | null }).signedSha256;
      if (expected === sha) out('record:    SHA-256 matches the record in the API');
      else problems.push(`SHA-256 differs from the record (${expected ?? 'none'})`);
    }
  }
  if (flags.evidence) {
    if (!result.protocolId) problems.push('the document names no protocol id whose BankID evidence to check');
    else problems.push(...(await verifyEvidence(bytes, { protocolId: result.protocolId, draftSha256: result.draft?.sha256 ?? null }, flags, out)));
  }
  for (const p of problems) out(`problem:   ${p}`);
  if (!result.valid || problems.length) {
    out('verdict:   REJECTED');
    return VERIFY_EXIT.rejected;
  }
  if (!result.trust) {
    // Intact, but a seal anyone could have made: say so instead of "OK".
    out('verdict:   UNVERIFIED — the file is unchanged since it was sealed, but no trust anchor says whose key sealed it; add --api <url> or --trust <certificate.pem>');
    return VERIFY_EXIT.untrusted;
  }
  out(`verdict:   OK — sealed by ${anchors.organisation ?? 'the trusted organisation'}'s key and unchanged since`);
  return VERIFY_EXIT.ok;
}
