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
  /** Whether the previous evaluation requested an asset's partition. */
  previouslyRequested(key: string): (partition: string) => boolean;
  /** The latest tick of a cron at or before `now` (undefined: none yet), once per cron per tick. */
  latestTick(cron: string, timezone: string): number | undefined;
}

/** Where a node is evaluated. Paths are built only for the nodes that keep memory: most nodes never need theirs. */
export class Scope {
  constructor(
    readonly tick: Tick,
    /** The asset whose facts the node reads. */
    readonly asset: AssetInfo,
    /** The asset being decided; its memory holds this node's state. */
    readonly root: AssetInfo,
    readonly previous: AssetMemory | undefined,
    readonly next: AssetMemory,
    private readonly parent?: Scope,
    private readonly step = "0",
  ) {}

  /** The node's place in the root's condition: `0.2>orders_raw.1` (operand 2, the dep orders_raw, operand 1). */
  get path(): string {
    return this.parent ? `${this.parent.path}${this.step}` : this.step;
  }

  /** Operand `index` of this node. */
  child(index: number): Scope {
    return new Scope(this.tick, this.asset, this.root, this.previous, this.next, this, `.${index}`);
  }

  /** The sub-condition of a dep condition, read on the upstream `asset`. */
  upstream(asset: AssetInfo): Scope {
    return new Scope(this.tick, asset, this.root, this.previous, this.next, this, `>${asset.key}`);
  }
}

export function isOwn(scope: Scope): boolean {
  return scope.asset === scope.root;
}

/** "it" for the asset itself, "upstream orders" (with its partition) for a dep. */
export function subjectOf(scope: Scope, partition: string): string {
  if (isOwn(scope)) return "it";
  return partition === WHOLE ? `upstream ${scope.asset.key}` : `upstream ${scope.asset.key} partition ${partition}`;
}

export function factsPartition(partition: string): string | undefined {
  return partition === WHOLE ? undefined : partition;
}
