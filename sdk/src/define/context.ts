import type { PartitionsDefinitionData } from "../protocol/partitions";
import type { LogLevel } from "../protocol/runEvents";
import type { Metadata } from "../protocol/metadata";
import type { StepWarehouse } from "../warehouse/table";
import { normalizeMetadata, type MetadataInput } from "./metadata";

export interface AssetLogger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

/** What an asset, multi-asset or op receives as its context; `R`: the resources it requested, by key. */
// biome-ignore lint/complexity/noBannedTypes: `{}` is "no resources": reading any key of it is a type error.
export interface AssetContext<R = {}> {
  /** The resources the asset requested (`asset({ resources: ["warehouse"] }, …)`), set up by the run. */
  readonly resources: Readonly<R>;
  /** The asset being materialized (for a multi-asset: its first spec; ops: the graph asset). */
  readonly assetKey: string;
  /**
   * The keys this step materializes: an asset's own key; a multi-asset's members, or with `canSubset: true`
   * only those the run selected (yield exactly these).
   */
  readonly selectedAssetKeys: ReadonlySet<string>;
  readonly runId: string;
  /** Zero-based attempt number under a retry policy. */
  readonly attempt: number;
  readonly log: AssetLogger;
  /** Fires when the run is cancelled; long steps should pass it on (fetch, streams) or check it. */
  readonly signal: AbortSignal;
  /** Metadata merged into the materialization; `assetKey` picks a multi-asset member. */
  addOutputMetadata(metadata: MetadataInput, assetKey?: string): void;
  /**
   * The partition this step materializes. Throws in an unpartitioned asset, and in a `single-run` step of more than
   * one partition (read `partitionKeys` or `partitionKeyRange` there).
   */
  readonly partitionKey: string;
  /** Every partition this step materializes, in the definition's order: one, or a `single-run` step's range. */
  readonly partitionKeys: readonly string[];
  /** The first and last of `partitionKeys` (both included). */
  readonly partitionKeyRange: PartitionKeyRange;
  /** Time-window partitions: from the first partition's start to the last one's end (exclusive). */
  readonly partitionTimeWindow: TimeWindow;
  /** Whether the step materializes exactly one partition (so `partitionKey` answers). */
  readonly hasPartitionKey: boolean;
  /**
   * The step's own connection to the run's warehouse (docs/warehouse.md): SQL over its table inputs, by their `ins`
   * names, and lazy tables to return. Throws where the run has no warehouse.
   */
  readonly duckdb: StepWarehouse;
}

export interface PartitionKeyRange {
  start: string;
  end: string;
}

export interface TimeWindow {
  start: Date;
  end: Date;
}

/** The partitions of one step, as the runner (or a test) hands them to the context. */
export interface StepPartitions {
  /** The definition's kind (only `time-window` partitions have a time window); absent in a test context. */
  type?: PartitionsDefinitionData["type"];
  /** In the definition's order, at least one. */
  keys: readonly string[];
  /** For time windows: the first key's start to the last key's end. */
  timeWindow?: TimeWindow;
}

export interface ContextSink {
  log(level: LogLevel, message: string): void;
  metadata(assetKey: string, metadata: Metadata): void;
}

export interface ContextOptions {
  assetKey: string;
  /** Default: `assetKey` alone. */
  selectedAssetKeys?: Iterable<string>;
  runId: string;
  attempt?: number;
  signal?: AbortSignal;
  /** Absent: an unpartitioned asset. */
  partitions?: StepPartitions;
  /** The requested resources' values, by key. */
  resources?: Readonly<Record<string, unknown>>;
  sink: ContextSink;
  /** The asset's validated run config (`ctx.config`); absent when the asset declares no `config`. */
  config?: unknown;
  /** The step's warehouse connection (`ctx.duckdb`); absent where the run has none. */
  duckdb?: StepWarehouse;
}

/** A step's partitions, or the error an unpartitioned asset's context throws for any of them. */
function keysOf(assetKey: string, partitions: StepPartitions | undefined): readonly string[] {
  if (partitions) return partitions.keys;
  throw new Error(
    `asset "${assetKey}" has no partitions, so it has no partition key: give it a partitionsDef (asset({ partitionsDef: DailyPartitionsDefinition({ startDate: "…" }) }, …)) or read ctx.hasPartitionKey first.`,
  );
}

function partitionKeyOf(assetKey: string, partitions: StepPartitions | undefined): string {
  const keys = keysOf(assetKey, partitions);
  if (keys.length === 1) return keys[0]!;
  throw new Error(
    `asset "${assetKey}" materializes partitions ${keys[0]}...${keys.at(-1)} in one step (backfillPolicy "single-run"), so there is no single partition key: read ctx.partitionKeys or ctx.partitionKeyRange.`,
  );
}

