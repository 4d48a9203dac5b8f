// The local mail outbox: one .eml and one .json summary per message.
import { existsSync, watch } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutboxEntry } from '../../shared/adapters/mailer';

export async function readOutbox(dir: string): Promise<OutboxEntry[]> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  const entries = await Promise.all(names.map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as OutboxEntry));
  return entries.sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
}

/** Calls back once for every message that lands in the outbox after the start. */
export function watchOutbox(dir: string, onMail: (entry: OutboxEntry) => void): () => void {
  const known = new Set<string>();
  let stopped = false;
  const scan = async () => {
    if (stopped) return;
    for (const entry of await readOutbox(dir).catch(() => [])) {
      if (known.has(entry.id)) continue;
      known.add(entry.id);
      if (primed) onMail(entry);
    }
    primed = true;
  };
  let primed = false;
  void scan();
  const watcher = watch(dir, () => void scan());
  const timer = setInterval(() => void scan(), 1000);
  return () => {
    stopped = true;
    watcher.close();
    clearInterval(timer);
  };
}
