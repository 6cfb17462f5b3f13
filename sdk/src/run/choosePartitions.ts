/**
 * Which partitions of each selected asset a run materializes, from `--partition`/`--partitions` (or `materialize()`'s
 * `partition`/`partitions`). The same function serves the dry run (the analyzer's graph) and the run (the loaded
 * code's graph), so both plan the same partitions.
 *
 * The rule, for named partitions (`2026-03-01`, `2026-03-01...2026-03-31`, `eu,us`): each selected partitioned asset
 * whose definition has every named partition runs exactly those. A selected asset whose definition does not have them
 * (another granularity, another dimension) runs the partitions its mappings connect to the ones that run: a
 * downstream the partitions they feed (`downstreamPartitions`), an upstream the partitions they read
 * (`upstreamPartitions`). An unpartitioned asset runs once. A partitioned asset none of this reaches is an error that
 * names it, and so is a selection where no asset has the named partitions: nothing runs.
 * `missing`, `failed` and `stale` pick each asset's own partitions in that state (`failed`: the last attempt did not
 * finish, see `partitionStates.ts`; `stale`: every partition that is not up to date, missing and failed ones included,
 * as `--stale` means). Without a partition flag, every partition runs; with `--stale`, only those not up to date.
 */
import {
  defaultMapping,
  describeKeys,
  downstreamPartitions,
  hasPartitionKey,
  type PartitionContext,
  parsePartitionSelection,
  partitionIndex,
  partitionKeys,
  upstreamPartitions,
} from "../partitions";
import type { AssetGraph, PartitionMappingData, PartitionState, PartitionsDefinitionData } from "../protocol";
import { definitionData } from "./plan";

export const PARTITION_STATUS_FILTERS = ["missing", "failed", "stale"] as const;
export type PartitionStatusFilter = (typeof PARTITION_STATUS_FILTERS)[number];

/** What the command line (or `materialize()`) asks for; absent: every partition. */
export type PartitionRequest =
  /** `--partition KEY`: keys exactly as written. */
  | { keys: readonly string[] }
  /** `--partitions TEXT`: a key, a range `a...b`, or a comma-separated list of them, in each definition's format. */
  | { selection: string }
  | { status: PartitionStatusFilter };

/** `--partitions TEXT` as a request: a state filter's name, else a selection of keys. */
export function partitionsFlag(text: string): PartitionRequest {
  const trimmed = text.trim();
  return (PARTITION_STATUS_FILTERS as readonly string[]).includes(trimmed)
    ? { status: trimmed as PartitionStatusFilter }
    : { selection: trimmed };
}

export interface ChoosePartitionsOptions {
  graph: AssetGraph;
  /** The selected keys (external assets among them are never planned). */
  keys: ReadonlySet<string>;
  request?: PartitionRequest;
  /** `--stale`: keep only partitions that are not up to date. */
  onlyNotFresh?: boolean;
  /** Each partition's state, for `missing`/`failed`/`stale` and `--stale`; absent (no store): every one is missing. */
  states?: (key: string) => ReadonlyMap<string, PartitionState>;
  context: PartitionContext;
}

interface Edge {
  key: string;
  mapping: PartitionMappingData | undefined;
}

/** The chosen partitions of each selected partitioned asset, in its definition's order (empty: it does not run). */
export function choosePartitions(options: ChoosePartitionsOptions): Map<string, string[]> {
  const { graph, request, context } = options;
  const definitions = new Map<string, PartitionsDefinitionData>();
  for (const node of graph.nodes)
    if (node.partitions && node.kind !== "external" && options.keys.has(node.key))
      definitions.set(node.key, definitionData(node.partitions));
  const chosen = new Map<string, string[]>();
  if (definitions.size === 0) {
    // Partitions asked of assets that have none: a mistake to say, not a flag to ignore.
    if (request)
      throw new Error(
        `${describeRequest(request)} names partitions, but no selected asset is partitioned: leave it out, or select partitioned assets.`,
      );
    return chosen;
  }
  const everyKey = new Map<string, string[]>();
  const all = (key: string): string[] => {
    const known = everyKey.get(key);
    if (known) return known;
    const keys = partitionKeys(definitions.get(key)!, context);
    everyKey.set(key, keys);
    return keys;
  };
  const stateOf = (key: string) => {
    const states = options.states?.(key);
    return (partition: string): PartitionState => states?.get(partition) ?? "missing";
  };

  if (request === undefined) for (const key of definitions.keys()) chosen.set(key, all(key));
  else if ("status" in request) {
    const wanted = request.status;
    for (const key of definitions.keys()) {
      const state = stateOf(key);
      chosen.set(
        key,
        all(key).filter((partition) =>
          wanted === "stale" ? state(partition) !== "materialized" : state(partition) === wanted,
        ),
      );
    }
  } else chooseNamed(request, definitions, chosen, graph, context);

  if (options.onlyNotFresh)
    for (const [key, partitions] of chosen) {
      const state = stateOf(key);
      chosen.set(
        key,
        partitions.filter((partition) => state(partition) !== "materialized"),
      );
    }
  return chosen;
}

