/**
 * The run store behind a small interface: the runner records the event stream, status and the CLI read it back.
 * The SQLite implementation is the embedded default; a PostgreSQL one can come later behind the same interface.
 */
import type { CommittedValue } from "../io/ioManager";
import type { LiveValue } from "../io/sweepStorage";
import type { AutomationState } from "../automation/evaluate/inputs";
import type { AutomationRecord } from "../protocol/automation";
import type { Tick, TickStatus } from "../protocol/daemon";
import type { AutomationEvaluationRecord, AutomationTarget } from "./automationRecords";
import type { CheckEvaluation, Materialization, RunEvent, RunOrigin, RunSummary } from "../protocol";

export interface NewRun {
  id: string;
  selection: string;
  origin: RunOrigin;
  /** The schedule or sensor that started it. */
  instigator?: string;
  startedAt: number;
  /** The validated run config by asset key; absent when no selected asset declares config. */
  config?: Record<string, unknown>;
}

export type NewTick = Omit<Tick, "recordedAt">;

export interface StoredFailure {
  runId: string;
  timestamp: number;
  error: string;
}

/**
 * A partition's newest materialization without its metadata: what staleness compares, read for every partition of an
 * asset at once (3 years of daily partitions is 1,096 of them).
 */
export interface PartitionRecord {
  runId: string;
  timestamp: number;
  codeVersion: string;
  dataVersion: string;
  /** As Materialization's: a partitioned upstream's consumed versions by `key[partition]`. */
  upstreamDataVersions: Record<string, string>;
  valueRef?: string;
}

export interface StoreReader {
  /** The newest materialization of each key (all keys when `keys` is absent). */
  latestMaterializations(keys?: Iterable<string>): Map<string, Materialization>;
  /** The newest failure of each key (of whichever partition), ignoring runs that were cancelled. */
  latestFailures(): Map<string, StoredFailure>;
  /** Partition → its newest record, for every partition of `key` ever materialized (one indexed query). */
  latestPartitionRecords(key: string): Map<string, PartitionRecord>;
  /** Partition → its newest failure, ignoring runs that were cancelled. */
  latestPartitionFailures(key: string): Map<string, StoredFailure>;
  /** A partition's newest materialization with its metadata (for `show` and hovers). */
  latestPartitionMaterialization(key: string, partition: string): Materialization | undefined;
  /** Check key (`asset:name`) → its newest evaluation, of whichever partition. */
  latestCheckEvaluations(): Map<string, CheckEvaluation>;
  /** Partition → the newest evaluation of check `checkKey` on it, for every partition it ever evaluated. */
  latestPartitionCheckEvaluations(checkKey: string): Map<string, CheckEvaluation>;
  /** The keys of the dynamic partitions definition `name`, in the order they were added. */
  dynamicPartitionKeys(name: string): string[];
  /** Newest first. */
  runs(limit: number): RunSummary[];
  run(runId: string): RunSummary | undefined;
  /** Ids of runs that start with `prefix` (at most `limit`), so a command can take a short id as git does. */
  runIdsStartingWith(prefix: string, limit: number): string[];
  events(runId: string): RunEvent[];
  /** Schedule name → its latest recorded tick (by tick time). */
  latestTicks(): Map<string, Tick>;
  /** Key → its newest materialization's time (of whichever partition), for every key materialized. */
  latestMaterializationTimes(): Map<string, number>;
  /** Key → the latest automation evaluation of each of its partitions (one, without `partition`, when unpartitioned). */
  latestAutomationEvaluations(keys?: Iterable<string>): Map<string, AutomationRecord[]>;
  /** The automation evaluator's state after the last evaluation; undefined before the first. */
  automationState(): AutomationState | undefined;
  close(): void;
}

export interface Store extends StoreReader {
  startRun(run: NewRun): void;
  /**
   * Records one event of a run; `materialization`, `step_failed`, `check_evaluated` and `run_finished` also update
   * their tables. A materialization (an evaluation) with a `partition` is also its partition's latest; a `step_failed`
   * with `partitions` is a failure of each of them.
   */
  record(event: RunEvent): void;
  /**
   * Forgets these keys' materializations, failures and check evaluations, of every partition (their values go with the
   * next collectGarbage); returns how many keys had materializations. Dynamic partitions' keys stay.
   */
  wipe(keys: string[] | "all"): number;
  /**
   * The newest committed materialization of `key` (of its `partition`, for a partitioned asset) that another run
   * recorded, read at the moment it is asked for.
   */
  committedValue(key: string, partition?: string): CommittedValue | undefined;
  /** Adds keys to the dynamic partitions definition `name`; returns those it did not have yet, in the order given. */
  addDynamicPartitions(name: string, keys: readonly string[]): string[];
  /**
   * Removes keys from the dynamic partitions definition `name`; their materializations stay (Dagster keeps them too).
   * Returns those it had.
   */
  removeDynamicPartitions(name: string, keys: readonly string[]): string[];
  /**
   * Deletes stored values no latest record points to (`sweepFiles` deletes the files among them), unless a run is
   * running: its values may not be recorded yet. Returns whether it collected.
   */
  collectGarbage(sweepFiles: (live: LiveValue[]) => void): boolean;
  /** Marks failed the runs whose process is gone, as opening the store does (for a store kept open: the daemon). */
  recoverCrashedRuns(): void;
  /**
   * Records a schedule's tick unless it is recorded already (by this or another daemon); whether this call recorded it.
   * Only the caller that recorded a tick may run it.
   */
  recordTick(tick: NewTick): boolean;
  /** A recorded tick's outcome: its run's id and how the run ended. */
  updateTick(schedule: string, tickAt: number, update: { status: TickStatus; runId?: string }): void;
  /** An automation evaluation's results and state, in one transaction. */
  recordAutomationEvaluation(evaluation: AutomationEvaluationRecord): void;
  /** The run the daemon started for these assets (partitions), recorded on the evaluation at `evaluatedAt`. */
  recordAutomationRun(runId: string, evaluatedAt: number, targets: readonly AutomationTarget[]): void;
  /** Writes what is buffered; records are batched into few transactions. */
  flush(): void;
}
