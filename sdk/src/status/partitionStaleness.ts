/**
 * Staleness per partition. A partition is `missing` (never materialized), `failed` (its last attempt, newer than its
 * last materialization, failed), `stale` (materialized, but its code changed since, or one of the upstream
 * partitions its mapping reads was materialized after it, changed since it consumed it, or is not current itself) or
 * `materialized`. Staleness follows mappings only: `upstreamPartitions` (the planner's function) says which upstream
 * partitions a partition reads, so yesterday's partition changing stales today's only under a mapping that reads it.
 */
import {
  defaultMapping,
  mappingProblem,
  type PartitionContext,
  partitionKeys,
  upstreamPartitions,
} from "../partitions";
import type {
  AssetEdge,
  AssetStatus,
  PartitionMappingData,
  PartitionState,
  PartitionsDefinitionData,
  PartitionsSummary,
} from "../protocol";
import type { PartitionRecord, StoredFailure } from "../store/store";
import type { PartitionReason } from "./partitionReasons";

/** What the store knows of one partitioned asset: each partition's newest record and newest failure. */
export interface PartitionFacts {
  records: Map<string, PartitionRecord>;
  failures: Map<string, StoredFailure>;
}

/** A partitioned asset's partitions, in the definition's order, with their states and reasons. */
export interface AssessedPartitions {
  definition: PartitionsDefinitionData;
  keys: string[];
  /** Key → position in `keys`. */
  position: Map<string, number>;
  /** Every partition is materialized and current; `newest` is the newest record's timestamp. */
  allCurrent: boolean;
  newest: number;
  states: PartitionState[];
  reasons: PartitionReason[][];
  facts: PartitionFacts;
}

/** An upstream as a downstream sees it: its partitions when it has some, else its asset status. */
export type AssessedUpstream =
  | { from: string; edge: AssetEdge; partitions: AssessedPartitions }
  | { from: string; edge: AssetEdge; status: AssetStatus };

const NONE: PartitionReason[] = [];

/** The edge's mapping, or undefined when it cannot map these definitions (the analyzer reports that edge). */
export function edgeMapping(
  edge: AssetEdge,
  upstream: PartitionsDefinitionData,
  downstream: PartitionsDefinitionData | undefined,
): PartitionMappingData | undefined {
  const mapping = edge.mapping ?? defaultMapping(upstream, downstream);
  return mappingProblem(mapping, upstream, downstream) === undefined ? mapping : undefined;
}

/**
 * Each partition of a partitioned asset, from its facts and its upstreams (already assessed: the graph is walked
 * upstream first, so a partition that is not current makes the partitions reading it stale in turn).
 */
export function assessPartitions(
  definition: PartitionsDefinitionData,
  codeVersion: string | undefined,
  facts: PartitionFacts,
  upstreams: readonly AssessedUpstream[],
  context: PartitionContext,
): AssessedPartitions {
  const keys = partitionKeys(definition, context);
  const states: PartitionState[] = new Array(keys.length);
  const reasons: PartitionReason[][] = new Array(keys.length);
  keys.forEach((key, index) => {
    const record = facts.records.get(key);
    const failure = facts.failures.get(key);
    if (failure && (!record || failure.timestamp > record.timestamp)) {
      states[index] = "failed";
      reasons[index] = [{ kind: "failed", error: failure.error }];
    } else if (!record) {
      states[index] = "missing";
      reasons[index] = [{ kind: "missing" }];
    } else {
      states[index] = "materialized";
      reasons[index] = codeVersion && record.codeVersion !== codeVersion ? [{ kind: "code" }] : NONE;
    }
  });
  const add = (index: number, reason: PartitionReason) => {
    if (reasons[index] === NONE) reasons[index] = [];
    reasons[index]!.push(reason);
  };
  for (const upstream of upstreams) {
    const { from } = upstream;
    if ("status" in upstream) {
      // An unpartitioned upstream: every partition read all of it.
      const { state, lastMaterialization: last } = upstream.status;
      keys.forEach((key, index) => {
        const record = states[index] === "materialized" ? facts.records.get(key)! : undefined;
        if (!record) return;
        if (state !== "fresh") add(index, { kind: "upstream-not-current", from, state });
        if (last && last.timestamp > record.timestamp)
          add(index, { kind: "upstream-newer", from, gapMs: last.timestamp - record.timestamp });
        else if (last && (record.upstreamDataVersions[from] ?? last.dataVersion) !== last.dataVersion)
          add(index, { kind: "upstream-consumed", from });
      });
      continue;
    }
    const up = upstream.partitions;
    const mapping = edgeMapping(upstream.edge, up.definition, definition);
    if (!mapping) continue;
    keys.forEach((key, index) => {
      const record = states[index] === "materialized" ? facts.records.get(key)! : undefined;
      if (!record || readsOnlyCurrent(up, from, record)) return;
      for (const partition of upstreamPartitions(mapping, up.definition, definition, [key], context).keys)
        for (const reason of upstreamPartitionReasons(up, from, partition, record)) add(index, reason);
    });
  }
  reasons.forEach((each, index) => {
    if (states[index] === "materialized" && each.length > 0) states[index] = "stale";
  });
  let newest = Number.NEGATIVE_INFINITY;
  for (const record of facts.records.values()) newest = Math.max(newest, record.timestamp);
  return {
    definition,
    keys,
    position: new Map(keys.map((key, index) => [key, index])),
    allCurrent: states.every((state) => state === "materialized"),
    newest,
    states,
    reasons,
    facts,
  };
}

