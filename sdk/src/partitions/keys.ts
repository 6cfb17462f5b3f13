/**
 * Partition keys of any definition, in the definition's order: time windows by time, static keys as listed, dynamic
 * keys as added, multi keys with the first dimension (by name) outermost.
 */
import type { PartitionsDefinitionData, TimeWindowPartitions } from "../protocol/partitions";
import { joinKey, splitKey } from "./multi";
import { keysBetween, seriesOf, windowAt, type TimeWindow } from "./timeWindows";

export interface PartitionContext {
  /** The clock time-window definitions count up to. */
  now: Date;
  /** Keys of a dynamic definition, in the order added; undefined when unknown (the analyzer has no store). */
  dynamicKeys(name: string): readonly string[] | undefined;
}

export function partitionKeys(definition: PartitionsDefinitionData, context: PartitionContext): string[] {
  switch (definition.type) {
    case "time-window": {
      const series = seriesOf(definition);
      return keysBetween(series, 0, series.count(context.now.getTime()));
    }
    case "static":
      return [...definition.keys];
    case "dynamic":
      return [...(context.dynamicKeys(definition.name) ?? [])];
    case "multi": {
      let keys: string[][] = [[]];
      for (const { definition: dimension } of definition.dimensions) {
        const own = partitionKeys(dimension, context);
        keys = keys.flatMap((prefix) => own.map((key) => [...prefix, key]));
      }
      return keys.map(joinKey);
    }
  }
}

/** How many partitions; undefined for a dynamic definition (or dimension) whose keys are unknown. */
export function partitionCount(definition: PartitionsDefinitionData, context: PartitionContext): number | undefined {
  switch (definition.type) {
    case "time-window":
      return seriesOf(definition).count(context.now.getTime());
    case "static":
      return definition.keys.length;
    case "dynamic":
      return context.dynamicKeys(definition.name)?.length;
    case "multi":
      return definition.dimensions.reduce<number | undefined>((product, { definition: dimension }) => {
        const count = partitionCount(dimension, context);
        return product === undefined || count === undefined ? undefined : product * count;
      }, 1);
  }
}

/**
 * A key's position in `partitionKeys(definition, context)`, or undefined when it is not one of them. Constant time
 * for time windows (no key list is built); a lookup per dimension for multi keys.
 */
export function partitionIndex(
  definition: PartitionsDefinitionData,
  key: string,
  context: PartitionContext,
): number | undefined {
  switch (definition.type) {
    case "time-window": {
      const series = seriesOf(definition);
      const index = series.indexOf(key);
      return index !== undefined && index >= 0 && index < series.count(context.now.getTime()) ? index : undefined;
    }
    case "static":
      return indexIn(definition.keys, key);
    case "dynamic":
      return indexIn(context.dynamicKeys(definition.name) ?? [], key);
    case "multi": {
      const parts = splitKey(definition, key);
      if (!parts) return undefined;
      let index = 0;
      for (const [position, { definition: dimension }] of definition.dimensions.entries()) {
        const own = partitionIndex(dimension, parts[position]!, context);
        const count = partitionCount(dimension, context);
        if (own === undefined || count === undefined) return undefined;
        index = index * count + own;
      }
      return index;
    }
  }
}

export function hasPartitionKey(definition: PartitionsDefinitionData, key: string, context: PartitionContext): boolean {
  return partitionIndex(definition, key, context) !== undefined;
}

/** The window a time-window key names (in range or not); throws naming the key and the format when it names none. */
export function timeWindowOf(definition: TimeWindowPartitions, key: string): TimeWindow {
  const series = seriesOf(definition);
  const index = series.indexOf(key);
  if (index === undefined)
    throw new Error(
      `"${key}" is not a partition key of these ${definition.granularity} partitions: write a window's start in "${definition.fmt}", like "${series.keyAt(0)}".`,
    );
  return windowAt(series, index);
}

/**
 * The time window a key stands for (Dagster's `partition_time_window`): its own for time-window partitions, its
 * time dimension's for multi partitions with one; undefined for partitions without time.
 */
export function partitionTimeWindow(definition: PartitionsDefinitionData, key: string): TimeWindow | undefined {
  if (definition.type === "time-window") return timeWindowOf(definition, key);
  if (definition.type !== "multi") return undefined;
  const position = definition.dimensions.findIndex((dimension) => dimension.definition.type === "time-window");
  const parts = splitKey(definition, key);
  if (position < 0 || !parts) return undefined;
  return timeWindowOf(definition.dimensions[position]!.definition as TimeWindowPartitions, parts[position]!);
}

/**
 * Keys from `from` to `to`, inclusive, in the definition's order. Throws naming the key that is not a partition, or
 * saying the range is backwards.
 */
export function keyRange(
  definition: PartitionsDefinitionData,
  from: string,
  to: string,
  context: PartitionContext,
): string[] {
  const start = requireIndex(definition, from, context);
  const end = requireIndex(definition, to, context);
  if (end < start) throw new Error(`the range ${from}...${to} is backwards: "${to}" comes before "${from}".`);
  if (definition.type === "time-window") return keysBetween(seriesOf(definition), start, end + 1);
  return partitionKeys(definition, context).slice(start, end + 1);
}

/** The index of a key that must exist: the error names it and shows the first and last keys. */
export function requireIndex(definition: PartitionsDefinitionData, key: string, context: PartitionContext): number {
  const index = partitionIndex(definition, key, context);
  if (index !== undefined) return index;
  throw new Error(`"${key}" is not a partition: ${describeKeys(definition, context)}.`);
}

/** "the partitions run from 2026-03-01 to 2026-03-31 (31)", "the partitions are eu, us", "there are no partitions". */
export function describeKeys(definition: PartitionsDefinitionData, context: PartitionContext): string {
  const count = partitionCount(definition, context);
  if (count === undefined) return `the keys of the dynamic partitions are not known here`;
  if (count === 0)
    return definition.type === "dynamic"
      ? `the dynamic partitions "${definition.name}" have no keys yet (assetline partitions add ${definition.name} KEY…)`
      : "there are no partitions yet";
  if (count <= 6) return `the partitions are ${partitionKeys(definition, context).join(", ")}`;
  const first = keyAt(definition, 0, context);
  const last = keyAt(definition, count - 1, context);
  return `the partitions run from ${first} to ${last} (${count})`;
}

const positions = new WeakMap<readonly string[], Map<string, number>>();

/** A key's position in a list, through an index built once per list: lookups over a mapping stay linear in total. */
/** The key at `index` in the definition's order, without listing a time window's keys. */
function keyAt(definition: PartitionsDefinitionData, index: number, context: PartitionContext): string {
  if (definition.type === "time-window") return seriesOf(definition).keyAt(index);
  return partitionKeys(definition, context)[index]!;
}

function indexIn(keys: readonly string[], key: string): number | undefined {
  let index = positions.get(keys);
  if (!index) {
    index = new Map(keys.map((each, position) => [each, position]));
    positions.set(keys, index);
  }
  return index.get(key);
}
