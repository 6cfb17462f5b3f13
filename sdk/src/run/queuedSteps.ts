/** A run's steps as the queue takes them, and what a queued run refuses to run on shared workers. */
import type { Repository } from "../define/repository";
import type { PlannedStep as QueuedStep } from "../queue";
import { upstreamLabel } from "./executor";
import { type ExecutionStep, isCheckStep } from "./plan";

/** One queue step per run step, with the same id, so a worker that plans the run again finds it by id. */
export function queuedSteps(steps: readonly ExecutionStep[]): QueuedStep[] {
  return steps.map((step) => {
    const policy = isCheckStep(step) ? undefined : step.definition.retryPolicy;
    const pool = isCheckStep(step) ? undefined : step.definition.pool;
    return {
      id: step.id,
      upstream: step.dependsOn,
      label: upstreamLabel(step),
      ...(pool !== undefined && { pool }),
      maxAttempts: Math.max(0, policy?.maxRetries ?? 0) + 1,
      ...(policy?.delayMs !== undefined && { retryDelayMs: policy.delayMs }),
    };
  });
}

/**
 * A `duckdb` value lives in one machine's warehouse file, which a step on another worker cannot read: the first asset
 * of the run stored so, as a sentence with the fix, or undefined.
 */
export function unsharedStorage(
  steps: readonly ExecutionStep[],
  repository: Repository,
  locate: (key: string) => string | undefined,
): string | undefined {
  for (const step of steps) {
    if (isCheckStep(step) || (step.definition.io ?? repository.io) !== "duckdb") continue;
    const key = step.assets[0]!;
    const where = locate(key);
    const how = step.definition.io === undefined ? "by its Definitions' default io" : 'with io: "duckdb"';
    return `asset "${key}"${where === undefined ? "" : ` (${where})`} is stored ${how}, in this machine's DuckDB warehouse, which workers on other machines cannot read: store it with io: "parquet" (shared through --storage) to run it with --executor queue.`;
  }
  return undefined;
}
