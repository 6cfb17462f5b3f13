/**
 * Partition mappings as Dagster computes them (partition_mapping.py, time_window.py): which upstream partitions a
 * downstream partition reads, and the reverse. The planner, the input loader and staleness all call
 * `upstreamPartitions`, so "reads X" and "stale because X changed" never disagree.
 */
import type {
  MultiPartitions,
  PartitionMappingData,
  PartitionsDefinitionData,
  TimeWindowPartitions,
} from "../protocol/partitions";
import { partitionCount, partitionIndex, partitionKeys, type PartitionContext } from "./keys";
import { mappingProblem } from "./problems";
import { dimensionIndex, joinKey, matchingDimension, splitKey } from "./multi";
import { seriesOf, type WindowSeries } from "./timeWindows";

export function defaultMapping(
  upstream: PartitionsDefinitionData | undefined,
  downstream: PartitionsDefinitionData | undefined,
): PartitionMappingData {
  if (upstream === undefined || downstream === undefined) return { type: "all" };
  if (upstream.type === "time-window" && downstream.type === "time-window")
    return { type: "time-window", startOffset: 0, endOffset: 0, allowNonexistentUpstreamPartitions: false };
  const multi = upstream.type === "multi" ? upstream : downstream.type === "multi" ? downstream : undefined;
  const single = multi === upstream ? downstream : upstream;
  if (multi && single.type !== "multi") {
    const dimension = matchingDimension(multi, single);
    if (dimension !== undefined) return { type: "multi-to-single", dimension };
  }
  return { type: "identity" };
}

export interface UpstreamPartitions {
  /** The upstream keys read, each once, in the upstream's order. */
  keys: string[];
  /**
   * Keys the mapping names that do not exist upstream (before its first window, not added yet, not listed); empty when
   * the mapping allows them (`allowNonexistentUpstreamPartitions`). A plan with any fails, naming them.
   */
  missing: string[];
}

/**
 * The upstream partitions `downstreamKeys` read through `mapping` (`undefined` keys: an unpartitioned downstream,
 * which reads what the mapping gives for the whole asset). Linear in the keys: no key list is searched per key.
 */
export function upstreamPartitions(
  mapping: PartitionMappingData,
  upstream: PartitionsDefinitionData,
  downstream: PartitionsDefinitionData | undefined,
  downstreamKeys: readonly string[] | undefined,
  context: PartitionContext,
): UpstreamPartitions {
  const problem = mappingProblem(mapping, upstream, downstream);
  if (problem) throw new Error(problem);
  const found = new Collector(upstream, context);
  switch (mapping.type) {
    case "all":
      return { keys: partitionKeys(upstream, context), missing: [] };
    case "last":
      // No upstream partition yet: no key and none missing; a one-to-one input with nothing to read fails to plan.
      return { keys: partitionKeys(upstream, context).slice(-1), missing: [] };
    case "specific":
      for (const key of mapping.keys) found.add(key);
      return found.result();
    case "identity":
      for (const key of downstreamKeys ?? []) found.add(key);
      return found.result();
    case "static": {
      const feeding = invert(mapping.map);
      for (const key of downstreamKeys ?? []) for (const from of feeding.get(key) ?? []) found.add(from);
      return found.result();
    }
    case "multi-to-single":
      for (const key of downstreamKeys ?? [])
        for (const from of multiToSingle(mapping.dimension, downstream!, upstream, key, context)) found.add(from);
      return found.result();
    case "time-window": {
      const up = seriesOf(upstream as TimeWindowPartitions);
      const down = seriesOf(downstream as TimeWindowPartitions);
      for (const key of downstreamKeys ?? []) {
        const index = down.indexOf(key);
        if (index === undefined) throw new Error(`"${key}" is not a partition key of the downstream's partitions.`);
        const [first, last] = overlap(down, up, index + mapping.startOffset, index + 1 + mapping.endOffset);
        for (let each = first; each <= last; each += 1) found.addIndex(up, each);
      }
      return found.result(mapping.allowNonexistentUpstreamPartitions);
    }
  }
}

/**
 * The downstream partitions that read any of `upstreamKeys` (what their change makes stale), in the downstream's
 * order; only partitions that exist downstream. An unpartitioned downstream has none: callers treat it as the asset.
 */
