/**
 * What `evaluateAutomation` reads and returns. The daemon fills `AutomationFacts` from the store and persists
 * `AutomationState` (plain JSON) between ticks; nothing here touches either.
 */
import type { PartitionMappingData, PartitionsDefinitionData } from "../../protocol/partitions";
import type { SelectionGraph, SelectionNode } from "../../selection";

/** The asset graph (a protocol `AssetGraph` fits): partitions per node, a mapping per edge where one is declared. */
export interface AutomationGraph extends SelectionGraph {
  nodes: readonly (SelectionNode & { partitions?: PartitionsDefinitionData })[];
  edges: readonly { from: string; to: string; mapping?: PartitionMappingData }[];
}

/**
 * What the store knows now. `partition` is undefined for an unpartitioned asset; for a partitioned one it is a key of
 * its definition.
 */
export interface AutomationFacts {
  /** When the asset (partition) was last materialized, in ms since the epoch; undefined when never. */
  latestMaterialization(key: string, partition: string | undefined): number | undefined;
  /** The asset's code version in the current definitions; undefined when it has none. */
  codeVersion(key: string): string | undefined;
  /** Whether a queued or running run targets the asset (partition). */
  inProgress(key: string, partition: string | undefined): boolean;
  /** Whether the latest attempt to materialize the asset (partition) failed. */
  latestAttemptFailed(key: string, partition: string | undefined): boolean;
  /** Keys of a dynamic partitions definition, in the order added. */
  dynamicKeys(name: string): readonly string[] | undefined;
}

/** Why a `since` is true (the trigger's words when it fired) or false (the reset's event when it fired). */
export interface SinceMemory {
  on: boolean;
  trigger?: StoredWords;
  reset?: string;
}

/** Words kept across ticks, as `words.ts` renders them. */
export interface StoredWords {
  subject?: string;
  predicate: string;
  since?: string;
  /** The event the clause names ("the 06:00 tick"), so a later clause can say just "since". */
  anchor?: string;
  /** A clause about an update, which says since when ("since the last request"). */
  update?: boolean;
  /** Decided by an upstream: the reason says "waits". */
  upstream?: boolean;
}

/**
 * One asset's memory. Node state is keyed by the node's path in the condition tree (`0.2>orders_raw.1`: operand 2,
 * then the dep `orders_raw`, then operand 1) with the node's type, so an edited condition starts its changed nodes
 * afresh. Partition `""` stands for an unpartitioned asset.
 */
export interface AssetMemory {
  /** Partitions the evaluation requested (`[""]` for an unpartitioned asset). */
  requested: string[];
  codeVersion?: string;
  /** `since` nodes: memory per partition. */
  since: Record<string, Record<string, SinceMemory>>;
  /** `newlyTrue` nodes: the partitions their operand was true for. */
  newlyTrue: Record<string, string[]>;
}

/** Everything the next evaluation needs; JSON-serializable. */
export interface AutomationState {
  /** The evaluation's `now`, in ms since the epoch. */
  evaluatedAt: number;
  assets: Record<string, AssetMemory>;
}

export interface AutomationResult {
  key: string;
  partition?: string;
  willRun: boolean;
  /** "will run: …", "waits: …" (an upstream must change first) or "not now: …". */
  reason: string;
}
