// Pipeline latency on the local stack, one protocol at a time (no queueing
// behind other work): upload → all mails in the outbox, and the last
// signature → the signed PDF stored (SEALED). One protocol first warms the
// sandboxes and is not counted.
import { BENCH_BODY } from '../lib/generate';
import { collectMail, detailOf, draftsFor, mailLatency, mailsComplete, meetingDates, protocolsOf, sealLatency, signAll, until, upload, type Tracked } from '../lib/flow';
import { benchDirectory, startBenchStack } from '../lib/stack';
import { percentile, round } from '../lib/stats';

export const LATENCY_LIMIT_MS = 1000;

export interface Latency {
  p50: number;
  p95: number;
  min: number;
  max: number;
  count: number;
}

export interface PipelineFigures {
  protocols: number;
  uploadToMailsMs: Latency;
  lastSignatureToSealedMs: Latency;
  /** Sealed → PUBLISHED (notice posted), for information. */
  sealedToPublishedMs: Latency;
  failures: string[];
  sandboxPeakRssMb: { parse: number | null; stamp: number | null };
  mailsMet: boolean;
  sealMet: boolean;
}

export function latency(values: number[]): Latency {
  if (values.length === 0) return { p50: Number.NaN, p95: Number.NaN, min: Number.NaN, max: Number.NaN, count: 0 };
  return {
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    count: values.length,
  };
}

const SIGNERS = 2;

export async function benchPipeline(count: number, progress: (line: string) => void): Promise<PipelineFigures> {
  progress('pipeline: starting the local stack');
  const t = await startBenchStack();
  const failures: string[] = [];
  try {
    await t.importBody(benchDirectory());
    const drafts = await draftsFor(meetingDates(count + 1));
    const byDate = new Map(drafts.map((p) => [p.date, p]));
    const measured: Tracked[] = [];
    for (const p of drafts) {
      if (p.index > 0 && p.index % 10 === 0) progress(`pipeline: protocol ${p.index}/${count}`);
      try {
        await flowOne(t, p, byDate);
        if (p.index > 0) measured.push(p);
      } catch (error) {
        failures.push(`${p.key}: ${(error as Error).message}`);
      }
    }
    const mails = measured.map(mailLatency).filter((v): v is number => v !== null);
    const seals = measured.map(sealLatency).filter((v): v is number => v !== null);
    const published = measured.filter((p) => p.sealedAt !== null && p.publishedAt !== null).map((p) => p.publishedAt! - p.sealedAt!);
    const uploadToMailsMs = latency(mails);
    const lastSignatureToSealedMs = latency(seals);
    return {
      protocols: measured.length,
      uploadToMailsMs,
      lastSignatureToSealedMs,
      sealedToPublishedMs: latency(published),
      failures,
      sandboxPeakRssMb: t.sandboxPeaks(),
      mailsMet: failures.length === 0 && uploadToMailsMs.p50 <= LATENCY_LIMIT_MS,
      sealMet: failures.length === 0 && lastSignatureToSealedMs.p50 <= LATENCY_LIMIT_MS,
    };
  } finally {
    await t.stop();
  }
}

async function flowOne(t: Awaited<ReturnType<typeof startBenchStack>>, p: Tracked, byDate: Map<string, Tracked>): Promise<void> {
  await upload(t, p);
  const mailed = await until(
    async () => {
      await collectMail(t, byDate);
      return mailsComplete(p, SIGNERS);
    },
    60_000,
    25,
  );
  if (!mailed) throw new Error(`no invitations within 60 s (${p.mails.length} mails)\n${t.lines.slice(-10).join('\n')}`);
  await signAll(p, false);
  if (p.signPosts.some((s) => s.status !== 200)) throw new Error(`signing answered ${p.signPosts.map((s) => s.status).join(', ')}`);
  const done = await until(
    async () => {
      const [found] = await protocolsOf(t, BENCH_BODY.slug, { from: p.date, to: p.date });
      if (!found) return false;
      p.protocolId = found.id;
      p.status = found.status;
      return found.status === 'PUBLISHED';
    },
    120_000,
    50,
  );
  if (!done) throw new Error(`not PUBLISHED within 120 s (status ${p.status})`);
  const detail = await detailOf(t, p.protocolId!);
  p.sealedAt = detail.sealedAt ? Date.parse(detail.sealedAt) : null;
  p.publishedAt = detail.publishedAt ? Date.parse(detail.publishedAt) : null;
  // Nothing of this protocol may still run when the next one starts (the sealed notices, the index).
  await until(async () => t.stack.idle(), 30_000, 25);
  await collectMail(t, byDate);
}
