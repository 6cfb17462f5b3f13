/**
 * What `assetline worker` and its step process (one per bundle hash) say to each other over the child's IPC channel.
 * Both sides validate what they receive: a message of another shape is a bug, said once, never acted on.
 */
import * as v from "valibot";
import { RunEventSchema } from "./runEvents";

/** One attempt of one step of a queued run, as the queue numbers it (from 1). */
const AttemptSchema = v.object({ runId: v.string(), stepId: v.string(), attempt: v.number() });
export type StepAttempt = v.InferOutput<typeof AttemptSchema>;

export const ToStepProcessSchema = v.variant("type", [
  /** Run the step; `plan` is the run's `runs.plan` as stored (JSON text, parsed and checked by the process). */
  v.object({ type: v.literal("step"), ...AttemptSchema.entries, plan: v.string() }),
  /** Abort the step's signal (its run was cancelled, or the worker was told to stop twice). */
  v.object({ type: v.literal("cancel"), ...AttemptSchema.entries }),
]);
export type ToStepProcess = v.InferOutput<typeof ToStepProcessSchema>;

export const FromStepProcessSchema = v.variant("type", [
  /** An event of the attempt, redacted: the worker records `step_started` and logs at once, the rest at completion. */
  v.object({ type: v.literal("event"), ...AttemptSchema.entries, event: RunEventSchema }),
  /** The attempt ended; `error` says why it failed (a `step_failed` event came before, unless no user code ran). */
  v.object({ type: v.literal("done"), ...AttemptSchema.entries, error: v.optional(v.string()) }),
]);
export type FromStepProcess = v.InferOutput<typeof FromStepProcessSchema>;

/** The key of an attempt in the maps both sides keep. */
export function attemptKey({ runId, stepId, attempt }: StepAttempt): string {
  return `${runId}\n${stepId}\n${attempt}`;
}
