// npm run load -- --protocols 200 [--json] [--concurrency N] [--keep]
//
// The local stack under load: N distinct drafts (one body, one meeting date
// each, so no upload supersedes another) uploaded at once; when every
// invitation is in the outbox, every signer signs at once; then every protocol
// must reach PUBLISHED. Reports throughput, latencies, peak memory and the
// counts that must be 0: lost, duplicated, double-sealed. Exits non-zero when
// any of them is not.
import { flagsOrExit } from './lib/args';
import { BENCH_BODY } from './lib/generate';
import {
  collectMail,
  detailOf,
  draftsFor,
  isInvitation,
  isRoutedNotice,
  isSealedNotice,
  mailLatency,
  mailsComplete,
  meetingDates,
  pool,
  protocolsOf,
  sealLatency,
  signAll,
  sleep,
  until,
  upload,
  type Detail,
} from './lib/flow';
import { machine } from './lib/machine';
import { table } from './lib/report';
import { benchDirectory, startBenchStack } from './lib/stack';
import { round } from './lib/stats';
import { latency } from './sections/pipeline';

const USAGE = `npm run load -- [--protocols N] [--concurrency N] [--json] [--keep]
  --protocols N    drafts uploaded at once, and signed at once (default 200)
  --concurrency N  at most N uploads / signing rounds in flight (default: all at once)
  --json           one JSON document on stdout (progress on stderr)
  --keep           keep the stack's data folder for inspection`;

const SIGNERS = 2;

