/**
 * A step attempt's end, in the caller's transaction (`complete_step` on the server, stepFunctions.ts): refused unless
 * the attempt is still the step's current one (a worker whose lease was taken finds its attempt lost and its
 * completion refused); otherwise recorded, and the run moves on: the steps it made ready get their jobs, a failure
 * with attempts left gets its next attempt, a failure without skips everything downstream, and the run's last step
 * finishes it.
 */
import { addStepJobs, jobsSchema, type QueueTx, STEP_TASK } from "./queueTx";
import { endSteps, type RunFinish, type SkippedStep, skipDownstream } from "./runProgress";

export interface StepOutcome {
  runId: string;
  stepId: string;
  attempt: number;
  /** The worker that ran the attempt: only its own completion (or the reaper's `lost`) is taken. */
  worker: string;
  status: "succeeded" | "failed" | "cancelled" | "lost";
  error?: string;
}

/** An accepted completion: what became of the step, and of those downstream when it failed. */
export interface StepEnd {
  accepted: true;
  /** Done, failed for good, or queued again as `retry.attempt`. */
  step: "succeeded" | "failed" | "retrying";
  retry?: { attempt: number; delayMs: number };
  /** Steps skipped because this one failed, with the local runner's reasons. */
  skipped: SkippedStep[];
}

export type Completion =
  | { accepted: false; message: string }
  | (StepEnd & {
      /** Steps whose last upstream this was: their jobs are added. */
      ready: string[];
      /** Present when this was the run's last step. */
      finished?: RunFinish;
    });

/** What the caller records in the completion's transaction. */
export interface CompletionRecorder {
  /** The attempt's own records, before the run's row is counted (which ends the transaction but for the run's end). */
  step(end: StepEnd): Promise<void>;
  /** The run's end, when this was its last step. */
  runFinished(finish: RunFinish): Promise<void>;
}

/** What `complete_step` answers: an accepted failure comes with what its next attempt or its skips need. */
type CompleteResult = { accepted: false; message: string } | { accepted: true } | ({ accepted: true } & FailedStep);

interface FailedStep {
  runStatus: string;
  label: string;
  maxAttempts: number;
  retryDelayMs: number;
  queue: string | null;
}

export async function completeStep(
  tx: QueueTx,
  outcome: StepOutcome,
  recorder?: CompletionRecorder,
): Promise<Completion> {
  const { runId, stepId, attempt } = outcome;
  const { rows } = await tx.client.query<{ result: CompleteResult }>({
    name: "assetline_complete_step",
    text: "SELECT complete_step($1, $2, $3, $4, $5, $6, $7, $8) AS result",
    values: [
      runId,
      stepId,
      attempt,
      outcome.worker,
      outcome.status,
      outcome.error ?? null,
      await jobsSchema(tx),
      STEP_TASK,
    ],
  });
  const result = rows[0]!.result;
  if (!result.accepted) return result;
  const end: StepEnd =
    "runStatus" in result ? await failed(tx, outcome, result) : { accepted: true, step: "succeeded", skipped: [] };
  await recorder?.step(end);
  // A retried step has not ended: the run's row is not touched.
  if (end.step === "retrying") return { ...end, ready: [] };
  const succeeded = end.step === "succeeded" ? stepId : undefined;
  const { ready, finished } = await endSteps(tx, runId, 1 + end.skipped.length, succeeded);
  if (finished) await recorder?.runFinished(finished);
  return { ...end, ready, ...(finished && { finished }) };
}

async function failed(tx: QueueTx, outcome: StepOutcome, step: FailedStep): Promise<StepEnd> {
  const { runId, stepId, attempt } = outcome;
  const retryable = outcome.status === "failed" || outcome.status === "lost";
  if (retryable && step.runStatus === "running" && attempt < step.maxAttempts) {
    // A lost attempt was no fault of the step's: its next one starts at once.
    const delayMs = outcome.status === "lost" ? 0 : step.retryDelayMs;
    await tx.client.query(
      "UPDATE run_steps SET status = 'queued', worker_id = NULL WHERE run_id = $1 AND step_id = $2",
      [runId, stepId],
    );
    await addStepJobs(tx, [{ runId, stepId, attempt: attempt + 1, queue: step.queue, delayMs }]);
    return { accepted: true, step: "retrying", retry: { attempt: attempt + 1, delayMs }, skipped: [] };
  }
  await tx.client.query(
    "UPDATE run_steps SET status = 'failed', worker_id = NULL, reason = $3 WHERE run_id = $1 AND step_id = $2",
    [runId, stepId, outcome.error ?? outcome.status],
  );
  const skipped = await skipDownstream(tx, runId, stepId, `upstream ${step.label} failed`);
  return { accepted: true, step: "failed", skipped };
}