/**
 * True when no partition of `up` can say anything against `record`, whatever its mapping reads: every upstream
 * partition is current and older than the record, and every version of `up` the record consumed is still the latest.
 * Then the mapping need not be asked (the common case after a backfill, 1,096 mappings per edge saved); otherwise it
 * is, and the answer is the same.
 */
function readsOnlyCurrent(up: AssessedPartitions, from: string, record: PartitionRecord): boolean {
  if (!up.allCurrent || up.newest > record.timestamp) return false;
  const prefix = `${from}[`;
  for (const consumed in record.upstreamDataVersions) {
    if (!consumed.startsWith(prefix) || !consumed.endsWith("]")) continue;
    const latest = up.facts.records.get(consumed.slice(prefix.length, -1));
    if (latest && latest.dataVersion !== record.upstreamDataVersions[consumed]) return false;
  }
  return true;
}

/** What one upstream partition says against a record that read it (nothing when it is current and older). */
export function upstreamPartitionReasons(
  up: AssessedPartitions,
  from: string,
  partition: string,
  record: PartitionRecord | { timestamp: number; upstreamDataVersions: Record<string, string> },
): PartitionReason[] {
  const index = up.position.get(partition);
  if (index === undefined) return NONE;
  const found: PartitionReason[] = [];
  const state = up.states[index]!;
  if (state !== "materialized") found.push({ kind: "upstream-not-current", from, partition, state });
  const upRecord = up.facts.records.get(partition);
  if (!upRecord) return found;
  if (upRecord.timestamp > record.timestamp)
    found.push({ kind: "upstream-newer", from, partition, gapMs: upRecord.timestamp - record.timestamp });
  else {
    const consumed = record.upstreamDataVersions[`${from}[${partition}]`];
    if (consumed !== undefined && consumed !== upRecord.dataVersion)
      found.push({ kind: "upstream-consumed", from, partition });
  }
  return found;
}

/** Counts and maximal runs of one state, in the definition's order. `materialized` counts stale ones too. */
export function partitionsSummary({
  keys,
  states,
}: {
  keys: readonly string[];
  states: readonly PartitionState[];
}): PartitionsSummary {
  const summary: PartitionsSummary = {
    total: keys.length,
    materialized: 0,
    failed: 0,
    missing: 0,
    stale: 0,
    ranges: [],
  };
  let range: PartitionsSummary["ranges"][number] | undefined;
  states.forEach((state, index) => {
    if (state === "stale") summary.stale++;
    if (state === "stale" || state === "materialized") summary.materialized++;
    else summary[state]++;
    if (range?.state === state) {
      range.end = keys[index]!;
      range.count++;
    } else {
      range = { state, start: keys[index]!, end: keys[index]!, count: 1 };
      summary.ranges.push(range);
    }
  });
  return summary;
}
