/**
 * A worker's claim of the attempt a job starts. The run's row, then the step's, then its pool's are locked (always in
 * that order, so claims and completions never deadlock): a job for a cancelled run or an attempt that is no longer
 * next is dropped, and a step that finds its run's or its pool's slots all taken is re-added a little later.
 */
import { addStepJobs, NOW_MS, type QueueTx, type StepJob } from "./queueTx";

export interface ClaimedStep {
  runId: string;
  stepId: string;
  label: string;
  attempt: number;
  maxAttempts: number;
  pool: string | null;
}

export type Claim =
  | { claimed: true; step: ClaimedStep }
  | { claimed: false; why: "cancelled" | "superseded" | "no slot"; message: string };

/** How long a step that found no free slot waits before its job is tried again (spread, so waiters do not align). */
const NO_SLOT_DELAY_MS = 200;

export async function claimStep(
  tx: QueueTx,
  job: StepJob & { jobId?: string | number },
  worker: string,
): Promise<Claim> {
  const run = (
    await tx.client.query<{ status: string; concurrency: number }>(
      "SELECT status, concurrency FROM queued_runs WHERE run_id = $1 FOR UPDATE",
      [job.runId],
    )
  ).rows[0];
  if (run?.status !== "running") {
    return { claimed: false, why: "cancelled", message: `run ${job.runId} is ${run?.status ?? "not queued"}` };
  }
  const step = (
    await tx.client.query<{
      status: string;
      attempt: number;
      label: string;
      max_attempts: number;
      pool: string | null;
      queue: string | null;
    }>(
      "SELECT status, attempt, label, max_attempts, pool, queue FROM run_steps WHERE run_id = $1 AND step_id = $2 FOR UPDATE",
      [job.runId, job.stepId],
    )
  ).rows[0];
  if (step?.status !== "queued" || step.attempt !== job.attempt - 1) {
    return {
      claimed: false,
      why: "superseded",
      message: `step ${job.stepId} is ${step?.status ?? "unknown"} at attempt ${step?.attempt ?? 0}, not waiting for attempt ${job.attempt}`,
    };
  }
  const full = await noSlot(tx, job.runId, run.concurrency, step.pool);
  if (full) {
    await addStepJobs(tx, [{ ...job, queue: step.queue, delayMs: NO_SLOT_DELAY_MS * (1 + Math.random()) }]);
    return { claimed: false, why: "no slot", message: full };
  }
  await tx.client.query(
    "UPDATE run_steps SET status = 'running', attempt = $3, worker_id = $4 WHERE run_id = $1 AND step_id = $2",
    [job.runId, job.stepId, job.attempt, worker],
  );
  await tx.client.query(
    `INSERT INTO step_attempts (run_id, step_id, attempt, worker_id, job_id, started_at) VALUES ($1, $2, $3, $4, $5, ${NOW_MS})`,
    [job.runId, job.stepId, job.attempt, worker, job.jobId ?? null],
  );
  return {
    claimed: true,
    step: {
      runId: job.runId,
      stepId: job.stepId,
      label: step.label,
      attempt: job.attempt,
      maxAttempts: step.max_attempts,
      pool: step.pool,
    },
  };
}

/** Why the step may not start now (its run's or its pool's slots are all taken), or undefined. */
async function noSlot(
  tx: QueueTx,
  runId: string,
  concurrency: number,
  pool: string | null,
): Promise<string | undefined> {
  if (concurrency > 0) {
    const { rows } = await tx.client.query<{ running: number }>(
      "SELECT count(*)::integer AS running FROM run_steps WHERE run_id = $1 AND status = 'running'",
      [runId],
    );
    if (rows[0]!.running >= concurrency) return `run ${runId} runs ${concurrency} steps already`;
  }
  if (pool === null) return undefined;
  // The pool's row is the lock: a claim counts its running steps only once the previous claim has committed.
  const limit = (await tx.client.query<{ slots: number }>("SELECT slots FROM pools WHERE name = $1 FOR UPDATE", [pool]))
    .rows[0];
  if (!limit) return undefined;
  const { rows } = await tx.client.query<{ running: number }>(
    "SELECT count(*)::integer AS running FROM run_steps WHERE pool = $1 AND status = 'running'",
    [pool],
  );
  return rows[0]!.running >= limit.slots ? `pool ${pool} runs ${limit.slots} steps already` : undefined;
}
