/**
 * What the store knows about assets: metadata, materializations, statuses. Shared by runner, server, client, webview.
 * Declared as valibot schemas (the editor validates what the CLI prints with them); the types are derived.
 */
import * as v from "valibot";
import { AutomationStatusSchema } from "./automation";
import { CheckStatusSchema, FreshnessStatusSchema } from "./checks";
import { MetadataSchema } from "./metadata";
import { PartitionsSummarySchema } from "./partitions";

export const MaterializationSchema = v.object({
  key: v.string(),
  /** The partition this materialization is of; absent for an unpartitioned asset. */
  partition: v.optional(v.string()),
  runId: v.string(),
  /** Milliseconds since the epoch, when the value was stored. */
  timestamp: v.number(),
  /**
   * The step's duration, the one every view shows (hover, `show`, the run table): its successful attempt, from loading
   * its inputs until this value was stored. The step's `step_succeeded` carries the same number for its last value.
   */
  durationMs: v.number(),
  metadata: MetadataSchema,
  codeVersion: v.string(),
  dataVersion: v.string(),
  /**
   * Data versions of the upstream assets this value was computed from, by key; a partitioned upstream's by
   * `key[partition]`, one entry per partition consumed.
   */
  upstreamDataVersions: v.record(v.string(), v.string()),
  /**
   * Where the store keeps this materialization's value (`table:<sha256>` or `file:<sha256>`); absent for records from
   * before values were immutable, and for runs without a store. Only the latest materialization's value is kept.
   */
  valueRef: v.optional(v.string()),
});
export type Materialization = v.InferOutput<typeof MaterializationSchema>;

/**
 * `unknown`: an external asset (an `AssetSpec`), produced outside Assetline, which records no materialization or
 * observation of it, so it is neither fresh nor stale. `running` is never stored as an asset state; editors overlay it
 * from the live event stream.
 */
export const StoredStateSchema = v.picklist(["never", "fresh", "stale", "failed", "unknown"]);
export type AssetState = v.InferOutput<typeof StoredStateSchema> | "running";

export const AssetStatusSchema = v.object({
  key: v.string(),
  state: StoredStateSchema,
  /** Every reason, in words: "code changed since last materialization", "upstream beta is stale". */
  reasons: v.array(v.string()),
  lastMaterialization: v.nullable(MaterializationSchema),
  /** The last failed attempt, if it is newer than the last materialization. */
  lastFailure: v.optional(v.object({ runId: v.string(), timestamp: v.number(), error: v.string() })),
  /**
   * A partitioned asset's partition health. Its `state` then sums them up: `failed` if any partition failed, `never`
   * if none is materialized, `stale` if any is missing or stale (with the counts in `reasons`), else `fresh`.
   */
  partitions: v.optional(PartitionsSummarySchema),
  /**
   * Each check of the asset with its newest result (absent: the asset has no checks). A failed check does not change
   * `state` (the value is still fresh or stale); it adds a reason ("check unique_order_id failed: 3 duplicates").
   */
  checks: v.optional(v.array(CheckStatusSchema)),
  /** Absent: the asset has no freshness policy. */
  freshness: v.optional(FreshnessStatusSchema),
  /** Absent: the asset has no automation condition, or the daemon never evaluated it. */
  automation: v.optional(AutomationStatusSchema),
});
export type AssetStatus = v.InferOutput<typeof AssetStatusSchema>;

export const RunStatusSchema = v.picklist(["running", "success", "failed", "cancelled"]);
export type RunStatus = v.InferOutput<typeof RunStatusSchema>;

/** Who started a run: a person (`cli`, `editor`) or the daemon (`schedule`, `sensor`, `automation`: see `instigator`). */
export const RunOriginSchema = v.picklist(["cli", "editor", "schedule", "sensor", "automation"]);
export type RunOrigin = v.InferOutput<typeof RunOriginSchema>;

export const RunSummarySchema = v.object({
  id: v.string(),
  status: RunStatusSchema,
  startedAt: v.number(),
  endedAt: v.nullable(v.number()),
  selection: v.string(),
  origin: RunOriginSchema,
  /** The schedule or sensor that started the run (origin `schedule` or `sensor`), as Dagster's run tags name it. */
  instigator: v.optional(v.string()),
  /** The run config the assets got (validated, defaults applied), by asset key; absent: none declares config. */
  config: v.optional(v.record(v.string(), v.unknown())),
  /** Its steps ran on workers through the queue (docs/scale.md); absent: a local run. */
  executor: v.optional(v.literal("queue")),
  /** A queued run's workers (`host:pid`) that ran its step attempts, in start order; absent for a local run. */
  workers: v.optional(v.array(v.string())),
  /** A queued run's steps that took more than one attempt (retried, or lost with their worker). */
  retriedSteps: v.optional(v.array(v.string())),
  /**
   * The materializations it has recorded so far; absent: none. It grows while the run runs, which is how an editor on
   * a shared store, polling the newest run, sees another machine's run progress.
   */
  materializations: v.optional(v.number()),
});
export type RunSummary = v.InferOutput<typeof RunSummarySchema>;
