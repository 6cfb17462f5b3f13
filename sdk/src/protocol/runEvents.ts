/**
 * The runner's event stream: with `--json`, one `RunEvent` per line on stdout (each line also carries
 * `protocolVersion`, see cliOutput.ts). The client turns these into progress, logs and refreshed lenses; the webview
 * into live node states.
 */
import * as v from "valibot";
import { CheckEvaluationSchema } from "./checks";
import { MaterializationSchema } from "./state";
import { StepErrorSchema } from "./stepError";

export const LogLevelSchema = v.picklist(["debug", "info", "warning", "error"]);
export type LogLevel = v.InferOutput<typeof LogLevelSchema>;

/** A step runs one asset, one multi-asset (several keys) or one graph asset. */
export const PlannedStepSchema = v.object({
  id: v.string(),
  assets: v.array(v.string()),
  /** Steps that must finish first. */
  dependsOn: v.array(v.string()),
  /** A partitioned step's partitions: one, or a `single-run` backfill's whole range, in order. */
  partitions: v.optional(v.array(v.string())),
  /**
   * A check step's checks (`asset:name` keys): it materializes nothing (`assets` is empty), reads the stored values of
   * its checks' assets, and emits one `check_evaluated` per check (per partition).
   */
  checks: v.optional(v.array(v.string())),
});
export type PlannedStep = v.InferOutput<typeof PlannedStepSchema>;

const step = {
  runId: v.string(),
  stepId: v.string(),
  assets: v.array(v.string()),
  /** As the step's PlannedStep: absent for an unpartitioned step. */
  partitions: v.optional(v.array(v.string())),
  /** As the step's PlannedStep: a check step's checks. */
  checks: v.optional(v.array(v.string())),
  timestamp: v.number(),
};

export const RunEventSchema = v.variant("type", [
  v.object({
    type: v.literal("run_started"),
    runId: v.string(),
    selection: v.string(),
    plan: v.array(PlannedStepSchema),
    timestamp: v.number(),
    /** The run config the assets got, validated (the schemas' defaults applied), by asset key; absent: none declares config. */
    config: v.optional(v.record(v.string(), v.unknown())),
  }),
  v.object({
    type: v.literal("step_started"),
    ...step,
    attempt: v.number(),
    /** In a queued run, `host:pid` of the worker that ran this attempt (as `assetline logs` reads it). */
    worker: v.optional(v.string()),
  }),
  /** `durationMs`: the successful attempt, as its last Materialization's `durationMs` (one definition everywhere). */
  v.object({ type: v.literal("step_succeeded"), ...step, durationMs: v.number() }),
  v.object({ type: v.literal("step_failed"), ...step, error: StepErrorSchema }),
  v.object({ type: v.literal("step_skipped"), ...step, reason: v.string() }),
  v.object({
    type: v.literal("step_retrying"),
    ...step,
    attempt: v.number(),
    delayMs: v.number(),
    error: StepErrorSchema,
  }),
  v.object({
    type: v.literal("log"),
    runId: v.string(),
    stepId: v.string(),
    level: LogLevelSchema,
    message: v.string(),
    timestamp: v.number(),
  }),
  v.object({
    type: v.literal("materialization"),
    runId: v.string(),
    stepId: v.string(),
    materialization: MaterializationSchema,
    timestamp: v.number(),
  }),
  /** A check step evaluated one check (of one partition); a failed blocking one then fails its step. */
  v.object({
    type: v.literal("check_evaluated"),
    runId: v.string(),
    stepId: v.string(),
    evaluation: CheckEvaluationSchema,
    timestamp: v.number(),
  }),
  v.object({
    type: v.literal("run_finished"),
    runId: v.string(),
    /** Every RunStatus but `running`. */
    status: v.picklist(["success", "failed", "cancelled"]),
    durationMs: v.number(),
    succeeded: v.number(),
    failed: v.number(),
    skipped: v.number(),
    timestamp: v.number(),
  }),
]);
export type RunEvent = v.InferOutput<typeof RunEventSchema>;

export type RunEventType = RunEvent["type"];
