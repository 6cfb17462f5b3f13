/** What the runs still running plan to materialize: the evaluator's `inProgress`. */
import type { StoreReader } from "../../store/store";

/** Key → its partitions in progress (`""` for an unpartitioned asset). */
export type Targets = ReadonlyMap<string, ReadonlySet<string>>;

/** How many of the newest runs are searched for running ones: more than ever run at once on one store. */
const RUNS_SEARCHED = 200;

/** Each running run's plan (its `run_started` event) by asset, joined with `starting`. */
export async function runningTargets(
  store: Pick<StoreReader, "runs" | "events">,
  starting: Targets = new Map(),
): Promise<Targets> {
  const targets = new Map<string, Set<string>>();
  const add = (key: string, partitions: Iterable<string>) => {
    const known = targets.get(key);
    if (known) for (const partition of partitions) known.add(partition);
    else targets.set(key, new Set(partitions));
  };
  for (const [key, partitions] of starting) add(key, partitions);
  const running = (await store.runs(RUNS_SEARCHED)).filter((run) => run.status === "running");
  const events = await Promise.all(running.map((run) => store.events(run.id)));
  for (const runEvents of events) {
    const started = runEvents.find((event) => event.type === "run_started");
    // Not started yet (still planning): nothing to say about which assets it runs.
    if (started?.type !== "run_started") continue;
    for (const step of started.plan) for (const key of step.assets) add(key, step.partitions ?? [""]);
  }
  return targets;
}
