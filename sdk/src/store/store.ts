/**
 * The run store behind a small interface: the runner records the event stream, status and the CLI read it back.
 * Asynchronous because a shared store answers over the network: the SQLite implementation (the embedded default)
 * answers at once, the PostgreSQL one (store/postgres/) over a pool. Status reads a snapshot, then computes.
 */
import type { CommittedValue } from "../io/ioManager";
import type { LiveValue } from "../io/sweepStorage";
import type { AutomationState } from "../automation/evaluate/inputs";
import type { AutomationRecord } from "../protocol/automation";
import type { Tick, TickStatus } from "../protocol/daemon";
import type { AutomationEvaluationRecord, AutomationTarget } from "./automationRecords";
import type { CheckEvaluation, Materialization, QueuedRunPlan, RunEvent, RunOrigin, RunSummary } from "../protocol";
import type { InstigatorKind, SensorTick } from "../protocol/daemonInstigators";
import type {
  InstigatorState,
  NewSensorTick,
  RunCursor,
  SensorEvaluation,
  StoredMaterialization,
} from "./instigatorTables";

export interface NewRun {
  id: string;
  selection: string;
  origin: RunOrigin;
  /** The schedule or sensor that started it. */
  instigator?: string;
  startedAt: number;
  /** The validated run config by asset key; absent when no selected asset declares config. */
  config?: Record<string, unknown>;
  /** `queue`: its steps run on workers (docs/scale.md), which plan them from `plan` with the bundle `bundleHash`. */
  executor?: "local" | "queue";
  bundleHash?: string;
  plan?: QueuedRunPlan;
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
  latestMaterializations(keys?: Iterable<string>): Promise<Map<string, Materialization>>;
  /** The newest failure of each key (of whichever partition), ignoring runs that were cancelled. */
  latestFailures(): Promise<Map<string, StoredFailure>>;
  /** Partition → its newest record, for every partition of `key` ever materialized (one indexed query). */
  latestPartitionRecords(key: string): Promise<Map<string, PartitionRecord>>;
  /** Partition → its newest failure, ignoring runs that were cancelled. */
  latestPartitionFailures(key: string): Promise<Map<string, StoredFailure>>;
  /** A partition's newest materialization with its metadata (for `show` and hovers). */
  latestPartitionMaterialization(key: string, partition: string): Promise<Materialization | undefined>;
  /** Check key (`asset:name`) → its newest evaluation, of whichever partition. */
  latestCheckEvaluations(): Promise<Map<string, CheckEvaluation>>;
  /** Partition → the newest evaluation of check `checkKey` on it, for every partition it ever evaluated. */
  latestPartitionCheckEvaluations(checkKey: string): Promise<Map<string, CheckEvaluation>>;
  /** The keys of the dynamic partitions definition `name`, in the order they were added. */
  dynamicPartitionKeys(name: string): Promise<string[]>;
  /** Newest first. */
  runs(limit: number): Promise<RunSummary[]>;
  run(runId: string): Promise<RunSummary | undefined>;
  /** Ids of runs that start with `prefix` (at most `limit`), so a command can take a short id as git does. */
  runIdsStartingWith(prefix: string, limit: number): Promise<string[]>;
  events(runId: string): Promise<RunEvent[]>;
  /** A queued run's bundle hash and plan (what its workers run); undefined for a local run. */
  queuedRun(runId: string): Promise<{ bundleHash: string; plan: QueuedRunPlan } | undefined>;
  /** The newest materialization run `runId` made of `key` (of one of its partitions): what its later steps read. */
  runValue(runId: string, key: string, partition?: string): Promise<Materialization | undefined>;
  /** Schedule name → its latest recorded tick (by tick time). */
  latestTicks(): Promise<Map<string, Tick>>;
  /** Each schedule or sensor ever paused, resumed or given a cursor, by name. */
  instigatorStates(): Promise<Map<string, InstigatorState>>;
  /** Sensor name → its latest tick (by tick time). */
  latestSensorTicks(): Promise<Map<string, SensorTick>>;
  /** The newest materialization id of `key`, 0 when it has none: where an asset sensor starts watching. */
  newestMaterializationId(key: string): Promise<number>;
  /** `key`'s materializations after store id `afterId`, oldest first, at most `limit`. */
  materializationsAfter(key: string, afterId: number, limit: number): Promise<StoredMaterialization[]>;
  /** Runs ended with success or failure after `after` (end time, then id), oldest first, at most `limit`. */
  finishedRunsAfter(after: RunCursor, limit: number): Promise<RunSummary[]>;
  /** Key → its newest materialization's time (of whichever partition), for every key materialized. */
  latestMaterializationTimes(): Promise<Map<string, number>>;
  /** Key → the latest automation evaluation of each of its partitions (one, without `partition`, when unpartitioned). */
  latestAutomationEvaluations(keys?: Iterable<string>): Promise<Map<string, AutomationRecord[]>>;
  /** The automation evaluator's state after the last evaluation; undefined before the first. */
  automationState(): Promise<AutomationState | undefined>;
  close(): Promise<void>;
}