function timeWindowOf(assetKey: string, partitions: StepPartitions | undefined): TimeWindow {
  keysOf(assetKey, partitions);
  if (partitions?.timeWindow) return { ...partitions.timeWindow };
  if (partitions?.type === undefined)
    throw new Error(
      `the test context of asset "${assetKey}" was given no time window: pass createTestContext({ partitionKey, partitionTimeWindow: { start, end } }).`,
    );
  throw new Error(
    `asset "${assetKey}" has ${partitions.type} partitions, which have no time window: read ctx.partitionKey, or partition it by time (DailyPartitionsDefinition…).`,
  );
}

/**
 * The partition accessors are getters that throw, naming the asset and the fix, where they have no answer: user code
 * that reads `ctx.partitionKey` in the wrong place fails on that line rather than running with `undefined`.
 */
export function createContext(options: ContextOptions): AssetContext {
  const { assetKey, sink, partitions } = options;
  const at = (level: LogLevel) => (message: string) => sink.log(level, String(message));
  return {
    resources: options.resources ?? {},
    assetKey,
    selectedAssetKeys: new Set(options.selectedAssetKeys ?? [assetKey]),
    runId: options.runId,
    attempt: options.attempt ?? 0,
    signal: options.signal ?? new AbortController().signal,
    log: { debug: at("debug"), info: at("info"), warning: at("warning"), error: at("error") },
    addOutputMetadata: (metadata, key) => sink.metadata(key ?? assetKey, normalizeMetadata(metadata)),
    ...("config" in options && { config: options.config }),
    get partitionKey() {
      return partitionKeyOf(assetKey, partitions);
    },
    get partitionKeys() {
      return keysOf(assetKey, partitions);
    },
    get partitionKeyRange() {
      const keys = keysOf(assetKey, partitions);
      return { start: keys[0]!, end: keys.at(-1)! };
    },
    get partitionTimeWindow() {
      return timeWindowOf(assetKey, partitions);
    },
    get hasPartitionKey() {
      return partitions?.keys.length === 1;
    },
    get duckdb() {
      if (options.duckdb) return options.duckdb;
      throw new Error(
        `asset "${assetKey}" reads ctx.duckdb, but its context has no warehouse: in a test, pass createTestContext({ duckdb: await inMemoryWarehouse() }); in a run, install DuckDB (npm install @duckdb/node-api).`,
      );
    },
  };
}

export interface TestContextOptions {
  assetKey?: string;
  runId?: string;
  /** Lets a test run a subsettable multi-asset on some members. */
  selectedAssetKeys?: Iterable<string>;
  /** The partition the asset materializes (`ctx.partitionKey`). */
  partitionKey?: string;
  /** A `single-run` step's partitions, in order (`ctx.partitionKeys`, `ctx.partitionKeyRange`). */
  partitionKeys?: readonly string[];
  /**
   * What `ctx.partitionTimeWindow` answers. The test gives it: the context does not know the asset's definition
   * (`materialize(assets, { partition })` computes it from the definition).
   */
  partitionTimeWindow?: TimeWindow;
  /** What `ctx.resources` holds: fakes for the resources the asset requests. */
  resources?: Readonly<Record<string, unknown>>;
  /** What `ctx.config` answers: the asset's config as its function reads it (not validated: the test gives it). */
  config?: unknown;
  /** What `ctx.duckdb` answers: `await inMemoryWarehouse()`. */
  duckdb?: StepWarehouse;
}

/**
 * The context an asset gets when a test calls it directly: logs go to the console, metadata is kept for inspection.
 * Takes the asset key (then the run id and selected keys), or `TestContextOptions` for a partitioned asset.
 */
// biome-ignore lint/complexity/noBannedTypes: `{}`: no resources given.
export function createTestContext<R extends Record<string, unknown> = {}>(
  keyOrOptions: string | (TestContextOptions & { resources?: R }) = {},
  runId = "test",
  selectedAssetKeys?: Iterable<string>,
): AssetContext<R> & { readonly metadata: Record<string, Metadata> } {
  const options =
    typeof keyOrOptions === "string" ? { assetKey: keyOrOptions, runId, selectedAssetKeys } : keyOrOptions;
  const assetKey = options.assetKey ?? "test";
  const keys = options.partitionKeys ?? (options.partitionKey === undefined ? undefined : [options.partitionKey]);
  if (keys?.length === 0)
    throw new Error("createTestContext: partitionKeys is empty; give at least one partition key.");
  const metadata: Record<string, Metadata> = {};
  const context = createContext({
    assetKey,
    selectedAssetKeys: options.selectedAssetKeys ?? [assetKey],
    runId: options.runId ?? "test",
    ...(keys && { partitions: { keys, timeWindow: options.partitionTimeWindow } }),
    ...("resources" in options && { resources: options.resources }),
    ...("config" in options && { config: options.config }),
    ...(options.duckdb && { duckdb: options.duckdb }),
    sink: {
      log: (level, message) => console.log(`[${level}] ${assetKey}: ${message}`),
      metadata: (key, entries) => void (metadata[key] = { ...metadata[key], ...entries }),
    },
  });
  return Object.assign(context as AssetContext<R>, { metadata });
}
