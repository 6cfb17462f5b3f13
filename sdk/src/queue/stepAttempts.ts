/** Who ran each step attempt of some runs, for `assetline runs` and `logs`: the worker's host:pid and the outcome. */
import type { PoolClient } from "pg";
import { hasQueue } from "./hasQueue";

export interface StepAttempt {
  runId: string;
  stepId: string;
  /** Counts from 1. */
  attempt: number;
  /** `host:pid` of the worker that claimed it. */
  worker: string;
  startedAt: number;
  endedAt: number | null;
  /** Null while it runs. */
  outcome: "succeeded" | "failed" | "lost" | "cancelled" | null;
}

/** In start order; none for a store no queued run has used yet (its queue tables do not exist). */
export async function stepAttempts(
  queryable: Pick<PoolClient, "query">,
  runIds: readonly string[],
): Promise<StepAttempt[]> {
  if (runIds.length === 0 || !(await hasQueue(queryable))) return [];
  const { rows } = await queryable.query<{
    run_id: string;
    step_id: string;
    attempt: number;
    worker: string;
    started_at: string;
    ended_at: string | null;
    outcome: StepAttempt["outcome"];
  }>(
    `SELECT a.run_id, a.step_id, a.attempt, COALESCE(w.host || ':' || w.pid, a.worker_id) AS worker,
       a.started_at, a.ended_at, a.outcome
     FROM step_attempts a LEFT JOIN workers w ON w.id = a.worker_id
     WHERE a.run_id = ANY($1::text[]) ORDER BY a.started_at, a.step_id, a.attempt`,
    [runIds],
  );
  return rows.map((row) => ({
    runId: row.run_id,
    stepId: row.step_id,
    attempt: row.attempt,
    worker: row.worker,
    startedAt: Number(row.started_at),
    endedAt: row.ended_at === null ? null : Number(row.ended_at),
    outcome: row.outcome,
  }));
}