/** Named partitions: where they exist as written, then along the mappings (downstream first, then upstream). */
function chooseNamed(
  request: Exclude<PartitionRequest, { status: PartitionStatusFilter }>,
  definitions: ReadonlyMap<string, PartitionsDefinitionData>,
  chosen: Map<string, string[]>,
  graph: AssetGraph,
  context: PartitionContext,
): void {
  const problems = new Map<string, string>();
  for (const [key, definition] of definitions) {
    const named = namedIn(key, definition, request, context);
    if (typeof named === "string") problems.set(key, named);
    else chosen.set(key, named);
  }
  const order = dependencyOrder([...definitions.keys()], graph);
  if (chosen.size === 0) throw new Error(problems.get(order[0]!)!);

  const upstreamOf = new Map<string, Edge[]>();
  const downstreamOf = new Map<string, Edge[]>();
  for (const { from, to, mapping } of graph.edges) {
    if (!definitions.has(from) || !definitions.has(to)) continue;
    (upstreamOf.get(to) ?? upstreamOf.set(to, []).get(to)!).push({ key: from, mapping });
    (downstreamOf.get(from) ?? downstreamOf.set(from, []).get(from)!).push({ key: to, mapping });
  }
  const definition = (key: string) => definitions.get(key)!;
  /** The edge from `up` to `down` with its mapping (written, or the default) and both definitions. */
  const edge = (up: string, down: string, mapping: PartitionMappingData | undefined) =>
    [mapping ?? defaultMapping(definition(up), definition(down)), definition(up), definition(down)] as const;
  // Downstream first (in dependency order), then upstream (in reverse): an asset whose definition does not have the
  // named partitions takes those its mappings connect to its neighbours' planned ones.
  const passes: { keys: string[]; neighbours: Map<string, Edge[]>; connect: (key: string, edge: Edge) => string[] }[] =
    [
      {
        keys: order,
        neighbours: upstreamOf,
        connect: (key, { key: from, mapping }) =>
          downstreamPartitions(...edge(from, key, mapping), chosen.get(from)!, context),
      },
      {
        keys: [...order].reverse(),
        neighbours: downstreamOf,
        connect: (key, { key: to, mapping }) =>
          upstreamPartitions(...edge(key, to, mapping), chosen.get(to)!, context).keys,
      },
    ];
  for (const { keys, neighbours, connect } of passes)
    for (const key of keys) {
      if (chosen.has(key)) continue;
      const reached = new Set<string>();
      for (const edge of neighbours.get(key) ?? [])
        if (chosen.has(edge.key)) for (const partition of connect(key, edge)) reached.add(partition);
      if (reached.size > 0) chosen.set(key, inDefinitionOrder(reached, definition(key), context));
    }
  const unreached = order.find((key) => !chosen.has(key));
  if (unreached !== undefined)
    throw new Error(
      `${problems.get(unreached)!.replace(/\.$/, "")}, and no selected asset's partition mapping leads to it: select it apart with its own partitions, or leave it out.`,
    );
}

/** The request as the command line wrote it, for errors. */
function describeRequest(request: PartitionRequest): string {
  if ("status" in request) return `--partitions ${request.status}`;
  if ("selection" in request) return `--partitions ${request.selection}`;
  return request.keys.length === 1 ? `--partition ${request.keys[0]}` : `--partitions ${request.keys.join(",")}`;
}

/** The named partitions in `key`'s definition, in its order, or why they are not all there (one line, with the range). */
function namedIn(
  key: string,
  definition: PartitionsDefinitionData,
  request: Exclude<PartitionRequest, { status: PartitionStatusFilter }>,
  context: PartitionContext,
): string[] | string {
  if ("keys" in request) {
    const absent = request.keys.find((partition) => !hasPartitionKey(definition, partition, context));
    if (absent === undefined) return inDefinitionOrder(new Set(request.keys), definition, context);
    return `asset "${key}" has no partition "${absent}": ${describeKeys(definition, context)}.`;
  }
  try {
    return parsePartitionSelection(definition, request.selection, context);
  } catch (error) {
    return `asset "${key}": ${(error as Error).message}`;
  }
}

function inDefinitionOrder(
  keys: Iterable<string>,
  definition: PartitionsDefinitionData,
  context: PartitionContext,
): string[] {
  const index = (key: string) => partitionIndex(definition, key, context)!;
  return [...keys].sort((a, b) => index(a) - index(b));
}

/** The keys with upstreams first (among themselves), iteratively; ties keep the given order. */
function dependencyOrder(keys: string[], graph: AssetGraph): string[] {
  const inSet = new Set(keys);
  const waiting = new Map(keys.map((key) => [key, 0]));
  const dependents = new Map<string, string[]>(keys.map((key) => [key, []]));
  for (const { from, to } of graph.edges)
    if (inSet.has(from) && inSet.has(to) && from !== to) {
      waiting.set(to, waiting.get(to)! + 1);
      dependents.get(from)!.push(to);
    }
  const ordered = keys.filter((key) => waiting.get(key) === 0);
  for (let i = 0; i < ordered.length; i++)
    for (const next of dependents.get(ordered[i]!)!) {
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0) ordered.push(next);
    }
  // A cycle (which planning reports) leaves keys out: keep them, last.
  return ordered.length === keys.length ? ordered : [...ordered, ...keys.filter((key) => !ordered.includes(key))];
}
