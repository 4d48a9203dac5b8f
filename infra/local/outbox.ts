// The local mail outbox: one .eml and one .json summary per message.
import { existsSync, watch } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutboxEntry } from '../../shared/pages/outbox';

export async function readOutbox(dir: string): Promise<OutboxEntry[]> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  const entries = await Promise.all(names.map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as OutboxEntry));
  return entries.sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
}

/**
 * Calls back once for every message that lands in the outbox after the start.
 * Reads only summaries it has not seen (by file name): with thousands of mails,
 * reading them all on every change was most of the local runtime's work.
 */
export function watchOutbox(dir: string, onMail: (entry: OutboxEntry) => void): () => void {
  const known = new Set<string>();
  let stopped = false;
  let primed = false;
  let scanning = false;
  const scan = async () => {
    if (stopped || scanning) return;
    scanning = true;
    try {
      const fresh = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !known.has(n));
      const entries: OutboxEntry[] = [];
      for (const name of fresh) {
        known.add(name);
        if (!primed) continue;
        try {
          entries.push(JSON.parse(await readFile(join(dir, name), 'utf8')) as OutboxEntry);
        } catch {
          known.delete(name); // not readable yet: next time
        }
      }
      for (const entry of entries.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))) onMail(entry);
      primed = true;
    } finally {
      scanning = false;
    }
  };
  void scan();
  const watcher = watch(dir, () => void scan());
  const timer = setInterval(() => void scan(), 1000);
  return () => {
    stopped = true;
    watcher.close();
    clearInterval(timer);
  };
}
