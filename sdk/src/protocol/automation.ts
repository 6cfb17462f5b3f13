/**
 * Schedules, sensors and automation conditions as every process sees them (docs/automation.md): the define API
 * builds this data, the analyzer reads it from source, the daemon records it, the editor shows it.
 */
import * as v from "valibot";
import { SourceLocationSchema } from "./location";

/**
 * Dagster's AutomationCondition as frozen data: operands read facts about an asset (partition), operators combine
 * them. Every node may carry a `label` (`eager`, `on_cron`, `on_missing`, or one set with `.withLabel`).
 * Declared rather than inferred: a recursive schema cannot give its own type.
 */
export type Condition = (
  | { type: "missing" }
  | { type: "inProgress" }
  | { type: "executionFailed" }
  | { type: "newlyUpdated" }
  | { type: "newlyRequested" }
  | { type: "newlyMissing" }
  | { type: "codeVersionChanged" }
  | { type: "cronTickPassed"; cron: string; timezone: string }
  | { type: "inLatestTimeWindow"; lookback?: string }
  | { type: "willBeRequested" }
  | { type: "anyDepsMatch"; condition: Condition; ignore?: string; allow?: string }
  | { type: "allDepsMatch"; condition: Condition; ignore?: string; allow?: string }
  | { type: "and"; operands: Condition[] }
  | { type: "or"; operands: Condition[] }
  | { type: "not"; operand: Condition }
  | { type: "since"; trigger: Condition; reset: Condition }
  | { type: "newlyTrue"; operand: Condition }
) & { label?: string };

/** The operands that take no argument. */
export const PLAIN_OPERANDS = [
  "missing",
  "inProgress",
  "executionFailed",
  "newlyUpdated",
  "newlyRequested",
  "newlyMissing",
  "codeVersionChanged",
  "willBeRequested",
] as const;

const label = { label: v.optional(v.string()) };
const nested: v.GenericSchema<Condition> = v.lazy(() => ConditionSchema);

export const ConditionSchema: v.GenericSchema<Condition> = v.variant("type", [
  v.object({ type: v.picklist(PLAIN_OPERANDS), ...label }),
  v.object({ type: v.literal("cronTickPassed"), cron: v.string(), timezone: v.string(), ...label }),
  v.object({ type: v.literal("inLatestTimeWindow"), lookback: v.optional(v.string()), ...label }),
  v.object({
    type: v.picklist(["anyDepsMatch", "allDepsMatch"]),
    condition: nested,
    ignore: v.optional(v.string()),
    allow: v.optional(v.string()),
    ...label,
  }),
  v.object({ type: v.picklist(["and", "or"]), operands: v.array(nested), ...label }),
  v.object({ type: v.picklist(["not", "newlyTrue"]), operand: nested, ...label }),
  v.object({ type: v.literal("since"), trigger: nested, reset: nested, ...label }),
]);

/** What a schedule or sensor runs: a job by name, or a selection string (a builder rendered to one). */
export const AutomationTargetSchema = v.union([v.object({ job: v.string() }), v.object({ selection: v.string() })]);
export type AutomationTarget = v.InferOutput<typeof AutomationTargetSchema>;

/**
 * Which partition a tick runs for a partitioned target: `latest` (the one whose window the tick closes, Dagster's
 * `build_schedule_from_partitioned_job`), or `function` (chosen by user code, known only at run time).
 */
export const SchedulePartitionsSchema = v.picklist(["latest", "function"]);

export const ScheduleInfoSchema = v.object({
  /** The `name` option, else the export name. */
  name: v.string(),
  cron: v.string(),
  /** IANA zone the cron ticks in (Dagster's `execution_timezone`); `UTC` when none is written. */
  timezone: v.string(),
  target: AutomationTargetSchema,
  /** Absent: `latest` when the target is partitioned, else none. */
  partitions: v.optional(SchedulePartitionsSchema),
  description: v.optional(v.string()),
  /** The `schedule(...)` call. Absent for schedules read at run time. */
  location: v.optional(SourceLocationSchema),
});
export type ScheduleInfo = v.InferOutput<typeof ScheduleInfoSchema>;

/** `sensor`: user code decides; `asset`: once per new materialization of `asset`; `runStatus`: once per finished run. */
export const SensorKindSchema = v.picklist(["sensor", "asset", "runStatus"]);
export type SensorKind = v.InferOutput<typeof SensorKindSchema>;

/** Dagster's default: a sensor ticks at most every 30 seconds. */
export const DEFAULT_MINIMUM_INTERVAL = "30s";

export const SensorInfoSchema = v.object({
  name: v.string(),
  kind: SensorKindSchema,
  /** As written (`"30s"`, the default), and in milliseconds. */
  minimumInterval: v.string(),
  minimumIntervalMs: v.number(),
  /** What its run requests run; absent: a run-status sensor that requests nothing (it only reacts). */
  target: v.optional(AutomationTargetSchema),
  /** An asset sensor's asset (key). */
  asset: v.optional(v.string()),
  /** A run-status sensor's status and the jobs it watches (absent: every job). */
  status: v.optional(v.picklist(["success", "failure"])),
  monitoredJobs: v.optional(v.array(v.string())),
  /**
   * Whether it has a function (a `sensor` always does). An asset or run-status sensor without one needs no run
   * process: the daemon requests its target once per event itself. Absent (an older graph): as if it had one.
   */
  hasFunction: v.optional(v.boolean()),
  description: v.optional(v.string()),
  location: v.optional(SourceLocationSchema),
});
export type SensorInfo = v.InferOutput<typeof SensorInfoSchema>;

/**
 * One asset's (partition's) latest automation evaluation, as the daemon records it: whether it will run and why, in
 * words ("will run: upstream orders was updated since this asset's last materialization").
 */
export const AutomationRecordSchema = v.object({
  key: v.string(),
  partition: v.optional(v.string()),
  /** Epoch ms. */
  evaluatedAt: v.number(),
  willRun: v.boolean(),
  reason: v.string(),
  /** The run the daemon started for it, when it ran. */
  runId: v.optional(v.string()),
});
export type AutomationRecord = v.InferOutput<typeof AutomationRecordSchema>;

/** An asset status's latest evaluation: the newest partition's for a partitioned asset, with how many will run. */
export const AutomationStatusSchema = v.object({
  /** The condition's top-level label (`eager`, `on_cron`, `on_missing`) or `custom`. */
  label: v.string(),
  evaluatedAt: v.number(),
  willRun: v.boolean(),
  reason: v.string(),
  runId: v.optional(v.string()),
  /** A partitioned asset: how many of its partitions the evaluation requested. */
  partitionsWillRun: v.optional(v.number()),
});
export type AutomationStatus = v.InferOutput<typeof AutomationStatusSchema>;