export function downstreamPartitions(
  mapping: PartitionMappingData,
  upstream: PartitionsDefinitionData,
  downstream: PartitionsDefinitionData | undefined,
  upstreamKeys: readonly string[],
  context: PartitionContext,
): string[] {
  if (downstream === undefined) return [];
  const problem = mappingProblem(mapping, upstream, downstream);
  if (problem) throw new Error(problem);
  const found = new Collector(downstream, context);
  switch (mapping.type) {
    case "all":
      return upstreamKeys.length > 0 ? partitionKeys(downstream, context) : [];
    case "last": {
      const keys = partitionKeys(upstream, context);
      return keys.length > 0 && upstreamKeys.includes(keys[keys.length - 1]!) ? partitionKeys(downstream, context) : [];
    }
    case "specific":
      return upstreamKeys.some((key) => mapping.keys.includes(key)) ? partitionKeys(downstream, context) : [];
    case "identity":
      for (const key of upstreamKeys) found.add(key);
      break;
    case "static":
      for (const key of upstreamKeys) for (const to of mapping.map[key] ?? []) found.add(to);
      break;
    case "multi-to-single":
      for (const key of upstreamKeys)
        for (const to of multiToSingle(mapping.dimension, upstream, downstream, key, context)) found.add(to);
      break;
    case "time-window": {
      const up = seriesOf(upstream as TimeWindowPartitions);
      const down = seriesOf(downstream as TimeWindowPartitions);
      for (const key of upstreamKeys) {
        const index = up.indexOf(key);
        if (index === undefined) continue;
        // Downstream d reads the upstream windows overlapping its own shifted by the offsets: undo the shift.
        const [first, last] = overlap(up, down, index, index + 1);
        for (let each = first - mapping.endOffset; each <= last - mapping.startOffset; each += 1)
          found.addIndex(down, each);
      }
      break;
    }
  }
  return found.result().keys;
}

/**
 * The windows of `to` overlapping windows `from` (inclusive) to `until` (exclusive) of `from`'s series, as an
 * inclusive index range. Windows on the same schedule map by index difference, with no instant computed per key.
 */
function overlap(source: WindowSeries, target: WindowSeries, from: number, until: number): [number, number] {
  const shift = aligned(source, target);
  if (shift !== undefined) return [from + shift, until - 1 + shift];
  const start = source.startOf(from);
  const end = source.startOf(until);
  return [target.indexAt(start), target.indexAt(end - 1)];
}

const shifts = new WeakMap<WindowSeries, WeakMap<WindowSeries, number | undefined>>();

/** For two series on one schedule (same period, offsets and zone), `target`'s index of `source`'s window 0. */
function aligned(source: WindowSeries, target: WindowSeries): number | undefined {
  let known = shifts.get(source);
  if (!known) {
    known = new WeakMap();
    shifts.set(source, known);
  }
  if (known.has(target)) return known.get(target);
  const a = source.definition;
  const b = target.definition;
  const same =
    a.granularity === b.granularity &&
    a.timezone === b.timezone &&
    a.minuteOffset === b.minuteOffset &&
    a.hourOffset === b.hourOffset &&
    a.dayOffset === b.dayOffset;
  const shift = same ? target.indexAt(source.startOf(0)) : undefined;
  known.set(target, shift);
  return shift;
}

/** Upstream keys of a multi-to-single mapping for one key of the `from` side, on the `to` side. */
function multiToSingle(
  dimension: string,
  from: PartitionsDefinitionData,
  to: PartitionsDefinitionData,
  key: string,
  context: PartitionContext,
): string[] {
  if (from.type === "multi") {
    const parts = splitKey(from, key);
    return parts ? [parts[dimensionIndex(from, dimension)]!] : [];
  }
  // From a single key to every multi key with it in `dimension`.
  const multi = to as MultiPartitions;
  const position = dimensionIndex(multi, dimension);
  let combos: string[][] = [[]];
  multi.dimensions.forEach(({ definition }, index) => {
    const values = index === position ? [key] : partitionKeys(definition, context);
    combos = combos.flatMap((prefix) => values.map((value) => [...prefix, value]));
  });
  return combos.map(joinKey);
}

/** Upstream key → downstream keys, turned to downstream key → the upstream keys feeding it. */
function invert(map: Readonly<Record<string, readonly string[]>>): Map<string, string[]> {
  const feeding = new Map<string, string[]>();
  for (const [from, targets] of Object.entries(map))
    for (const to of targets) feeding.set(to, [...(feeding.get(to) ?? []), from]);
  return feeding;
}

/** Keys collected once each, sorted into the definition's order, with those that do not exist set apart. */
class Collector {
  private readonly found = new Map<string, number>();
  private readonly missing = new Set<string>();

  constructor(
    private readonly definition: PartitionsDefinitionData,
    private readonly context: PartitionContext,
  ) {}

  add(key: string): void {
    if (this.found.has(key) || this.missing.has(key)) return;
    const index = partitionIndex(this.definition, key, this.context);
    if (index === undefined) this.missing.add(key);
    else this.found.set(key, index);
  }

  /** A window by index: no key is parsed back. */
  addIndex(series: WindowSeries, index: number): void {
    const key = series.keyAt(index);
    if (this.found.has(key) || this.missing.has(key)) return;
    if (index >= 0 && index < this.count()) this.found.set(key, index);
    else this.missing.add(key);
  }

  private total: number | undefined;
  private count(): number {
    this.total ??= partitionCount(this.definition, this.context) ?? 0;
    return this.total;
  }

  result(allowMissing = false): UpstreamPartitions {
    const keys = [...this.found].sort((a, b) => a[1] - b[1]).map(([key]) => key);
    return { keys, missing: allowMissing ? [] : [...this.missing] };
  }
}
