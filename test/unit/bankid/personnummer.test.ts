// Personnummer: what counts as one, that it never prints itself, and the
// keyed hash it is stored as (local key file here; KMS in
// test/integration/bankid/kms-hasher.test.ts, against the KMS simulator).
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { hmacHasher, luhnValid, matchesHash, Personnummer } from '../../../shared/bankid/personnummer';
import { localPersonnummerHasher, PERSONNUMMER_KEY_FILE } from '../../../infra/local/bankid-personnummer-key';

const TODAY = new Date('2026-12-03T12:00:00Z');

describe('Personnummer.parse', () => {
  it.each([
    ['198112189876', 'a personnummer'],
    ['19811218-9876', 'the written form with a hyphen'],
    ['194011213222', 'born in 1940'],
    ['199001712380', 'a samordningsnummer (day 11 + 60)'],
  ])('accepts %s (%s)', (input) => {
    const parsed = Personnummer.parse(input, TODAY);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.digits()).toBe(input.replace('-', ''));
  });

  it.each([
    ['8112189876', 'ten digits: the century would be a guess', /12 digits/],
    ['198112189877', 'wrong check digit', /check digit/],
    ['198113189875', 'month 13', /not a date/],
    ['190102291234', 'February 29 in a year without it', /not a date/],
    ['199001922385', 'day 32 as a samordningsnummer (92)', /not a date/],
    ['203001012388', 'born in the future', /future/],
    ['19811218+9876', 'an unknown separator', /12 digits/],
    ['1981121898761', 'thirteen digits', /12 digits/],
  ])('refuses %s (%s) without repeating it', (input, _why, reason) => {
    const parsed = Personnummer.parse(input, TODAY);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toMatch(reason);
      expect(parsed.reason).not.toContain(input.slice(-4));
    }
  });

  it('knows a samordningsnummer', () => {
    expect(Personnummer.of('199001712380', TODAY).coordination).toBe(true);
    expect(Personnummer.of('198112189876', TODAY).coordination).toBe(false);
  });

  it('checks Luhn over the ten digits after the century', () => {
    expect(luhnValid('8112189876')).toBe(true);
    expect(luhnValid('8112189875')).toBe(false);
    expect(luhnValid('81121898')).toBe(false);
  });

  it('never shows the number when printed, serialised or inspected', () => {
    const p = Personnummer.of('198112189876');
    const shown = [String(p), `${p}`, JSON.stringify({ p }), inspect({ p }), inspect(p)].join(' ');
    expect(shown).not.toMatch(/9876|811218/);
    expect(shown).toContain('[personnummer]');
  });
});

describe('keyed hash', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const p = Personnummer.of('198112189876');
  const q = Personnummer.of('194011213222');

  it('is HMAC-SHA256 of the twelve digits, differs by key and by person, and matches only its own', async () => {
    const key = randomBytes(32);
    const hash = await hmacHasher(key).hash(p);
    expect(hash).toBe(createHmac('sha256', key).update('198112189876').digest('hex'));
    expect(await hmacHasher(randomBytes(32)).hash(p)).not.toBe(hash);
    expect(await hmacHasher(key).hash(q)).not.toBe(hash);
    expect(await matchesHash(hmacHasher(key), p, hash)).toBe(true);
    expect(await matchesHash(hmacHasher(key), q, hash)).toBe(false);
    expect(await matchesHash(hmacHasher(key), p, '')).toBe(false);
    expect(() => hmacHasher(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('locally: a 32-byte key file readable by the owner alone, made once even when two start at once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'justera-pnr-'));
    dirs.push(dir);
    const [a, b] = await Promise.all([localPersonnummerHasher(dir), localPersonnummerHasher(dir)]);
    const file = path.join(dir, PERSONNUMMER_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const key = await readFile(file);
    expect(key.length).toBe(32);
    expect(await a.hash(p)).toBe(await b.hash(p));
    expect(await (await localPersonnummerHasher(dir)).hash(p)).toBe(createHmac('sha256', key).update('198112189876').digest('hex'));
  });
});
