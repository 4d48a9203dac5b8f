// Sample data for a fresh data folder: the directories of two fictional
// bodies and their minutes (one protokoll, one minnesanteckningar), rendered
// to PDF and dropped into drafts/ exactly as a secretary would. A newcomer
// sees them parsed, routed, and the signing mails in the outbox.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bodyDirectory } from '../../shared/api/schemas';
import type { FileStore } from '../../shared/ports';
import { renderMinutes } from '../../samples/render';

const SAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../samples');

export async function loadSamples(input: { files: FileStore; adminToken: string; url: string; print: (line: string) => void }): Promise<void> {
  const directories = bodyDirectory.array().parse(JSON.parse(await readFile(resolve(SAMPLES, 'bodies.json'), 'utf8')));
  for (const directory of directories) {
    const response = await fetch(`${input.url}/admin/bodies/${directory.slug}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${input.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(directory),
    });
    if (!response.ok) throw new Error(`sample directory ${directory.slug}: ${response.status} ${await response.text()}`);
    const pdf = await renderMinutes(await readFile(resolve(SAMPLES, `${directory.slug}.txt`), 'utf8'));
    const key = `drafts/${directory.slug}/${directory.slug}-utkast.pdf`;
    await input.files.put(key, pdf, { contentType: 'application/pdf' });
    input.print(`sample  ${key} (directory ${directory.name})`);
  }
}
