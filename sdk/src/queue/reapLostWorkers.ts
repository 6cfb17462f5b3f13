/**
 * Liveness from heartbeats, not pids: any worker may reap another whose heartbeat is older than its lease. Its
 * running attempts are `lost` (each step gets its next attempt, counted against its maximum, or fails), the jobs its
 * Graphile Worker pool held are unlocked (Graphile Worker itself would wait 4 hours) and the lost attempts' jobs
 * deleted, so only the new attempts run. A reaped worker that comes back finds its completions refused.
 */
import { type Completion, type CompletionRecorder, completeStep, type StepOutcome } from "./completeStep";
import { dropLostJobs, NOW_MS, type QueueTx } from "./queueTx";

export interface Reaped {
  workers: string[];
  /** Each lost attempt and what became of its step (the caller records failures, skips and finished runs). */
  attempts: { outcome: StepOutcome; completion: Completion }[];
}

/** `record` says what the caller records of each lost attempt, in this transaction. */
export async function reapLostWorkers(
  tx: QueueTx,
  record?: (outcome: StepOutcome) => CompletionRecorder,
): Promise<Reaped> {
  // SKIP LOCKED: two workers reaping at once take different silent workers, neither waits for the other.
  const lost = await tx.client.query<{
    id: string;
    host: string;
    pid: number;
    lease_ms: number;
    job_pool: string | null;
  }>(
    `UPDATE workers SET stopped_at = ${NOW_MS} WHERE id IN (
       SELECT id FROM workers WHERE stopped_at IS NULL AND heartbeat_at < ${NOW_MS} - lease_ms FOR UPDATE SKIP LOCKED)
     RETURNING id, host, pid, lease_ms, job_pool`,
  );
  if (lost.rows.length === 0) return { workers: [], attempts: [] };
  const byId = new Map(lost.rows.map((row) => [row.id, row]));
  const running = await tx.client.query<{
    run_id: string;
    step_id: string;
    attempt: number;
    worker_id: string;
    job_id: string | null;
  }>(
    `SELECT run_id, step_id, attempt, worker_id, job_id FROM step_attempts
     WHERE worker_id = ANY($1::text[]) AND outcome IS NULL ORDER BY run_id, step_id`,
    [[...byId.keys()]],
  );
  await dropLostJobs(
    tx,
    lost.rows.flatMap((row) => (row.job_pool ? [row.job_pool] : [])),
    running.rows.flatMap((row) => (row.job_id ? [Number(row.job_id)] : [])),
  );
  const attempts: Reaped["attempts"] = [];
  for (const row of running.rows) {
    const worker = byId.get(row.worker_id)!;
    const outcome: StepOutcome = {
      runId: row.run_id,
      stepId: row.step_id,
      attempt: row.attempt,
      worker: row.worker_id,
      status: "lost",
      error: `worker ${worker.id} (pid ${worker.pid} on ${worker.host}) stopped answering: no heartbeat for more than its lease of ${worker.lease_ms} ms`,
    };
    attempts.push({ outcome, completion: await completeStep(tx, outcome, record?.(outcome)) });
  }
  return { workers: [...byId.keys()], attempts };
}
