/**
 * A partitioned node's health strip: the stored ranges of partition states, with a running backfill's step events laid
 * over them until the host sends fresh statuses. Events name partition keys, ranges only their first and last keys
 * and counts, so a partition is placed where the ranges and the run's plan pin it down: a range's first or last key,
 * or any key of a range the plan covers whole (a backfill of the missing partitions, a range, the latest one).
 * Partitions placed nowhere show when the store's next statuses arrive.
 */
import type { PartitionState, PartitionsSummary, RunEvent } from "assetline/protocol";

export type StripState = PartitionState | "running";
export interface StripRun {
  state: StripState;
  count: number;
}

const LIVE: Partial<Record<RunEvent["type"], StripState>> = {
  step_started: "running",
  step_retrying: "running",
  step_succeeded: "materialized",
  step_failed: "failed",
};

/** Where each partition the plan names sits among all, as far as the ranges tell. */
function positions(ranges: PartitionsSummary["ranges"], planned: readonly string[]): Map<string, number> {
  const at = new Map<string, number>();
  const index = new Map(planned.map((key, i) => [key, i]));
  let offset = 0;
  for (const range of ranges) {
    const first = index.get(range.start);
    if (first !== undefined && planned[first + range.count - 1] === range.end)
      for (let i = 0; i < range.count; i++) at.set(planned[first + i]!, offset + i);
    at.set(range.start, offset);
    at.set(range.end, offset + range.count - 1);
    offset += range.count;
  }
  return at;
}

/** The stored ranges with the live partitions' states put in their places, as runs in order. */
export function liveRuns(
  ranges: PartitionsSummary["ranges"],
  planned: readonly string[],
  live: ReadonlyMap<string, StripState>,
): StripRun[] {
  if (live.size === 0) return ranges.map(({ state, count }) => ({ state, count }));
  const states: StripState[] = ranges.flatMap(({ state, count }) => Array<StripState>(count).fill(state));
  const at = positions(ranges, planned);
  for (const [key, state] of live) {
    const index = at.get(key);
    if (index !== undefined) states[index] = state;
  }
  const runs: StripRun[] = [];
  for (const state of states) {
    const last = runs.at(-1);
    if (last?.state === state) last.count++;
    else runs.push({ state, count: 1 });
  }
  return runs;
}

/** The live partition states of the current run, per asset, from its plan and step events. */
export class PartitionOverlay {
  private planned = new Map<string, string[]>();
  private readonly live = new Map<string, Map<string, StripState>>();

  apply(event: RunEvent): void {
    if (event.type === "run_started") {
      this.planned = new Map();
      for (const step of event.plan)
        for (const key of step.assets)
          if (step.partitions) this.planned.set(key, [...(this.planned.get(key) ?? []), ...step.partitions]);
      return;
    }
    const state = LIVE[event.type];
    if (!state || !("assets" in event) || !event.partitions) return;
    for (const key of event.assets) {
      const partitions = this.live.get(key) ?? new Map<string, StripState>();
      for (const partition of event.partitions) partitions.set(partition, state);
      this.live.set(key, partitions);
    }
  }

  /** Fresh statuses from the store hold what finished; partitions still running keep their overlay. */
  settle(): void {
    for (const [key, partitions] of this.live) {
      for (const [partition, state] of partitions) if (state !== "running") partitions.delete(partition);
      if (partitions.size === 0) this.live.delete(key);
    }
  }

  runs(key: string, summary: PartitionsSummary): StripRun[] {
    // The planner lists an asset's partitions in the definition's order, as the ranges are.
    return liveRuns(summary.ranges, this.planned.get(key) ?? [], this.live.get(key) ?? new Map());
  }
}
