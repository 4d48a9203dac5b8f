// The scheduled rounds on one machine: a timer per entry of SCHEDULES
// (infra/functions.ts), started with the same input the CDK stack gives its
// EventBridge Scheduler schedules.
import { SCHEDULES, type FunctionName, type ScheduleSpec } from '../functions';
import type { FunctionHost } from './hosts';

/** A timer per entry of SCHEDULES (the CDK stack makes a Scheduler schedule of each), with the same input. */
export function localSchedules(remindEveryMs?: number): { name: string; spec: ScheduleSpec; everyMs: number }[] {
  return (Object.entries(SCHEDULES) as [string, ScheduleSpec][]).map(([name, spec]) => ({
    name,
    spec,
    everyMs: name === 'remind' ? (remindEveryMs ?? spec.localEveryMs) : spec.localEveryMs,
  }));
}

export function startSchedules(hosts: Record<FunctionName, FunctionHost>, remindEveryMs: number | undefined, print: (line: string) => void): () => void {
  const invoke = (target: FunctionName, input: object) => () => void hosts[target].invoke(input).catch((error) => print(`${target} error: ${String(error)}`));
  const timers = localSchedules(remindEveryMs).map(({ spec, everyMs }) => setInterval(invoke(spec.target, spec.input), everyMs));
  // After a crash, whatever sat between two steps goes on now (queued events are harmless duplicates).
  invoke(SCHEDULES.resume.target, { ...SCHEDULES.resume.input, stuckAfterMs: 0 })();
  return () => timers.forEach((t) => clearInterval(t));
}
