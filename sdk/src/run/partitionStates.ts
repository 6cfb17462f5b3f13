/**
 * Each partition's state as `--partitions missing|failed|stale` and `--stale` choose by: `status --partitions KEY`'s
 * states, with `failed` wider: a partition whose last attempt did not finish (it failed, was skipped because an
 * upstream partition failed, or was never reached because the run was cancelled) is one to run again, so
 * `--partitions failed` finishes an interrupted backfill.
 */
import type { PartitionContext } from "../partitions";
import type { AssetGraph, PartitionState, RunEvent, RunSummary } from "../protocol";
import { computePartitionStatuses, readStatusInput, upstreamClosure } from "../status/staleness";
import type { StoreReader } from "../store/store";

/** How many of the newest runs are searched for the last one that planned an asset's partitions. */
const RUNS_SEARCHED = 20;

export interface PartitionStates {
  /** Partition → state; a partition it does not list is missing. */
  of(key: string): ReadonlyMap<string, PartitionState>;
}

type Plan = Extract<RunEvent, { type: "run_started" }>["plan"];

/** The states of `keys`' partitions, read from the store at once so that choosing partitions then waits for nothing. */
export async function partitionStatesFromStore(
  graph: AssetGraph,
  store: StoreReader,
  context: PartitionContext,
  keys: Iterable<string>,
): Promise<PartitionStates> {
  const plans = new Map<string, Promise<Plan>>();
  const planOf = (runId: string) => {
    let plan = plans.get(runId);
    if (!plan) {
      plan = store.events(runId).then((events) => {
        const started = events.find((event) => event.type === "run_started");
        return started?.type === "run_started" ? started.plan : [];
      });
      plans.set(runId, plan);
    }
    return plan;
  };
  const wanted = [...keys];
  // Only what these keys' states depend on is read: their upstream closure.
  const input = await readStatusInput(upstreamClosure(graph, wanted), store, context.now);
  let recent: RunSummary[] | undefined;
  const known = new Map<string, ReadonlyMap<string, PartitionState>>();
  for (const key of wanted) {
    const states = new Map<string, PartitionState>();
    for (const { partition, state } of computePartitionStatuses(input, key) ?? []) states.set(partition, state);
    // The newest run that planned this asset: what it planned and nothing has materialized since did not finish.
    recent ??= await store.runs(RUNS_SEARCHED);
    for (const run of recent) {
      const planned = (await planOf(run.id)).filter((step) => step.assets.includes(key));
      if (planned.length === 0) continue;
      if (run.status === "running" || run.status === "success") break;
      const records = await store.latestPartitionRecords(key);
      for (const partition of planned.flatMap((step) => step.partitions ?? []))
        if ((records.get(partition)?.timestamp ?? 0) < run.startedAt) states.set(partition, "failed");
      break;
    }
    known.set(key, states);
  }
  return { of: (key) => known.get(key) ?? new Map() };
}