export interface Store extends StoreReader {
  startRun(run: NewRun): Promise<void>;
  /**
   * Records one event of a run; `materialization`, `step_failed`, `check_evaluated` and `run_finished` also update
   * their tables. A materialization (an evaluation) with a `partition` is also its partition's latest; a `step_failed`
   * with `partitions` is a failure of each of them.
   */
  record(event: RunEvent): Promise<void>;
  /**
   * Forgets these keys' materializations, failures and check evaluations, of every partition (their values go with the
   * next collectGarbage); returns how many keys had materializations. Dynamic partitions' keys stay.
   */
  wipe(keys: string[] | "all"): Promise<number>;
  /**
   * The newest committed materialization of `key` (of its `partition`, for a partitioned asset) that another run
   * recorded, read at the moment it is asked for.
   */
  committedValue(key: string, partition?: string): Promise<CommittedValue | undefined>;
  /** Adds keys to the dynamic partitions definition `name`; returns those it did not have yet, in the order given. */
  addDynamicPartitions(name: string, keys: readonly string[]): Promise<string[]>;
  /**
   * Removes keys from the dynamic partitions definition `name`; their materializations stay (Dagster keeps them too).
   * Returns those it had.
   */
  removeDynamicPartitions(name: string, keys: readonly string[]): Promise<string[]>;
  /**
   * Deletes stored values no latest record points to (`sweepFiles` deletes the files among them), unless a run is
   * running: its values may not be recorded yet. Returns whether it collected.
   */
  collectGarbage(sweepFiles: (live: LiveValue[]) => void): Promise<boolean>;
  /** Marks failed the runs whose process is gone, as opening the store does (for a store kept open: the daemon). */
  recoverCrashedRuns(): Promise<void>;
  /**
   * Records a schedule's tick unless it is recorded already (by this or another daemon); whether this call recorded it.
   * Only the caller that recorded a tick may run it.
   */
  recordTick(tick: NewTick): Promise<boolean>;
  /** A recorded tick's outcome: its run's id and how the run ended. */
  updateTick(schedule: string, tickAt: number, update: { status: TickStatus; runId?: string }): Promise<void>;
  /** Pauses or resumes a schedule or sensor; kept across restarts. */
  setPaused(name: string, kind: InstigatorKind, paused: boolean): Promise<void>;
  /** Records (or replaces) a sensor tick; `claimed` names the run each claimed run key started. */
  recordSensorTick(tick: NewSensorTick, claimed?: readonly { runKey: string; runId: string }[]): Promise<void>;
  /**
   * In one transaction: the tick's outcome, the sensor's new cursor and the run keys its requests claim. Returns the
   * requests to run: those without a run key and those whose key this sensor had not used yet.
   */
  commitSensorEvaluation<R extends { runKey?: string }>(evaluation: SensorEvaluation<R>): Promise<R[]>;
  /** An automation evaluation's results and state, in one transaction. */
  recordAutomationEvaluation(evaluation: AutomationEvaluationRecord): Promise<void>;
  /** The run the daemon started for these assets (partitions), recorded on the evaluation at `evaluatedAt`. */
  recordAutomationRun(runId: string, evaluatedAt: number, targets: readonly AutomationTarget[]): Promise<void>;
  /** Writes what is buffered; records are batched into few transactions. */
  flush(): Promise<void>;
}
