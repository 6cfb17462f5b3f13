/** An error a step (or a check) raised, as the event stream and the store carry it. */
import * as v from "valibot";

export const StepErrorSchema = v.object({
  message: v.string(),
  /** Stack mapped to the TypeScript source. */
  stack: v.optional(v.string()),
  /** Where the error was thrown in the workspace's source, when known. */
  location: v.optional(v.object({ file: v.string(), line: v.number(), column: v.number() })),
});
export type StepError = v.InferOutput<typeof StepErrorSchema>;
