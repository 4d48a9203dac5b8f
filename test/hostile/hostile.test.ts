// Every kind of the hostile corpus through one local stack, one after the
// other: each ends in its state with a reason, the upload stays in the bucket,
// the parse sandbox stays inside the function's memory and the server keeps
// serving. Then what the hostile names became: mails without injected
// headers, signing pages and API answers that show them as text.
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../infra/functions';
import { ChildProcessHost } from '../../infra/local/hosts';
import { LOCAL_CREDENTIALS } from '../../shared/adapters/clients';
import { escapeHtml } from '../../shared/html/html';
import { measure } from '../../shared/minutes/budget';
import { DEFAULT_LIMITS } from '../../shared/minutes/extract';
import { fixture, postSign, startTestStack, type Mail, type ProtocolView, type TestStack } from '../helpers/stack';
import { generateCorpus, HOSTILE_NAMES, HOSTILE_SLUG, hostileDirectory, INJECTION_TEXT, KIND_LIST, type Corpus, type HostileFile } from './corpus';

const LIMIT_MB = FUNCTIONS.parse.memoryMb;
/** Time for one file, upload to settled state: generous, but far below five attempts at the function's timeout. */
const PER_FILE_MS = 90_000;
/** PARSED is on its way to ROUTED or NEEDS_ATTENTION; RECEIVED is being parsed. */
const TRANSIENT = new Set(['RECEIVED', 'PARSED']);
/** Bidirectional controls that reorder text around them unless isolated. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** Markup the hostile data would become if it were not escaped: a script, an image or SVG tag, an event handler in a tag. */
const MARKUP = /<(?:script|img|svg)\b|<[a-z][^<>]*\son(?:error|load)\s*=/i;

let t: TestStack;
let corpus: Corpus;
let s3: S3Client;
const settled = new Map<string, ProtocolView>();
const table: { kind: string; size: string; outcome: string; watchdog: string; hwm: string }[] = [];

