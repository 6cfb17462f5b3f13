/**
 * The daemon's methods for schedules and sensors beyond `ticks`, and for automation evaluations: what crosses the
 * socket (`protocol/daemon.ts` has the rest and the method names).
 */
import * as v from "valibot";
import { AutomationRecordSchema, SensorKindSchema } from "./automation";

/** Whether an instigator is a schedule or a sensor: both can be paused and ticked by hand. */
export const InstigatorKindSchema = v.picklist(["schedule", "sensor"]);
export type InstigatorKind = v.InferOutput<typeof InstigatorKindSchema>;

/** One tick of a sensor: the runs it requested (new run keys only), or why it skipped, or the error its code threw. */
export const SensorTickSchema = v.object({
  sensor: v.string(),
  /** When the tick started, epoch ms. */
  tickAt: v.number(),
  status: v.picklist(["started", "succeeded", "failed", "skipped"]),
  runIds: v.array(v.string()),
  /** A skip reason, in the sensor's words or ours ("every run key was used before"). */
  reason: v.optional(v.string()),
  /** What the sensor's code threw, or that it ran out of time. */
  error: v.optional(v.string()),
  /** The cursor after the tick. */
  cursor: v.optional(v.string()),
  recordedAt: v.number(),
});
export type SensorTick = v.InferOutput<typeof SensorTickSchema>;

/** `sensors`: each sensor of the workspace with its state and latest tick (`assetline sensors`). */
export const SensorsParamsSchema = v.object({});
export const SensorStateSchema = v.object({
  name: v.string(),
  kind: SensorKindSchema,
  minimumInterval: v.string(),
  paused: v.boolean(),
  cursor: v.optional(v.string()),
  /** Epoch ms; absent when paused. */
  nextTick: v.optional(v.number()),
  lastTick: v.optional(SensorTickSchema),
});
export type SensorState = v.InferOutput<typeof SensorStateSchema>;
export const SensorsResultSchema = v.object({ sensors: v.array(SensorStateSchema) });
export type SensorsResult = v.InferOutput<typeof SensorsResultSchema>;

/** `tickNow`: a schedule's run now (recorded as a tick at now) or a sensor's tick now; answers when it started. */
export const TickNowParamsSchema = v.object({ name: v.string() });
export const TickNowResultSchema = v.object({ kind: InstigatorKindSchema, runIds: v.array(v.string()) });
export type TickNowResult = v.InferOutput<typeof TickNowResultSchema>;

/** `setPaused`: a paused schedule or sensor does not tick until resumed; kept in the store across restarts. */
export const SetPausedParamsSchema = v.object({ name: v.string(), paused: v.boolean() });
export const SetPausedResultSchema = v.object({ kind: InstigatorKindSchema, paused: v.boolean() });
export type SetPausedResult = v.InferOutput<typeof SetPausedResultSchema>;

/** `evaluations`: the latest automation evaluation of each asset (of the selection), by key. */
export const EvaluationsParamsSchema = v.object({ select: v.optional(v.string()) });
export const EvaluationsResultSchema = v.object({ evaluations: v.array(AutomationRecordSchema) });
export type EvaluationsResult = v.InferOutput<typeof EvaluationsResultSchema>;

/** `shutdown`: the daemon stops as on SIGTERM (*Stop Automation* in the editor); answers before it stops. */
export const ShutdownParamsSchema = v.object({});