const flags = flagsOrExit(USAGE);
const count = flags.protocols ?? 200;
const concurrency = flags.concurrency ?? count;
const started = Date.now();
const progress = (line: string) => process.stderr.write(`[load ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

const report = await main();
process.exitCode = report.counts.lost + report.counts.unfinished + report.counts.duplicated + report.counts.doubleSealed === 0 ? 0 : 1;

async function main() {
  const host = await machine();
  progress(`rendering ${count} drafts`);
  const drafts = await draftsFor(meetingDates(count));
  const byDate = new Map(drafts.map((p) => [p.date, p]));

  progress('starting the local stack (embedded dynalite and s3rver, temporary data folder)');
  const t = await startBenchStack();
  try {
    await t.importBody(benchDirectory());

    // 1. Every draft at once.
    progress(`uploading ${count} drafts (${concurrency >= count ? 'all at once' : `${concurrency} at a time`})`);
    const uploadStart = Date.now();
    await pool(drafts, concurrency, (p) => upload(t, p));
    const uploaded = Date.now();

    // 2. Until every protocol has its invitations (or has stopped somewhere else).
    progress('waiting for every invitation');
    const mailTimeout = Math.max(120_000, count * 1500);
    let lastReport = Date.now();
    const mailed = await until(
      async () => {
        await collectMail(t, byDate);
        const done = drafts.filter((p) => mailsComplete(p, SIGNERS)).length;
        if (Date.now() - lastReport > 5000) {
          progress(`  ${done}/${count} protocols have all their mails`);
          lastReport = Date.now();
        }
        return done === count;
      },
      mailTimeout,
      200,
    );
    if (!mailed) progress(`  not every protocol was mailed within ${mailTimeout / 1000} s; signing those that were`);
    const mailsDone = Date.now();

    // 3. Every signer signs at once.
    const ready = drafts.filter((p) => mailsComplete(p, SIGNERS));
    progress(`signing ${ready.length} protocols (${ready.length * SIGNERS} signatures ${concurrency >= count ? 'at once' : `, ${concurrency} protocols at a time`})`);
    const signStart = Date.now();
    await pool(ready, concurrency, (p) => signAll(p, true));
    const signed = Date.now();

    // 4. Until every protocol is PUBLISHED — or nothing is left to do (queues empty, nothing in flight):
    // then what is not PUBLISHED will not be, and counts as lost. A hard limit only guards against a hang.
    progress('waiting for PUBLISHED');
    const publishTimeout = Math.max(600_000, count * 6000);
    lastReport = Date.now();
    const idleTwice = async () => (await t.stack.idle()) && (await sleep(2000), await t.stack.idle());
    const finished = await until(
      async () => {
        const list = await protocolsOf(t, BENCH_BODY.slug);
        const published = list.filter((p) => p.status === 'PUBLISHED').length;
        if (Date.now() - lastReport > 5000) {
          progress(`  ${published}/${ready.length} PUBLISHED`);
          lastReport = Date.now();
        }
        return published >= ready.length ? t.stack.idle() : idleTwice();
      },
      publishTimeout,
      500,
    );
    if (!finished) progress(`  still working after ${publishTimeout / 1000} s: what is not PUBLISHED is counted as unfinished`);
    // Let anything late (a repeated delivery, a second mail) surface before counting.
    await sleep(3000);
    await until(async () => t.stack.idle(), 30_000, 200);
    await collectMail(t, byDate);
    progress('counting');

    // 5. The accounts: every protocol, its audit trail, the signed files.
    const summaries = await protocolsOf(t, BENCH_BODY.slug);
    const details: Detail[] = [];
    const sealedEvents = new Map<string, number>();
    await pool(summaries, 8, async (s) => {
      details.push(await detailOf(t, s.id));
      const audit = await t.api<{ events: { type: string }[] }>(`/protocols/${s.id}/audit`, { admin: true });
      sealedEvents.set(s.id, audit.status === 200 ? audit.body.events.filter((e) => e.type === 'sealed').length : -1);
    });
    const signedFiles = new Map<string, number>();
    // The signed records only: each has its seal's validation result beside it (….validation.json).
    for (const key of (await t.list('signed/')).filter((k) => k.endsWith('.pdf'))) {
      const id = /-([0-9a-z]{20})\.pdf$/.exec(key)?.[1] ?? key;
      signedFiles.set(id, (signedFiles.get(id) ?? 0) + 1);
    }

    const byKey = new Map<string, Detail[]>();
    for (const d of details) byKey.set(d.source.key, [...(byKey.get(d.source.key) ?? []), d]);
    const problems: string[] = [];
    let lost = 0;
    let unfinished = 0;
    let duplicated = 0;
    let doubleSealed = 0;
    for (const p of drafts) {
      const found = byKey.get(p.key) ?? [];
      const published = found.find((d) => d.status === 'PUBLISHED');
      if (found.length === 0 || !published) {
        const state = found.length ? found.map((d) => `${d.id} ${d.status}`).join(', ') : 'no protocol';
        if (finished) {
          lost++;
          problems.push(`lost: ${p.key} (${state}; nothing left queued)`);
        } else {
          unfinished++;
          problems.push(`unfinished: ${p.key} (${state}; still queued when the time ran out)`);
        }
      }
      if (found.length > 1) {
        duplicated++;
        problems.push(`duplicated: ${p.key} became ${found.length} protocols`);
      }
      const invitations = p.mails.filter(isInvitation).length;
      const signers = published?.signers.length ?? SIGNERS;
      if (invitations > signers) {
        duplicated++;
        problems.push(`duplicated: ${p.key} got ${invitations} invitations for ${signers} signers`);
      }
      const main = published ?? found[0];
      if (main) {
        p.protocolId = main.id;
        p.status = main.status;
        p.sealedAt = main.sealedAt ? Date.parse(main.sealedAt) : null;
        p.publishedAt = main.publishedAt ? Date.parse(main.publishedAt) : null;
      }
    }
    for (const d of details) {
      const events = sealedEvents.get(d.id) ?? 0;
      const files = signedFiles.get(d.id) ?? 0;
      if (events > 1 || files > 1) {
        doubleSealed++;
        problems.push(`double-sealed: ${d.id} has ${events} 'sealed' events and ${files} files under signed/`);
      }
    }
    const extraMails = {
      routedNotices: drafts.reduce((n, p) => n + Math.max(0, p.mails.filter(isRoutedNotice).length - 1), 0),
      sealedNotices: drafts.reduce((n, p) => n + Math.max(0, p.mails.filter(isSealedNotice).length - (SIGNERS + 1)), 0),
    };

    const mails = drafts.map(mailLatency).filter((v): v is number => v !== null);
    const seals = drafts.map(sealLatency).filter((v): v is number => v !== null);
    const publishedAll = drafts.filter((p) => p.publishedAt !== null);
    const lastPublished = Math.max(...publishedAll.map((p) => p.publishedAt!));
    const lastMail = Math.max(...drafts.flatMap((p) => p.mails.filter((m) => isInvitation(m) || isRoutedNotice(m)).map((m) => Date.parse(m.date))));
    const lastSealed = Math.max(...drafts.filter((p) => p.sealedAt !== null).map((p) => p.sealedAt!));
    const perMinute = (n: number, ms: number) => (ms > 0 ? round((n * 60_000) / ms) : null);
    const rss = process.resourceUsage().maxRSS / 1024;

    const result = {
      generatedAt: new Date().toISOString(),
      machine: host,
      protocols: count,
      signersPerProtocol: SIGNERS,
      concurrency: concurrency >= count ? 'all at once' : concurrency,
      durationSec: round((Date.now() - started) / 1000),
      phases: {
        uploadSec: round((uploaded - uploadStart) / 1000, 2),
        uploadToAllMailedSec: round((mailsDone - uploadStart) / 1000, 2),
        signSec: round((signed - signStart) / 1000, 2),
        signToAllPublishedSec: publishedAll.length ? round((lastPublished - signStart) / 1000, 2) : null,
      },
      throughput: {
        /** Protocols from upload to all their mails, per minute (first upload → last mail). */
        mailedPerMinute: perMinute(drafts.filter((p) => mailsComplete(p, SIGNERS)).length, lastMail - uploadStart),
        /** Protocols from first signature to sealed, per minute. */
        sealedPerMinute: perMinute(drafts.filter((p) => p.sealedAt !== null).length, lastSealed - signStart),
        /** The whole flow: published protocols per minute of the run's two active phases. */
        publishedPerMinute: perMinute(publishedAll.length, mailsDone - uploadStart + (lastPublished - signStart)),
      },
      latencyMs: {
        uploadToMails: latency(mails),
        lastSignatureToSealed: latency(seals),
      },
      peakMemoryMb: {
        /** The runtime process: gateway, queues, in-process functions, dynalite, s3rver and this client. */
        runtime: round(rss),
        sandboxes: t.sandboxPeaks(),
      },
      counts: { lost, unfinished, duplicated, doubleSealed, published: publishedAll.length, protocols: details.length, signedFiles: [...signedFiles.values()].reduce((a, b) => a + b, 0) },
      extraMails,
      problems: problems.slice(0, 50),
    };
    if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else print(result);
    if (problems.length && !flags.json) console.log(t.lines.slice(-20).join('\n'));
    return result;
  } finally {
    await t.stop({ keep: flags.keep });
    if (flags.keep) progress(`data kept in ${t.dir}`);
  }
}

type Result = Awaited<ReturnType<typeof main>>;

function print(r: Omit<Result, never>): void {
  const m = r.machine;
  const say = (s = '') => console.log(s);
  say(`Justera load — ${r.protocols} protocols × ${r.signersPerProtocol} signers, ${r.concurrency} · ${m.cpu}, ${m.cores} cores, ${m.ramGb} GB, Node ${m.node} · load average at start ${m.loadAverage}`);
  say();
  say(
    table(
      ['phase', 'seconds'],
      [
        [`upload ${r.protocols} drafts`, r.phases.uploadSec],
        ['first upload → every invitation in the outbox', r.phases.uploadToAllMailedSec],
        [`post ${r.protocols * r.signersPerProtocol} signatures`, r.phases.signSec],
        ['first signature → every protocol PUBLISHED', r.phases.signToAllPublishedSec],
      ],
    ),
  );
  say();
  say(
    table(
      ['throughput', 'protocols / min'],
      [
        ['upload → mailed', r.throughput.mailedPerMinute],
        ['signed → sealed', r.throughput.sealedPerMinute],
        ['published (both phases)', r.throughput.publishedPerMinute],
      ],
    ),
  );
  say();
  say(
    table(
      ['latency under load', 'p50 ms', 'p95 ms', 'min', 'max', 'n'],
      [
        ['upload → all mails', r.latencyMs.uploadToMails.p50, r.latencyMs.uploadToMails.p95, r.latencyMs.uploadToMails.min, r.latencyMs.uploadToMails.max, r.latencyMs.uploadToMails.count],
        ['last signature → sealed', r.latencyMs.lastSignatureToSealed.p50, r.latencyMs.lastSignatureToSealed.p95, r.latencyMs.lastSignatureToSealed.min, r.latencyMs.lastSignatureToSealed.max, r.latencyMs.lastSignatureToSealed.count],
      ],
    ),
  );
  say();
  say(`peak memory: runtime process ${r.peakMemoryMb.runtime} MB; parse sandbox ${r.peakMemoryMb.sandboxes.parse ?? '–'} MB; stamp sandbox ${r.peakMemoryMb.sandboxes.stamp ?? '–'} MB`);
  say(`extra mails (beyond one per recipient): routed notices ${r.extraMails.routedNotices}, sealed notices ${r.extraMails.sealedNotices}`);
  say();
  const c = r.counts;
  say(`lost ${c.lost} · duplicated ${c.duplicated} · double-sealed ${c.doubleSealed}${c.unfinished ? ` · unfinished ${c.unfinished}` : ''}   (${c.published}/${r.protocols} PUBLISHED, ${c.protocols} protocols, ${c.signedFiles} signed files)`);
  for (const p of r.problems) say(`  ${p}`);
  say(c.lost + c.unfinished + c.duplicated + c.doubleSealed === 0 ? 'OK: nothing lost, duplicated or double-sealed' : 'FAILED');
}
