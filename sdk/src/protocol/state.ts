/**
 * What the store knows about assets: metadata, materializations, statuses. Shared by runner, server, client, webview.
 * Declared as valibot schemas (the editor validates what the CLI prints with them); the types are derived.
 */
import * as v from "valibot";
import { PartitionsSummarySchema } from "./partitions";

const entry = <T extends string, S extends v.GenericSchema>(type: T, value: S) =>
  v.object({ type: v.literal(type), value });

export const MetadataEntrySchema = v.variant("type", [
  entry("md", v.string()),
  entry("text", v.string()),
  entry("json", v.unknown()),
  entry("url", v.string()),
  entry("path", v.string()),
  entry("int", v.number()),
  entry("float", v.number()),
  entry("bool", v.boolean()),
  /** Milliseconds since the epoch. */
  entry("timestamp", v.number()),
  entry("table", v.object({ columns: v.array(v.string()), rows: v.array(v.record(v.string(), v.unknown())) })),
]);
export type MetadataEntry = v.InferOutput<typeof MetadataEntrySchema>;

export const MetadataSchema = v.record(v.string(), MetadataEntrySchema);
export type Metadata = v.InferOutput<typeof MetadataSchema>;

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
});
export type AssetStatus = v.InferOutput<typeof AssetStatusSchema>;

export const RunStatusSchema = v.picklist(["running", "success", "failed", "cancelled"]);
export type RunStatus = v.InferOutput<typeof RunStatusSchema>;

export const RunOriginSchema = v.picklist(["cli", "editor"]);
export type RunOrigin = v.InferOutput<typeof RunOriginSchema>;

export const RunSummarySchema = v.object({
  id: v.string(),
  status: RunStatusSchema,
  startedAt: v.number(),
  endedAt: v.nullable(v.number()),
  selection: v.string(),
  origin: RunOriginSchema,
});
export type RunSummary = v.InferOutput<typeof RunSummarySchema>;
