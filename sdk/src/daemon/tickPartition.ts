/**
 * The partition a schedule's tick runs for a partitioned target with `partitions: "latest"` (the default; Dagster's
 * `build_schedule_from_partitioned_job`): the newest window of the target's time-window definition closed at the tick.
 * Only when every partitioned asset of the target has that one time-window definition; a target with static, dynamic
 * or multi partitions, several definitions, or a `partitions` function runs without one (not ticked per partition yet).
 */
import { seriesOf } from "../partitions/timeWindows";
import type { ScheduleInfo } from "../protocol/automation";
import type { AssetGraph } from "../protocol/graph";

export function latestPartition(
  schedule: Pick<ScheduleInfo, "partitions">,
  graph: Pick<AssetGraph, "nodes">,
  targetKeys: ReadonlySet<string>,
  tickAt: number,
): string | undefined {
  if (schedule.partitions === "function") return undefined;
  const definitions = graph.nodes.flatMap((node) =>
    targetKeys.has(node.key) && node.partitions ? [node.partitions] : [],
  );
  const [first] = definitions;
  if (first?.type !== "time-window") return undefined;
  const written = ({ count: _, ...definition }: (typeof definitions)[number]) => JSON.stringify(definition);
  if (definitions.some((definition) => written(definition) !== written(first))) return undefined;
  const series = seriesOf(first);
  const closed = series.count(tickAt);
  return closed > 0 ? series.keyAt(closed - 1) : undefined;
}
