/**
 * Each partition's state as `--partitions missing|failed|stale` and `--stale` choose by: `status --partitions KEY`'s
 * states, with `failed` wider: a partition whose last attempt did not finish (it failed, was skipped because an
 * upstream partition failed, or was never reached because the run was cancelled) is one to run again, so
 * `--partitions failed` finishes an interrupted backfill.
 */
import type { PartitionContext } from "../partitions";
import type { AssetGraph, PartitionState, RunEvent } from "../protocol";
import { computePartitionStatuses, storeInput } from "../status/staleness";
import type { StoreReader } from "../store/store";

/** How many of the newest runs are searched for the last one that planned an asset's partitions. */
const RUNS_SEARCHED = 20;

export interface PartitionStates {
  /** Partition → state; a partition it does not list is missing. */
  of(key: string): ReadonlyMap<string, PartitionState>;
}

export function partitionStatesFromStore(
  graph: AssetGraph,
  store: StoreReader,
  context: PartitionContext,
): PartitionStates {
  const plans = new Map<string, Extract<RunEvent, { type: "run_started" }>["plan"]>();
  const planOf = (runId: string) => {
    let plan = plans.get(runId);
    if (!plan) {
      const started = store.events(runId).find((event) => event.type === "run_started");
      plan = started?.type === "run_started" ? started.plan : [];
      plans.set(runId, plan);
    }
    return plan;
  };
  let recent: ReturnType<StoreReader["runs"]> | undefined;
  const input = storeInput(graph, store, context.now);
  const known = new Map<string, ReadonlyMap<string, PartitionState>>();
  return {
    of(key) {
      const cached = known.get(key);
      if (cached) return cached;
      const states = new Map<string, PartitionState>();
      for (const { partition, state } of computePartitionStatuses(input, key) ?? []) states.set(partition, state);
      const records = store.latestPartitionRecords(key);
      // The newest run that planned this asset: what it planned and nothing has materialized since did not finish.
      recent ??= store.runs(RUNS_SEARCHED);
      for (const run of recent) {
        const planned = planOf(run.id).filter((step) => step.assets.includes(key));
        if (planned.length === 0) continue;
        if (run.status === "running" || run.status === "success") break;
        for (const partition of planned.flatMap((step) => step.partitions ?? []))
          if ((records.get(partition)?.timestamp ?? 0) < run.startedAt) states.set(partition, "failed");
        break;
      }
      known.set(key, states);
      return states;
    },
  };
}
