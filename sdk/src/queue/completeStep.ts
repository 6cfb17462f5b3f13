/**
 * A step attempt's end, in the caller's transaction: refused unless the attempt is still the step's current one (a
 * worker whose lease was taken finds its attempt lost and its completion refused); otherwise recorded, and the run
 * moves on: the steps it made ready get their jobs, a failure with attempts left gets its next attempt, a failure
 * without skips everything downstream, and the run's last step finishes it.
 */
import { addStepJobs, NOW_MS, type QueueTx } from "./queueTx";
import { finishIfDone, type RunFinish, type SkippedStep, skipDownstream } from "./runProgress";

export interface StepOutcome {
  runId: string;
  stepId: string;
  attempt: number;
  /** The worker that ran the attempt: only its own completion (or the reaper's `lost`) is taken. */
  worker: string;
  status: "succeeded" | "failed" | "cancelled" | "lost";
  error?: string;
}

export type Completion =
  | { accepted: false; message: string }
  | {
      accepted: true;
      /** What became of the step: done, failed for good, or queued again as `retry.attempt`. */
      step: "succeeded" | "failed" | "retrying";
      retry?: { attempt: number; delayMs: number };
      /** Steps skipped because this one failed, with the local runner's reasons. */
      skipped: SkippedStep[];
      /** Steps whose last upstream this was: their jobs are added. */
      ready: string[];
      /** Present when this was the run's last step: the caller records `run_finished` in the same transaction. */
      finished?: RunFinish;
    };

export async function completeStep(tx: QueueTx, outcome: StepOutcome): Promise<Completion> {
  const { runId, stepId, attempt } = outcome;
  const run = (
    await tx.client.query<{ status: string }>("SELECT status FROM queued_runs WHERE run_id = $1 FOR UPDATE", [runId])
  ).rows[0];
  const step = (
    await tx.client.query<{
      status: string;
      attempt: number;
      worker_id: string | null;
      label: string;
      max_attempts: number;
      retry_delay_ms: number;
      queue: string | null;
    }>(
      "SELECT status, attempt, worker_id, label, max_attempts, retry_delay_ms, queue FROM run_steps WHERE run_id = $1 AND step_id = $2 FOR UPDATE",
      [runId, stepId],
    )
  ).rows[0];
  if (!run || !step || step.status !== "running" || step.attempt !== attempt || step.worker_id !== outcome.worker) {
    return {
      accepted: false,
      message: `attempt ${attempt} of step ${stepId} (run ${runId}) is no longer current: the step is ${step?.status ?? "unknown"} at attempt ${step?.attempt ?? 0}`,
    };
  }
  await tx.client.query(
    `UPDATE step_attempts SET outcome = $4, error = $5, ended_at = ${NOW_MS} WHERE run_id = $1 AND step_id = $2 AND attempt = $3`,
    [runId, stepId, attempt, outcome.status, outcome.error ?? null],
  );
  if (outcome.status === "succeeded") {
    await tx.client.query(
      "UPDATE run_steps SET status = 'succeeded', worker_id = NULL WHERE run_id = $1 AND step_id = $2",
      [runId, stepId],
    );
    const { rows } = await tx.client.query<{ step_id: string; status: string; queue: string | null }>(
      `UPDATE run_steps s SET waiting_on = s.waiting_on - 1, status = CASE WHEN s.waiting_on = 1 THEN 'queued' ELSE s.status END
       FROM run_step_upstream e
       WHERE e.run_id = $1 AND e.upstream_id = $2 AND s.run_id = $1 AND s.step_id = e.step_id AND s.status = 'waiting'
       RETURNING s.step_id, s.status, s.queue`,
      [runId, stepId],
    );
    const ready = rows.filter((row) => row.status === "queued");
    await addStepJobs(
      tx,
      ready.map((row) => ({ runId, stepId: row.step_id, attempt: 1, queue: row.queue })),
    );
    const finished = await finishIfDone(tx, runId, 1);
    return {
      accepted: true,
      step: "succeeded",
      skipped: [],
      ready: ready.map((row) => row.step_id),
      ...(finished && { finished }),
    };
  }
  const retryable = outcome.status === "failed" || outcome.status === "lost";
  if (retryable && run.status === "running" && attempt < step.max_attempts) {
    // A lost attempt was no fault of the step's: its next one starts at once.
    const delayMs = outcome.status === "lost" ? 0 : step.retry_delay_ms;
    await tx.client.query(
      "UPDATE run_steps SET status = 'queued', worker_id = NULL WHERE run_id = $1 AND step_id = $2",
      [runId, stepId],
    );
    await addStepJobs(tx, [{ runId, stepId, attempt: attempt + 1, queue: step.queue, delayMs }]);
    return { accepted: true, step: "retrying", retry: { attempt: attempt + 1, delayMs }, skipped: [], ready: [] };
  }
  await tx.client.query(
    "UPDATE run_steps SET status = 'failed', worker_id = NULL, reason = $3 WHERE run_id = $1 AND step_id = $2",
    [runId, stepId, outcome.error ?? outcome.status],
  );
  const skipped = await skipDownstream(tx, runId, stepId, `upstream ${step.label} failed`);
  const finished = await finishIfDone(tx, runId, 1 + skipped.length);
  return { accepted: true, step: "failed", skipped, ready: [], ...(finished && { finished }) };
}
