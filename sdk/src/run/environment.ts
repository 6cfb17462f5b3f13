import type { IOManagerName } from "../define/definition";
import type { CommittedValue, IOManager } from "../io/ioManager";
import type { Warehouse } from "../warehouse/warehouse";
import type { PartitionContext } from "../partitions";
import type { Metadata, PartitionsDefinitionData, RunEvent } from "../protocol";
import type { ResourcePool } from "../resources/resourcePool";

/** A value's record with what a check's context shows of it (`ctx.materialization`). */
export interface RecordedValue extends CommittedValue {
  timestamp: number;
  metadata: Metadata;
}

/** What a run needs from its surroundings: the CLI gives it a store-backed IO manager, `materialize()` an in-memory one. */
export interface RunEnvironment {
  runId: string;
  io: IOManager;
  /** Where an asset without its own `io` stores values: the Definitions' `io`. */
  defaultIo: IOManagerName;
  /** The run's warehouse, opened when a step first uses it (each step connects on its own). */
  warehouse?: Warehouse;
  emit(event: RunEvent): void;
  /** The code version recorded with a key's materialization. */
  codeVersion(key: string): string;
  /**
   * The latest committed materialization of a key (of one of its partitions) this run did not materialize, read when a
   * step needs it: a downstream loads the value that record points to and records that record's data version.
   */
  committed(key: string, partition?: string): Promise<CommittedValue | undefined>;
  /**
   * What this run materialized, by `valueId` (`key`, or `key[partition]`): its later steps load these, not a newer
   * value another run stored meanwhile.
   */
  produced: Map<string, RecordedValue>;
  /**
   * The newest committed record of a key (of one of its partitions) with its metadata: the value a check step reads
   * when this run did not produce it (`check-assets`).
   */
  recorded(key: string, partition?: string): Promise<RecordedValue | undefined>;
  /** The partitions definition of any key (external assets' too), as the loaded code defines it. */
  partitionsOf(key: string): PartitionsDefinitionData | undefined;
  /** The clock and the dynamic partitions' keys the run planned with. */
  partitionContext: PartitionContext;
  /** Fires when the run is cancelled. */
  signal: AbortSignal;
  /** The run's resources: steps acquire what they request, the run tears them down; its secrets are redacted. */
  resources: ResourcePool;
  /** The validated run config, by the key of each selected asset that declares `config` (`ctx.config`). */
  config?: Readonly<Record<string, unknown>>;
}
