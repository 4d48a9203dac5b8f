// Sample data for a fresh data folder: the directories of two fictional
// bodies and their minutes (one protokoll, one minnesanteckningar), rendered
// to PDF and dropped into drafts/ exactly as a secretary would. A newcomer
// sees them parsed, routed, and the signing mails in the outbox. They are
// dated two days ago, so that no warning about a late adjustment shows.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bodyDirectory } from '../../shared/api/schemas';
import { stockholmDate } from '../../shared/domain/calendar';
import type { FileStore } from '../../shared/ports';
import { renderMinutes } from '../../samples/render';

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** The meeting two days before `today`: a fresh start then shows minutes within the adjustment period, not late ones. */
export function sampleMeetingDate(today: Date): string {
  return stockholmDate(new Date(today.getTime() - 2 * 86_400_000));
}

/** Puts `meeting` (YYYY-MM-DD) in the title line of a sample, in the form the title already uses. */
export function withMeetingDate(text: string, meeting: string): string {
  const [y, m, d] = meeting.split('-').map(Number) as [number, number, number];
  return text.replace(/^# .*$/m, (title) =>
    title.replace(/\d{4}-\d{2}-\d{2}/, meeting).replace(/den \d{1,2} [a-zåäö]+ \d{4}/, `den ${d} ${MONTHS[m - 1]} ${y}`),
  );
}

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
    const text = withMeetingDate(await readFile(resolve(SAMPLES, `${directory.slug}.txt`), 'utf8'), sampleMeetingDate(new Date()));
    const pdf = await renderMinutes(text);
    const key = `drafts/${directory.slug}/${directory.slug}-utkast.pdf`;
    await input.files.put(key, pdf, { contentType: 'application/pdf' });
    input.print(`sample  ${key} (directory ${directory.name})`);
  }
}
