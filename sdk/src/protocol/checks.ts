/**
 * Asset checks and freshness as every process sees them: the checks of the graph (analyzer and run time alike),
 * their evaluations (run events, the store, `status --json`) and an asset's freshness. A check's key is
 * `asset:name` (`orders:unique_order_id`): asset keys never hold `:`, so the key names one check of the workspace.
 */
import * as v from "valibot";
import { SourceLocationSchema } from "./location";
import { MetadataSchema } from "./metadata";
import { StepErrorSchema } from "./stepError";

/** Dagster's AssetCheckSeverity: `error` fails a blocking check's downstream; `warn` never does. */
export const CheckSeveritySchema = v.picklist(["warn", "error"]);
export type CheckSeverity = v.InferOutput<typeof CheckSeveritySchema>;

/** `orders:unique_order_id`. */
export function checkKey(asset: string, name: string): string {
  return `${asset}:${name}`;
}

/** The asset and the name of a check key (the name is after the last `:`). */
export function splitCheckKey(key: string): { asset: string; name: string } {
  const at = key.lastIndexOf(":");
  return { asset: key.slice(0, at), name: key.slice(at + 1) };
}

/** One check of the graph. A `multiAssetCheck` is one node per check it declares, sharing `definedBy`/`location`. */
export const AssetCheckNodeSchema = v.object({
  /** `asset:name`. */
  key: v.string(),
  name: v.string(),
  /** The asset the check is about. */
  asset: v.string(),
  /** A failed evaluation with severity `error` skips everything downstream of the asset in the same run. */
  blocking: v.boolean(),
  description: v.optional(v.string()),
  /** Other assets whose stored values the check reads (its `ins` beyond its asset), in the order written. */
  additionalAssets: v.optional(v.array(v.string())),
  /** `assetCheck` (one check), `multiAssetCheck` (several, one function) or `inline` (an asset's `checks: [...]`). */
  form: v.picklist(["assetCheck", "multiAssetCheck", "inline"]),
  /** The exported binding that defines it (an inline check: the asset's binding). */
  definedBy: v.optional(v.string()),
  /** The whole definition (the call expression). Absent for nodes built at run time. */
  location: v.optional(SourceLocationSchema),
  /** Where the check's asset is named in it (`asset: orders`), for navigation and rename; absent inline. */
  assetLocation: v.optional(SourceLocationSchema),
});
export type AssetCheckNode = v.InferOutput<typeof AssetCheckNodeSchema>;

/**
 * Dagster's FreshnessPolicy: the asset is overdue when its newest materialization is older than `maximumLagMs`; with
 * `cron`, when it is older than the cron's latest tick minus the lag (data must be at most the lag old at each tick).
 */
export const FreshnessPolicySchema = v.object({
  /** As written: `"24h"`, `"90m"`, `"1d 6h"`. */
  maximumLag: v.string(),
  maximumLagMs: v.number(),
  cron: v.optional(v.string()),
  /** IANA zone the cron is read in; absent: UTC. */
  cronTimezone: v.optional(v.string()),
});
export type FreshnessPolicy = v.InferOutput<typeof FreshnessPolicySchema>;

/** One evaluation of one check (of one partition of a partitioned asset). */
export const CheckEvaluationSchema = v.object({
  /** `asset:name`. */
  checkKey: v.string(),
  asset: v.string(),
  name: v.string(),
  partition: v.optional(v.string()),
  runId: v.string(),
  /** Milliseconds since the epoch. */
  timestamp: v.number(),
  passed: v.boolean(),
  severity: CheckSeveritySchema,
  /** As declared on the check, so a result read later says whether it gated its downstream. */
  blocking: v.boolean(),
  description: v.optional(v.string()),
  metadata: MetadataSchema,
  /** The data version of the asset's value the check read; absent when it had none stored. */
  dataVersion: v.optional(v.string()),
  /** The check function threw: a failed evaluation with severity `error`, and where it threw. */
  error: v.optional(StepErrorSchema),
  durationMs: v.number(),
});
export type CheckEvaluation = v.InferOutput<typeof CheckEvaluationSchema>;

/** One check of an asset in `status --json`: its newest evaluation, and a partitioned asset's failing partitions. */
export const CheckStatusSchema = v.object({
  key: v.string(),
  name: v.string(),
  blocking: v.boolean(),
  /** The newest evaluation (of whichever partition); null: never evaluated. */
  last: v.nullable(CheckEvaluationSchema),
  /**
   * `passed` / `failed` (severity error) / `warning` (failed, severity warn) from `last` (for a partitioned asset: the
   * worst over each partition's newest evaluation), `never` when there is none. `outdated` is true when `last` read a
   * value older than the asset's newest materialization.
   */
  state: v.picklist(["passed", "failed", "warning", "never"]),
  outdated: v.boolean(),
  /** Partitioned assets: the partitions whose newest evaluation failed (severity error or warn), in order. */
  failedPartitions: v.optional(v.array(v.string())),
});
export type CheckStatus = v.InferOutput<typeof CheckStatusSchema>;

/** An asset's freshness now, in `status --json`: only for assets with a freshness policy. */
export const FreshnessStatusSchema = v.object({
  policy: FreshnessPolicySchema,
  /** `unknown`: never materialized (a missing asset is reported as missing, not late). */
  state: v.picklist(["fresh", "overdue", "unknown"]),
  /** How late it is now (`overdue` only). */
  overdueByMs: v.optional(v.number()),
  /** When it becomes overdue (`fresh`) or became overdue (`overdue`), ms since the epoch: an editor re-reads then. */
  deadline: v.optional(v.number()),
  /** In words: "overdue by 3 h: last materialized 27 h ago, maximum lag 24 h". */
  reason: v.string(),
});
export type FreshnessStatus = v.InferOutput<typeof FreshnessStatusSchema>;

/**
 * Each of an asset's checks in the graph with its status, in the graph's order: a check the store has not seen yet (just
 * written, not run) is `never`, and a status of a check no longer in the graph is left out. Lenses and badges count these.
 */
export function checkStatusesOf(
  checks: readonly AssetCheckNode[],
  statuses: readonly CheckStatus[] = [],
): CheckStatus[] {
  const byKey = new Map(statuses.map((status) => [status.key, status]));
  return checks.map(
    (check) =>
      byKey.get(check.key) ?? {
        key: check.key,
        name: check.name,
        blocking: check.blocking,
        last: null,
        state: "never",
        outdated: false,
      },
  );
}