beforeAll(async () => {
  corpus = await generateCorpus();
  t = await startTestStack({ sweepMs: 250 });
  await t.importBody(hostileDirectory());
  s3 = new S3Client({
    region: 'eu-north-1',
    endpoint: t.s3.endpoint,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}, 180_000);

afterAll(async () => {
  if (table.length) {
    const w = { kind: 20, size: 10, outcome: 32, watchdog: 9 };
    const lines = [
      `${'kind'.padEnd(w.kind)} ${'size'.padStart(w.size)}  ${'outcome'.padEnd(w.outcome)} ${'watchdog'.padStart(w.watchdog)}  VmHWM (limit ${LIMIT_MB} MB)`,
      ...table.map((r) => `${r.kind.padEnd(w.kind)} ${r.size.padStart(w.size)}  ${r.outcome.padEnd(w.outcome)} ${r.watchdog.padStart(w.watchdog)}  ${r.hwm}`),
    ];
    console.log(`\nHostile files through the local stack (peak RSS of the parse sandbox, MB):\n${lines.join('\n')}\n`);
  }
  s3?.destroy();
  await t?.stop();
  await corpus?.cleanup();
});

// --- the parse sandboxes, from outside: Linux /proc --------------------------------------------

/** Live parse sandboxes: children of this process running the parse handler. */
function parseSandboxes(): number[] {
  if (!existsSync('/proc/self/status')) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes('function-worker') && cmdline.includes(FUNCTIONS.parse.entry)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** The kernel's high-water mark of a process's resident set: catches a peak between two watchdog samples. */
function highWaterMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Resets the high-water marks (Linux ≥ 4.0: "5" to clear_refs); false where that is not allowed. */
function resetHighWater(): boolean {
  let ok = true;
  for (const pid of parseSandboxes())
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      ok = false;
    }
  return ok;
}

function parseHost(): ChildProcessHost {
  const host = t.stack.hosts.parse;
  if (!(host instanceof ChildProcessHost)) throw new Error('the parse function does not run in its own sandbox');
  return host;
}

// --- the stack ---------------------------------------------------------------------------------

const keyOf = (kind: string) => `drafts/${HOSTILE_SLUG}/${kind}.pdf`;

async function upload(file: HostileFile): Promise<void> {
  // Streamed from disk: the 100 MB file is never in this process's memory either.
  await s3.send(
    new PutObjectCommand({ Bucket: t.stack.bucket, Key: keyOf(file.kind), Body: createReadStream(file.path), ContentLength: file.size, ContentType: 'application/pdf' }),
  );
}

const keys = new Map<string, string>(); // protocol id → source key (stable once seen)

/** Waits for the protocol of `key` to leave RECEIVED and PARSED. */
async function settle(key: string): Promise<ProtocolView> {
  return t.waitFor(
    `a settled state for ${key}`,
    async () => {
      const list = await t.api<{ items: { id: string; status: string }[] }>(`/protocols?body=${HOSTILE_SLUG}&limit=200`);
      for (const item of list.body.items) {
        if (!keys.has(item.id)) keys.set(item.id, (await t.api<ProtocolView>(`/protocols/${item.id}`)).body.source.key);
        if (keys.get(item.id) !== key || TRANSIENT.has(item.status)) continue;
        const p = (await t.api<ProtocolView>(`/protocols/${item.id}`)).body;
        if (!TRANSIENT.has(p.status)) return p;
      }
      return null;
    },
    PER_FILE_MS - 5_000,
  );
}

async function stillInBucket(key: string): Promise<number | null> {
  try {
    return (await s3.send(new HeadObjectCommand({ Bucket: t.stack.bucket, Key: key }))).ContentLength ?? null;
  } catch {
    return null;
  }
}

const fileOf = (kind: string): HostileFile => {
  const file = corpus.files.find((f) => f.kind === kind);
  if (!file) throw new Error(`no generated file for ${kind}`);
  return file;
};

const mb = (n: number | null) => (n === null ? '–' : String(Math.round(n)));
const human = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

describe('hostile files through the local stack', () => {
  for (const kind of KIND_LIST)
    it(
      `${kind.kind} (${kind.what}) ends ${[...new Set(kind.expect.map((o) => o.status))].join(' or ')}`,
      async () => {
        const file = fileOf(kind.kind);
        const key = keyOf(kind.kind);
        const host = parseHost();
        host.peakRssMb = 0;
        const resettable = resetHighWater();

        await upload(file);
        const p = await settle(key);
        settled.set(kind.kind, p);
        await t.waitFor('the queues to drain', () => t.stack.idle(), PER_FILE_MS - 5_000);

        const marks = parseSandboxes().map(highWaterMb).filter((n): n is number => n !== null);
        const hwm = marks.length ? Math.max(...marks) : null;
        table.push({
          kind: kind.kind,
          size: human(file.size),
          outcome: `${p.status}${p.reason ? ` ${p.reason.code}` : ''}`,
          watchdog: mb(host.peakRssMb || null),
          hwm: `${mb(hwm)}${hwm !== null && !resettable ? ' (since start)' : ''}`,
        });

        expect(kind.expect, `${kind.kind} ended ${p.status} ${p.reason?.code ?? ''}: ${p.reason?.en ?? ''}`).toContainEqual({ status: p.status, code: p.reason?.code ?? null });
        if (p.status === 'REJECTED' || p.status === 'NEEDS_ATTENTION') {
          expect(p.reason?.sv.trim().length).toBeGreaterThan(10);
          expect(p.reason?.en.trim().length).toBeGreaterThan(10);
        }
        expect(await stillInBucket(key)).toBe(file.size);
        expect((await t.api('/health')).status).toBe(200);
        expect(host.peakRssMb).toBeLessThanOrEqual(LIMIT_MB);
        if (hwm !== null) expect(hwm).toBeLessThanOrEqual(LIMIT_MB);
      },
      PER_FILE_MS,
    );

  it('ran none of the JavaScript or launch actions', () => {
    expect(settled.get('javascript-launch')?.status).toBe('ROUTED');
    for (const sentinel of corpus.sentinels) expect(existsSync(sentinel), sentinel).toBe(false);
  });

  it('made one protocol per file and left nothing in a dead-letter queue', async () => {
    const all = (await t.api<{ items: { id: string; status: string }[] }>(`/protocols?body=${HOSTILE_SLUG}&limit=200`)).body.items;
    const described = await Promise.all(all.map(async (i) => `${i.id} ${i.status} ${JSON.stringify((await t.api<ProtocolView>(`/protocols/${i.id}`)).body)}`));
    expect(all, described.join('\n')).toHaveLength(KIND_LIST.length);
    const dead = await t.api<{ items: unknown[] }>('/admin/dead-letters', { admin: true });
    expect(dead.status).toBe(200);
    expect(dead.body.items).toEqual([]);
  });
});

// --- what the hostile names became -------------------------------------------------------------

interface Part {
  headers: Map<string, string>;
  body: string;
}

/** Header lines of a message or part: unfolded, each "Name: value". */
function headerLines(head: string): string[] {
  return head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/).filter(Boolean);
}

function parsePart(raw: string): Part {
  const split = /\r?\n\r?\n/.exec(raw);
  const head = split ? raw.slice(0, split.index) : raw;
  const body = split ? raw.slice(split.index + split[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of headerLines(head)) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = part.body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return part.body;
}

/** The leaf parts of a MIME message, decoded. */
function leaves(part: Part): { type: string; text: string }[] {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return [{ type: type.split(';')[0]!.toLowerCase(), text: decodeBody(part) }];
  return part.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => leaves(parsePart(chunk.replace(/^\r?\n/, ''))));
}

/** RFC 2047 encoded words, as a mail client shows them. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, how: string, data: string) =>
      how.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

/** True when every bidi control in `page` sits inside a <bdi> element. */
function bidiIsolated(page: string): { ok: boolean; context: string } {
  for (const m of page.matchAll(BIDI_CONTROLS)) {
    const before = page.slice(0, m.index);
    if (before.lastIndexOf('<bdi') <= before.lastIndexOf('</bdi>')) return { ok: false, context: page.slice(Math.max(0, m.index - 80), m.index + 40) };
  }
  return { ok: true, context: '' };
}

describe('hostile names stay text', () => {
  const routedKinds = () => ['injection-names', 'bidi-names'].map((kind) => {
    const p = settled.get(kind);
    if (p?.status !== 'ROUTED') throw new Error(`${kind} was not routed (${p?.status} ${p?.reason?.code ?? ''}); nothing to check`);
    return p;
  });

  async function invitationsTo(address: string): Promise<Mail[]> {
    return t.waitFor(`an invitation to ${address}`, async () => {
      const mails = (await t.outbox()).filter((m) => m.to === address && m.subject.startsWith('Justering:'));
      return mails.length ? mails : null;
    });
  }

  it('mails carry no injected header and a one-line subject', async () => {
    routedKinds();
    for (const address of ['anna.berglund@example.se', 'erik.astrom@example.se', 'karin.ekstrom@example.se', 'per.olsson@example.se']) await invitationsTo(address);
    await t.waitFor('the queues to drain', () => t.stack.idle());

    const outbox = join(t.stack.dataDir, 'outbox');
    const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    expect(files.length).toBeGreaterThan(4);
    let sawHostileName = false;
    for (const file of files) {
      const raw = readFileSync(join(outbox, file), 'utf8');
      const split = /\r?\n\r?\n/.exec(raw);
      expect(split, file).toBeTruthy();
      const lines = headerLines(raw.slice(0, split!.index));
      // Every line of the header is a header: an injected CR/LF would leave a stray line or a new field.
      for (const line of lines) expect(line, `${file}: ${line}`).toMatch(/^[A-Za-z0-9-]+: ?/);
      const names = lines.map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
      expect(names, file).not.toContain('bcc');
      expect(names, file).not.toContain('cc');
      expect(names, file).not.toContain('x-injected');
      expect(names.filter((n) => n === 'subject'), file).toHaveLength(1);
      expect(names.filter((n) => n === 'to'), file).toHaveLength(1);
      const message = parsePart(raw);
      expect(message.headers.get('to'), file).toMatch(/^[a-z.-]+@example\.se$/);
      const subject = decodeWords(message.headers.get('subject') ?? '');
      expect(subject, file).not.toMatch(/[\r\n\u2028\u2029]/);
      expect(subject, file).not.toMatch(BIDI_CONTROLS);

      for (const leaf of leaves(message)) {
        if (leaf.type === 'text/html') {
          expect(leaf.text, file).not.toMatch(MARKUP);
          if (leaf.text.includes('&lt;script&gt;alert(&#39;ordf&#39;)')) sawHostileName = true;
        }
        if (leaf.type === 'text/plain' && leaf.text.includes(HOSTILE_NAMES.chair.split('\r')[0]!)) sawHostileName = true;
      }
    }
    // The attack reached the mails (as text): otherwise this test proved nothing.
    expect(sawHostileName).toBe(true);
  });

  it('signing pages show the names as text, bidi controls isolated', async () => {
    routedKinds();
    const checked: string[] = [];
    for (const address of ['anna.berglund@example.se', 'erik.astrom@example.se', 'karin.ekstrom@example.se', 'per.olsson@example.se'])
      for (const mail of await invitationsTo(address))
        for (const link of mail.links) {
          const response = await fetch(link);
          const page = await response.text();
          expect(response.status, link).toBe(200);
          expect(response.headers.get('content-type')).toMatch(/^text\/html/);
          // The pages carry no script at all; data never becomes markup.
          expect(page).not.toMatch(MARKUP);
          const isolation = bidiIsolated(page);
          expect(isolation.ok, `a bidi control outside <bdi>: ${JSON.stringify(isolation.context)}`).toBe(true);
          checked.push(page);
        }
    const all = checked.join('\n');
    expect(all).toContain(escapeHtml(`Anna "><script>alert('ordf')</script>'`));
    expect(all).toContain(escapeHtml(INJECTION_TEXT.itemTitle));
    expect(all).toContain(escapeHtml(INJECTION_TEXT.bodyName));
    expect(all).toContain(escapeHtml(HOSTILE_NAMES.bidiChair));
    expect(all).toMatch(BIDI_CONTROLS); // the override reached the page, inside <bdi>
  });

  it('the API returns the names as JSON strings', async () => {
    const [injection, bidi] = routedKinds();
    const raw = await fetch(`${t.stack.url}/protocols/${injection!.id}`);
    expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
    const text = await raw.text();
    expect(text).not.toMatch(/[\r\n]/); // control characters escaped inside the JSON strings
    const detail = JSON.parse(text) as ProtocolView & { bodyName: string; signers: { name: string; role: string }[]; contents: { title: string }[] };
    expect(detail.bodyName).toBe(INJECTION_TEXT.bodyName);
    expect(detail.contents.map((c) => c.title)).toContain(INJECTION_TEXT.itemTitle);
    expect(detail.signers.map((s) => s.name).sort()).toEqual([HOSTILE_NAMES.adjuster, HOSTILE_NAMES.chair].sort());

    const other = (await t.api<{ signers: { name: string }[] }>(`/protocols/${bidi!.id}`)).body;
    expect(other.signers.map((s) => s.name).sort()).toEqual([HOSTILE_NAMES.bidiAdjuster, HOSTILE_NAMES.bidiChair].sort());
  });

  it('signed, the hostile minutes are stamped, sealed and posted with the names as text', async () => {
    const protocols = routedKinds();
    for (const address of ['anna.berglund@example.se', 'erik.astrom@example.se', 'karin.ekstrom@example.se', 'per.olsson@example.se'])
      for (const mail of await invitationsTo(address)) expect((await postSign(mail.links[0]!, { action: 'sign', consent: 'on' })).status).toBe(200);
    for (const p of protocols) {
      const done = await t.waitFor(`${p.id} PUBLISHED`, async () => {
        const now = (await t.api<ProtocolView>(`/protocols/${p.id}`)).body;
        if (now.status === 'NEEDS_ATTENTION') throw new Error(`${p.id}: ${now.reason?.en}`);
        return now.status === 'PUBLISHED' && now;
      }, 60_000).catch((e) => { console.log(t.lines.join('\n')); throw e; });
      expect(done.status).toBe('PUBLISHED');
      const pdf = await t.api(`/protocols/${p.id}/pdf`);
      expect(pdf.status).toBe(302);
      const bytes = Buffer.from(await (await fetch(pdf.headers.get('location')!)).arrayBuffer());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    const board = await fetch(`${t.stack.url}/anslagstavla`);
    const page = await board.text();
    expect(board.status).toBe(200);
    expect(page).not.toMatch(MARKUP);
    expect(page).toContain(escapeHtml(INJECTION_TEXT.bodyName));
    const isolation = bidiIsolated(page);
    expect(isolation.ok, `a bidi control outside <bdi>: ${JSON.stringify(isolation.context)}`).toBe(true);
  }, 120_000);

  it('the minutes with scripts and launch actions are sealed without them', async () => {
    const p = settled.get('javascript-launch')!;
    // Signed in the test above: its invitations went to the same people.
    const done = await t.waitFor(`${p.id} PUBLISHED`, async () => {
      const now = (await t.api<ProtocolView>(`/protocols/${p.id}`)).body;
      return now.status === 'PUBLISHED' && now;
    }, 60_000);
    expect(done.status).toBe('PUBLISHED');
    const pdf = await t.api(`/protocols/${p.id}/pdf`);
    const bytes = Buffer.from(await (await fetch(pdf.headers.get('location')!)).arrayBuffer());
    const file = join(corpus.dir, 'javascript-launch.sealed.pdf');
    writeFileSync(file, bytes);
    const objects = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { maxBuffer: 64 << 20 }).toString('latin1');
    for (const token of ['/JavaScript', '/Launch', '/OpenAction', '/AA']) expect(objects).not.toContain(token);
    expect(execFileSync('pdftotext', [file, '-']).toString()).toContain('Borttaget före försegling');
    for (const sentinel of corpus.sentinels) expect(existsSync(sentinel), sentinel).toBe(false);
  });

  it('the outbox page shows the mails as text', async () => {
    // The local stand-in for a mail client: the plain-text bodies in <pre>, escaped. (Like any mail
    // client's, it cannot isolate a name inside running text; the subjects and addresses are in <bdi>.)
    const page = await (await fetch(`${t.stack.url}/outbox`)).text();
    expect(page).not.toMatch(MARKUP);
    expect(page).toContain(escapeHtml(`Anna "><script>alert('ordf')</script>'`));
  });
});

describe('the budget does not refuse real minutes', () => {
  it('the seed fixtures use a small part of it', async () => {
    for (const name of ['000-minnesanteckningar.pdf', '003-protokoll-draft.pdf', '003-protokoll-signed.pdf']) {
      const usage = await measure(fixture(name), DEFAULT_LIMITS);
      expect(usage.exceeded, name).toBeNull();
      expect(usage.objects, name).toBeLessThan(DEFAULT_LIMITS.maxObjects / 100);
      expect(usage.unpackedBytes, name).toBeLessThan(DEFAULT_LIMITS.maxUnpackedBytes / 100);
    }
  });
});
