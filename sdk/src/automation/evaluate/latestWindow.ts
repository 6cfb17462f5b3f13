/**
 * `inLatestTimeWindow` as Dagster's: an asset without time partitions is always in it; a time-partitioned one (or a
 * multi-partitioned one with a time dimension) only in its latest window, or with `lookback` in every window that
 * ends within that long of the latest window's end.
 */
import { parseDuration } from "../../checks/duration";
import { splitKey } from "../../partitions";
import { seriesOf } from "../../partitions/timeWindows";
import type { TimeWindowPartitions } from "../../protocol/partitions";
import type { AssetInfo } from "./scope";

export function latestWindowTest(
  asset: AssetInfo,
  lookback: string | undefined,
  now: number,
): (partition: string) => boolean {
  const definition = asset.partitions;
  if (definition?.type === "time-window") return inLatest(definition, lookbackMs(asset, lookback), now);
  if (definition?.type === "multi") {
    const dimension = definition.dimensions.findIndex(({ definition: d }) => d.type === "time-window");
    if (dimension < 0) return () => true;
    const test = inLatest(
      definition.dimensions[dimension]!.definition as TimeWindowPartitions,
      lookbackMs(asset, lookback),
      now,
    );
    return (partition) => {
      const parts = splitKey(definition, partition);
      return parts !== undefined && test(parts[dimension]!);
    };
  }
  return () => true;
}

function inLatest(definition: TimeWindowPartitions, lookback: number, now: number): (key: string) => boolean {
  const series = seriesOf(definition);
  const count = series.count(now);
  const latestEnd = series.startOf(count);
  return (key) => {
    const index = series.indexOf(key);
    if (index === undefined || index >= count || count === 0) return false;
    return index === count - 1 || series.startOf(index + 1) > latestEnd - lookback;
  };
}

function lookbackMs(asset: AssetInfo, lookback: string | undefined): number {
  if (lookback === undefined) return 0;
  const read = parseDuration(lookback);
  if ("problem" in read) throw new Error(`asset ${asset.key}: inLatestTimeWindow's lookback ${read.problem}`);
  return read.ms;
}
