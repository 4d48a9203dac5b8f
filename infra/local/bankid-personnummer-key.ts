// The BankID keys on one machine: 32 random bytes each in a file of the data
// folder (mode 0600), made on first use. The personnummer key makes the
// HMAC-SHA256 hashes the table keeps; losing it means the stored hashes match
// nobody and each member's personnummer has to be entered again. The evidence
// key wraps the data key of each BankID signature's kept evidence; losing it
// means that evidence can no longer be opened.
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { aesDataKeys, type DataKeys } from '../../shared/bankid/evidence';
import { hmacHasher, type PersonnummerHasher } from '../../shared/bankid/personnummer';

export const PERSONNUMMER_KEY_FILE = 'personnummer-key';
export const EVIDENCE_KEY_FILE = 'evidence-key';
const KEY_BYTES = 32;

export async function localPersonnummerHasher(dir: string): Promise<PersonnummerHasher> {
  return hmacHasher(await keyFile(dir, PERSONNUMMER_KEY_FILE));
}

/** The evidence key's id names the file, so a record says which key wrapped it. */
export async function localEvidenceKeys(dir: string): Promise<DataKeys> {
  return aesDataKeys(await keyFile(dir, EVIDENCE_KEY_FILE), `file:${EVIDENCE_KEY_FILE}`);
}

/** Reads the key file, or makes it once. */
async function keyFile(dir: string, name: string): Promise<Uint8Array> {
  const file = path.join(dir, name);
  const existing = await read(file);
  if (existing) return existing;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Write under a temporary name, then link into place: link fails when the
  // file exists, so two processes starting at once end up with one key.
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, randomBytes(KEY_BYTES), { mode: 0o600 });
  await chmod(tmp, 0o600); // whatever the umask
  try {
    await link(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(tmp);
  }
  const placed = await read(file);
  if (!placed) throw new Error(`The key ${file} could not be created.`);
  return placed;
}

async function read(file: string): Promise<Uint8Array | null> {
  try {
    const key = new Uint8Array(await readFile(file));
    if (key.length !== KEY_BYTES) throw new Error(`The key ${file} is not ${KEY_BYTES} bytes.`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
