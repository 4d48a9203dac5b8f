// The reasons table is the one home of every reason code: whatever code the
// code base stops a protocol with must have an entry, with its texts in both
// languages, a fix and a state.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_STATUSES } from '../../../shared/domain/records';
import { REASONS, correctable, fixFor, isReasonCode, outcomeOf, parserReason, reason, reroutable, storedFix, type ReasonCode } from '../../../shared/domain/reasons';

const ROOT = new URL('../../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Every reason code written in the code: built through the table, written as a Reason literal, or raised by the parser. */
function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/\breason(?:For)?\('([A-Z_]+)'/g, /\bcode: '([A-Z_]+)'/g, /new PdfReadError\(\s*'([A-Z_]+)'/g, /fixFor\('([A-Z_]+)'/g];
  for (const file of ['shared', 'functions', 'infra'].flatMap(sources)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.set(m[1]!, file.slice(ROOT.length));
    // The parser's own list of the codes it may raise.
    const union = /export type PdfErrorCode = ([^;]+);/.exec(text)?.[1];
    for (const m of union?.matchAll(/'([A-Z_]+)'/g) ?? []) found.set(m[1]!, file.slice(ROOT.length));
  }
  return found;
}

/** Particulars for every code with some: a new code without a line here fails to compile. */
const SAMPLES = {
  EMPTY: { sv: 'Filen är tom.', en: 'The file is empty.' },
  NOT_PDF: { sv: 'Inte en PDF.', en: 'Not a PDF.' },
  ENCRYPTED: { sv: 'Krypterad.', en: 'Encrypted.' },
  CORRUPT: { sv: 'Skadad.', en: 'Damaged.' },
  TOO_MANY_PAGES: { sv: 'För många sidor.', en: 'Too many pages.' },
  TOO_COMPLEX: { sv: 'För krävande.', en: 'Too costly.' },
  NO_TEXT: { sv: 'Ingen text.', en: 'No text.' },
  TOO_LARGE: { size: 30 * 1048576, limit: 25 * 1048576 },
  NO_ITEMS: {},
  BAD_FOLDER: {},
  FILE_GONE: {},
  REPLACED: {},
  ALREADY_ADJUSTED: { body: 'Kommunstyrelsen', date: '2025-02-19', adjusted: 'abc' },
  HIDDEN_CONTENT: { layers: ['"Dolt"'], hidden: ['layer "Dolt" is off'] },
  NO_DIRECTORY: { body: 'kommunstyrelsen', id: 'abc' },
  WRONG_BODY: { named: 'Kultur', directory: { name: 'Kommunstyrelsen', slug: 'ks' }, folders: 'drafts/kultur/', id: 'abc' },
  REVISION_CONFLICT: { newer: true, other: 'def' },
  SIGNERS_UNRESOLVED: { problems: ['Justeraren Eva finns inte i katalogen.'], fixes: ['Lägg till Eva i katalogen.'] },
  CONFIRM_BEFORE_SENDING: { directory: 'Kommunstyrelsen' },
  CHANGE_MISSING: { previous: 'p0', requesters: 'Patrik Stenvard (justerare)', id: 'abc' },
  CORRECTED: { by: 'secretary', id: 'abc' },
  CHANGES_REQUESTED: { name: 'Eva', role: 'justerare' },
  WITHDRAWN: { cause: 'wrong-file' },
  EXPIRED: {},
  PROCESSING_FAILED: { queue: 'stamp', attempts: 5, error: 'boom' },
} satisfies Record<ReasonCode, unknown>;

const codes = Object.keys(REASONS) as ReasonCode[];
const build = (code: ReasonCode) => (reason as (c: ReasonCode, p: unknown) => { code: string; sv: string; en: string })(code, SAMPLES[code]);
const fixOf = (code: ReasonCode) => (fixFor as (c: ReasonCode, p: unknown) => string[])(code, SAMPLES[code]);

describe('the reasons table', () => {
  it('has an entry for every reason code used in shared/, functions/ and infra/', () => {
    const used = codesInSource();
    // The scan itself must see the codes raised in each place (parser, parse, route, dead letters).
    for (const known of ['TOO_COMPLEX', 'NO_TEXT', 'BAD_FOLDER', 'NO_DIRECTORY', 'PROCESSING_FAILED', 'CHANGES_REQUESTED']) expect(used.has(known), known).toBe(true);
    const missing = [...used].filter(([code]) => !isReasonCode(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it.each(codes)('%s: a name and a text in Swedish and English, a state and a fix', (code) => {
    const entry = REASONS[code];
    expect(entry.label.sv.trim()).not.toBe('');
    expect(entry.label.en.trim()).not.toBe('');
    expect(entry.label.sv).not.toBe(entry.label.en);
    const built = build(code);
    expect(built.code).toBe(code);
    expect(built.sv.trim()).not.toBe('');
    expect(built.en.trim()).not.toBe('');
    expect(PROTOCOL_STATUSES).toContain(outcomeOf(code));
    expect(Array.isArray(fixOf(code))).toBe(true);
  });

  it('tells the secretary what to do for every upload it rejects', () => {
    for (const code of codes.filter((c) => outcomeOf(c) === 'REJECTED')) expect(fixOf(code).length, code).toBeGreaterThan(0);
  });

  it('keeps the parser\'s own sentence, and refuses a code the parser may not raise', () => {
    expect(parserReason('NO_TEXT', { sv: 'Ingen text på sidan 1.', en: 'No text on page 1.' })).toEqual({ code: 'NO_TEXT', sv: 'Ingen text på sidan 1.', en: 'No text on page 1.' });
    expect(() => parserReason('NO_DIRECTORY', { sv: '', en: '' })).toThrow(/does not know/);
    expect(() => parserReason('SOMETHING_NEW', { sv: '', en: '' })).toThrow(/does not know/);
  });

  it('says which stops routing continues from, and which a correction cures', () => {
    expect(codes.filter((c) => reroutable(c, false))).toEqual(['NO_DIRECTORY', 'SIGNERS_UNRESOLVED']);
    expect(codes.filter((c) => reroutable(c, true)).sort()).toEqual(['CHANGE_MISSING', 'CONFIRM_BEFORE_SENDING', 'CORRECTED', 'NO_DIRECTORY', 'NO_ITEMS', 'SIGNERS_UNRESOLVED', 'WRONG_BODY']);
    expect(codes.filter(correctable).sort()).toEqual(codes.filter((c) => reroutable(c, true)).sort());
    expect(reroutable('UNKNOWN', true)).toBe(false);
  });

  it('gives a stored reason the fixed advice, or the general one when its particulars are gone', () => {
    expect(storedFix('ENCRYPTED')).toEqual(['Spara en PDF utan lösenord eller behörighetsbegränsningar och ladda upp den igen.']);
    expect(storedFix('NO_DIRECTORY')).toEqual(['Öppna filen och spara den som PDF på nytt, och ladda upp den igen.']);
    expect(storedFix('UNKNOWN')).toEqual(['Öppna filen och spara den som PDF på nytt, och ladda upp den igen.']);
  });
});
