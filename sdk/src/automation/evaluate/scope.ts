/**
 * Where a condition node is evaluated: the asset whose facts it reads (the asset itself, or an upstream inside a dep
 * condition), the asset whose memory it keeps, and the tick's shared context.
 */
import type { PartitionMappingData, PartitionsDefinitionData } from "../../protocol/partitions";
import type { PartitionContext } from "../../partitions";
import type { AssetMemory, AutomationFacts, AutomationState } from "./inputs";

/** Stands for the whole of an unpartitioned asset wherever a partition key goes. */
export const WHOLE = "";

export interface Dep {
  key: string;
  mapping?: PartitionMappingData;
}

export interface AssetInfo {
  key: string;
  partitions?: PartitionsDefinitionData;
  deps: Dep[];
}

/** One evaluation: what every node may read, and what it writes for the next one. */
export interface Tick {
  now: number;
  facts: AutomationFacts;
  previous: AutomationState | undefined;
  assets: ReadonlyMap<string, AssetInfo>;
  partitionContext: PartitionContext;
  /** Partitions requested so far in this evaluation (upstream first), for `willBeRequested`. */
  requested: Map<string, ReadonlySet<string>>;
  /** The keys a dep selection (`ignore`/`allow`) picks, once per selection per tick. */
  select(selection: string): ReadonlySet<string>;
  /** Every partition of an asset (`{WHOLE}` when unpartitioned), computed once per tick. */
  partitionsOf(asset: AssetInfo): ReadonlySet<string>;
  /** The latest tick of a cron at or before `now` (undefined: none yet), once per cron per tick. */
  latestTick(cron: string, timezone: string): number | undefined;
}

export interface Scope {
  tick: Tick;
  /** The asset whose facts the node reads. */
  asset: AssetInfo;
  /** The asset being decided; its memory holds this node's state. */
  root: AssetInfo;
  /** The node's place in the root's condition (`0.2>orders_raw.1`). */
  path: string;
  previous: AssetMemory | undefined;
  next: AssetMemory;
}

export function isOwn(scope: Scope): boolean {
  return scope.asset === scope.root;
}

export function child(scope: Scope, index: number): Scope {
  return { ...scope, path: `${scope.path}.${index}` };
}

/** "it" for the asset itself, "upstream orders" (with its partition) for a dep. */
export function subjectOf(scope: Scope, partition: string): string {
  if (isOwn(scope)) return "it";
  return partition === WHOLE ? `upstream ${scope.asset.key}` : `upstream ${scope.asset.key} partition ${partition}`;
}

export function factsPartition(partition: string): string | undefined {
  return partition === WHOLE ? undefined : partition;
}
