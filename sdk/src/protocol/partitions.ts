/**
 * Partitions as plain data: what the analyzer reads from literals, what the runtime rebuilds, what `graph --json` and
 * `status --json` carry. Partition keys are strings everywhere (a multi-partition key joins its dimensions' keys with
 * `|`, in the order of the dimension names, as Dagster's MultiPartitionKey does). Computing keys, windows and mappings
 * lives in `sdk/src/partitions/`; these are only the shapes.
 */
import * as v from "valibot";

export const TimeGranularitySchema = v.picklist(["hourly", "daily", "weekly", "monthly"]);
export type TimeGranularity = v.InferOutput<typeof TimeGranularitySchema>;

/**
 * Dagster's TimeWindowPartitionsDefinition with a granularity instead of a cron string: windows start every period
 * (shifted by the offsets) in `timezone`, from `start` (written in `fmt`) to `end` (exclusive) or to now, where the
 * last window is the last complete one shifted by `endOffset` (1 includes the window in progress).
 */
export const TimeWindowPartitionsSchema = v.object({
  type: v.literal("time-window"),
  granularity: TimeGranularitySchema,
  /** The first window's start, in `fmt`. */
  start: v.string(),
  /** Exclusive, in `fmt`; absent: up to now (with `endOffset`). */
  end: v.optional(v.string()),
  /** An IANA zone; `UTC` by default. */
  timezone: v.string(),
  /** Luxon format tokens: `yyyy-MM-dd` (daily, weekly, monthly) and `yyyy-MM-dd-HH:mm` (hourly) by default. */
  fmt: v.string(),
  minuteOffset: v.number(),
  hourOffset: v.number(),
  /** Weekly: the weekday windows start on (0 = Sunday, as cron); monthly: the day of the month (1 by default). */
  dayOffset: v.number(),
  endOffset: v.number(),
});
export type TimeWindowPartitions = v.InferOutput<typeof TimeWindowPartitionsSchema>;

export const StaticPartitionsSchema = v.object({ type: v.literal("static"), keys: v.array(v.string()) });
export type StaticPartitions = v.InferOutput<typeof StaticPartitionsSchema>;

/** Keys are added and removed at run time (`assetline partitions add NAME KEY…`); the store holds them by `name`. */
export const DynamicPartitionsSchema = v.object({ type: v.literal("dynamic"), name: v.string() });
export type DynamicPartitions = v.InferOutput<typeof DynamicPartitionsSchema>;

export const SinglePartitionsSchema = v.variant("type", [
  TimeWindowPartitionsSchema,
  StaticPartitionsSchema,
  DynamicPartitionsSchema,
]);
export type SinglePartitions = v.InferOutput<typeof SinglePartitionsSchema>;

/** Two dimensions (as Dagster allows), sorted by name; a key is `a|b` in that order. */
export const MultiPartitionsSchema = v.object({
  type: v.literal("multi"),
  dimensions: v.array(v.object({ name: v.string(), definition: SinglePartitionsSchema })),
});
export type MultiPartitions = v.InferOutput<typeof MultiPartitionsSchema>;

export const PartitionsDefinitionSchema = v.variant("type", [
  TimeWindowPartitionsSchema,
  StaticPartitionsSchema,
  DynamicPartitionsSchema,
  MultiPartitionsSchema,
]);
export type PartitionsDefinitionData = v.InferOutput<typeof PartitionsDefinitionSchema>;

/**
 * How a downstream partition reads its upstream's partitions (Dagster's PartitionMapping). An edge without one takes
 * the default: identity between equal definitions, overlap between time windows of different granularity, every
 * upstream partition for an unpartitioned downstream, and the matching dimension between multi and single.
 */
export const PartitionMappingSchema = v.variant("type", [
  v.object({ type: v.literal("identity") }),
  /** Windows shifted by the offsets, counted in the downstream's periods (as Dagster): `{ startOffset: -1, endOffset: -1 }` is the day before. */
  v.object({
    type: v.literal("time-window"),
    startOffset: v.number(),
    endOffset: v.number(),
    allowNonexistentUpstreamPartitions: v.boolean(),
  }),
  v.object({ type: v.literal("all") }),
  v.object({ type: v.literal("last") }),
  /** Upstream key to the downstream keys it feeds. */
  v.object({ type: v.literal("static"), map: v.record(v.string(), v.array(v.string())) }),
  v.object({ type: v.literal("specific"), keys: v.array(v.string()) }),
  /** A multi-partitioned side and a single one meet in the dimension `dimension`. */
  v.object({ type: v.literal("multi-to-single"), dimension: v.string() }),
]);
export type PartitionMappingData = v.InferOutput<typeof PartitionMappingSchema>;

/** `multi-run` (default): a step per partition. `single-run`: one step gets the whole range (`ctx.partitionKeyRange`). */
export const BackfillPolicySchema = v.picklist(["multi-run", "single-run"]);
export type BackfillPolicy = v.InferOutput<typeof BackfillPolicySchema>;

/**
 * A partition's state, as Dagster's partition health bar draws it: `materialized` (and current), `stale` (materialized,
 * but its code or a mapped upstream partition changed since), `failed` (the last attempt failed), `missing`.
 */
export const PartitionStateSchema = v.picklist(["materialized", "stale", "failed", "missing"]);
export type PartitionState = v.InferOutput<typeof PartitionStateSchema>;

/**
 * A partitioned asset's health in `status --json`. `ranges` are maximal runs of consecutive partitions (in the
 * definition's order) with one state: a health bar drawn from them needs no per-partition list.
 */
export const PartitionsSummarySchema = v.object({
  total: v.number(),
  materialized: v.number(),
  failed: v.number(),
  missing: v.number(),
  stale: v.number(),
  ranges: v.array(v.object({ state: PartitionStateSchema, start: v.string(), end: v.string(), count: v.number() })),
});
export type PartitionsSummary = v.InferOutput<typeof PartitionsSummarySchema>;

/** One partition in `status --partitions KEY --json`. */
export const PartitionStatusSchema = v.object({
  partition: v.string(),
  state: PartitionStateSchema,
  /** Every reason, in words: "upstream orders partition 2026-03-01 materialized 2 h after this one". */
  reasons: v.array(v.string()),
  /** The newest materialization of this partition. */
  lastMaterialization: v.nullable(v.object({ runId: v.string(), timestamp: v.number() })),
  lastFailure: v.optional(v.object({ runId: v.string(), timestamp: v.number(), error: v.string() })),
});
export type PartitionStatus = v.InferOutput<typeof PartitionStatusSchema>;
