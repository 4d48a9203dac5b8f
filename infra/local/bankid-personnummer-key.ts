// The personnummer key on one machine: 32 random bytes in a file of the data
// folder (mode 0600), made on first use. The table keeps only HMAC-SHA256
// hashes under it; losing the file means the stored hashes match nobody and
// the personnummer of each member has to be entered again.
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hmacHasher, type PersonnummerHasher } from '../../shared/bankid/personnummer';

export const PERSONNUMMER_KEY_FILE = 'personnummer-key';
const KEY_BYTES = 32;

export async function localPersonnummerHasher(dir: string): Promise<PersonnummerHasher> {
  const file = path.join(dir, PERSONNUMMER_KEY_FILE);
  const existing = await read(file);
  if (existing) return hmacHasher(existing);
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
  if (!placed) throw new Error(`The personnummer key ${file} could not be created.`);
  return hmacHasher(placed);
}

async function read(file: string): Promise<Uint8Array | null> {
  try {
    const key = new Uint8Array(await readFile(file));
    if (key.length !== KEY_BYTES) throw new Error(`The personnummer key ${file} is not ${KEY_BYTES} bytes.`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
