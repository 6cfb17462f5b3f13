/**
 * A partitioned asset's health as a bar, one way everywhere: the editor's hover and the lineage node's strip (the words
 * are `partitionHealth` in describe.ts). Only `protocol/` is imported: the webview bundles this.
 */
import type { PartitionState } from "../protocol";

/** One stretch of the bar: `x` and `width` in columns of the bar's width. */
export interface HealthSegment<S extends string> {
  state: S;
  x: number;
  width: number;
}

/**
 * Which state a column shows when it covers partitions of several: what needs attention wins, so a single failed
 * partition among a thousand materialized ones still shows (a column is at least one pixel wide).
 */
const PRIORITY: Record<PartitionState | "running", number> = {
  materialized: 0,
  stale: 1,
  missing: 2,
  failed: 3,
  running: 4,
};

/**
 * The bar of `width` columns drawn from runs of partitions in order: each column covers its share of the partitions
 * (proportional, as Dagster's partition health bar) and takes the most urgent state among them. Adjacent columns of
 * one state are merged, so the segments are at most `width` whatever the number of partitions. O(width + runs).
 */
export function healthSegments<S extends PartitionState | "running">(
  runs: readonly { state: S; count: number }[],
  width: number,
): HealthSegment<S>[] {
  const total = runs.reduce((sum, run) => sum + run.count, 0);
  const columns = Math.max(1, Math.round(width));
  const segments: HealthSegment<S>[] = [];
  if (total === 0) return segments;
  let run = 0;
  /** Partitions before `runs[run]`. */
  let before = 0;
  for (let column = 0; column < columns; column++) {
    // Partition indexes [first, last] this column overlaps.
    const first = Math.floor((column * total) / columns);
    const last = Math.max(first, Math.ceil(((column + 1) * total) / columns) - 1);
    while (before + runs[run]!.count <= first) before += runs[run++]!.count;
    let state = runs[run]!.state;
    for (let r = run, start = before; r < runs.length && start <= last; start += runs[r++]!.count)
      if (runs[r]!.count > 0 && PRIORITY[runs[r]!.state] > PRIORITY[state]) state = runs[r]!.state;
    const previous = segments.at(-1);
    if (previous?.state === state) previous.width++;
    else segments.push({ state, x: column, width: 1 });
  }
  return segments;
}
