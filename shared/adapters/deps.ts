// The composition root the handlers get their adapters from. The runtime is
// chosen once: the AWS root (./aws.ts) is the default of every Lambda bundle;
// the local runtime (infra/local/runtime.ts) registers its own root before it
// invokes a handler, so no handler or adapter asks "where am I?" again.
import { isAwsConfig, loadConfig } from '../config';
import type { Deps } from '../ports';
import { awsRuntime } from './aws';
import type { CompositionRoot, Wiring } from './wiring';

export type { CompositionRoot, Wiring } from './wiring';

let root: CompositionRoot | undefined;
const containers = new Map<Wiring, Deps>();
const NONE: Wiring = {};

/** The local runtime hands the handlers its root once, before it invokes any (and again for each new stack in tests). */
export function useCompositionRoot(next: CompositionRoot): void {
  root = next;
  containers.clear();
}

export function compositionRoot(): CompositionRoot {
  if (root) return root;
  const config = loadConfig();
  if (!isAwsConfig(config)) throw new Error(`JUSTERA_RUNTIME=${config.JUSTERA_RUNTIME}: that runtime registers its composition root before invoking a handler`);
  return (root = awsRuntime(config));
}

/** One set of clients per Lambda container (per function when the local stack hosts several in one process). */
export function containerDeps(wiring: Wiring = NONE): Deps {
  if (!containers.has(wiring)) containers.set(wiring, compositionRoot().deps(wiring));
  return containers.get(wiring)!;
}
