// A Swedish personal identity number (personnummer) or coordination number
// (samordningsnummer, day + 60). It is the one piece of personal data Justera
// must never show, log, mail or stamp, so it is a class, not a string: printed,
// serialised or inspected it reads "[personnummer]", and only digits() — called
// where BankID or the keyed hash needs the number — gives it out.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { inspect } from 'node:util';

const HIDDEN = '[personnummer]';

export class Personnummer {
  readonly #digits: string;

  private constructor(digits: string) {
    this.#digits = digits;
  }

  /** The 12 digits (YYYYMMDDNNNC); for BankID and the keyed hash only. */
  digits(): string {
    return this.#digits;
  }

  /** A samordningsnummer: the day of birth plus 60. */
  get coordination(): boolean {
    return Number(this.#digits.slice(6, 8)) > 60;
  }

  equals(other: Personnummer): boolean {
    return timingSafeEqual(Buffer.from(this.#digits), Buffer.from(other.#digits));
  }

  toString(): string {
    return HIDDEN;
  }

  toJSON(): string {
    return HIDDEN;
  }

  [inspect.custom](): string {
    return HIDDEN;
  }

  /** The number, or why not (never echoing the input: it may be someone's real number). */
  static parse(input: string, today = new Date()): { ok: true; value: Personnummer } | { ok: false; reason: string } {
    // Accept the common written form YYYYMMDD-NNNN too; nothing else (no 10-digit forms: the century would be a guess).
    const match = /^(\d{8})-?(\d{4})$/.exec(input.trim());
    if (!match) return { ok: false, reason: 'a personnummer has 12 digits (YYYYMMDDNNNN)' };
    const digits = `${match[1]}${match[2]}`;
    const year = Number(digits.slice(0, 4));
    const month = Number(digits.slice(4, 6));
    const rawDay = Number(digits.slice(6, 8));
    const day = rawDay > 60 ? rawDay - 60 : rawDay;
    const date = new Date(Date.UTC(year, month - 1, day));
    if (year < 1850 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || day === 0)
      return { ok: false, reason: 'the date of birth in the personnummer is not a date' };
    if (date.getTime() > today.getTime()) return { ok: false, reason: 'the date of birth in the personnummer is in the future' };
    if (!luhnValid(digits.slice(2))) return { ok: false, reason: 'the check digit of the personnummer is wrong' };
    return { ok: true, value: new Personnummer(digits) };
  }

  /** Like parse, throwing the reason. */
  static of(input: string, today?: Date): Personnummer {
    const parsed = Personnummer.parse(input, today);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value;
  }
}

/** The Luhn check over YYMMDDNNNC: from the left, digits alternately doubled and not. */
export function luhnValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * The keyed hash a personnummer is stored as: HMAC-SHA256 under a key the
 * table never sees (a local key file, or a KMS HMAC key on AWS), so a leaked
 * table does not give the numbers back by trying every date of birth.
 */
export interface PersonnummerHasher {
  /** Lower-case hex HMAC-SHA256 of the 12 digits. */
  hash(personnummer: Personnummer): Promise<string>;
}

/** HMAC-SHA256 with a key held in memory (the local key file's implementation). */
export function hmacHasher(key: Uint8Array): PersonnummerHasher {
  if (key.length < 32) throw new Error('The personnummer key must be at least 32 bytes.');
  return { hash: async (p) => createHmac('sha256', key).update(p.digits(), 'ascii').digest('hex') };
}

/** Whether the number is the one a stored hash was made from; compares in constant time. */
export async function matchesHash(hasher: PersonnummerHasher, personnummer: Personnummer, storedHash: string): Promise<boolean> {
  const actual = Buffer.from(await hasher.hash(personnummer), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && actual.length > 0 && timingSafeEqual(actual, expected);
}
