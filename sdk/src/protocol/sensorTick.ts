/**
 * `assetline sensor-tick <name> --json` (internal: the daemon runs it): what the daemon gives a sensor's function and the
 * one line the run process prints back. User code runs there, never in the daemon.
 */
import * as v from "valibot";

/** One run a sensor requested, as data (Dagster's RunRequest). */
export const RunRequestDataSchema = v.object({
  runKey: v.optional(v.string()),
  /** Assets to run instead of the sensor's target: selection syntax. */
  selection: v.optional(v.string()),
  partitionKey: v.optional(v.string()),
  /** Run config by asset key, as `materialize --config-json` takes it. */
  config: v.optional(v.record(v.string(), v.unknown())),
  tags: v.optional(v.record(v.string(), v.string())),
});
export type RunRequestData = v.InferOutput<typeof RunRequestDataSchema>;

/** An asset sensor's new materialization, as its function receives it. */
export const MaterializationEventSchema = v.object({
  key: v.string(),
  partition: v.optional(v.string()),
  runId: v.string(),
  timestamp: v.number(),
});
export type MaterializationEventData = v.InferOutput<typeof MaterializationEventSchema>;

/** A finished run, as a run-status sensor's function receives it. */
export const FinishedRunSchema = v.object({
  runId: v.string(),
  status: v.picklist(["success", "failure"]),
  job: v.optional(v.string()),
  startedAt: v.number(),
  finishedAt: v.number(),
});
export type FinishedRunData = v.InferOutput<typeof FinishedRunSchema>;

/** `--input-json`: the tick's context, and the events an asset or run-status sensor's function is called with. */
export const SensorTickInputSchema = v.object({
  cursor: v.optional(v.string()),
  /** Epoch ms of the previous tick. */
  lastTickAt: v.optional(v.number()),
  materializations: v.optional(v.array(MaterializationEventSchema)),
  runs: v.optional(v.array(FinishedRunSchema)),
});
export type SensorTickInput = v.InferOutput<typeof SensorTickInputSchema>;

/**
 * The one line it prints: the requests, or why it requested none, or what went wrong (the sensor's code threw, or the
 * workspace did not load), and the cursor the function set (absent: unchanged).
 */
export const SensorTickOutputSchema = v.object({
  requests: v.array(RunRequestDataSchema),
  skipReason: v.optional(v.string()),
  error: v.optional(v.string()),
  cursor: v.optional(v.string()),
});
export type SensorTickOutput = v.InferOutput<typeof SensorTickOutputSchema>;
