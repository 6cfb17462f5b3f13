/** What the team's commands print for machines on a shared store: `workers --json` and `pools --json`. */
import * as v from "valibot";

/** A step attempt a worker runs now; `attempt` counts from 1. */
export const WorkerStepSchema = v.object({
  runId: v.string(),
  stepId: v.string(),
  attempt: v.number(),
  startedAt: v.number(),
});

export const WorkerSummarySchema = v.object({
  id: v.string(),
  host: v.string(),
  pid: v.number(),
  queues: v.array(v.string()),
  concurrency: v.number(),
  startedAt: v.number(),
  leaseMs: v.number(),
  /** Milliseconds since its last heartbeat, on the database server's clock. */
  heartbeatAgeMs: v.number(),
  /** `silent`: no heartbeat for longer than its lease (the next worker's reaper retries its steps). */
  state: v.picklist(["live", "silent", "stopped"]),
  /** Milliseconds since it stopped or was reaped; absent unless `stopped`. */
  stoppedAgoMs: v.optional(v.number()),
  steps: v.array(WorkerStepSchema),
});
export type WorkerSummary = v.InferOutput<typeof WorkerSummarySchema>;

/** `workers --json`: the live workers and those stopped or silent within the last hour, oldest first. */
export const WorkersOutputSchema = v.object({ workers: v.array(WorkerSummarySchema) });

/** `pools --json`: each pool's limit and how many of its steps run now, across every worker. */
export const PoolsOutputSchema = v.object({
  pools: v.array(v.object({ name: v.string(), limit: v.number(), running: v.number() })),
});
export type PoolsOutput = v.InferOutput<typeof PoolsOutputSchema>;
