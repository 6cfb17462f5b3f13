/**
 * A worker's claim of the attempt a job starts (`claim_step` on the server, stepFunctions.ts): a job for a cancelled
 * run or an attempt that is no longer next is dropped, and a step that finds its run's or its pool's slots all taken
 * waits, without a job, until a completion frees one. One statement: a worker claims outside a transaction.
 */
import type { QueueTx, StepJob } from "./queueTx";

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

/** What `claim_step` answers. */
type ClaimResult =
  | { claimed: true; label: string; maxAttempts: number; pool: string | null }
  | { claimed: false; why: "cancelled" | "superseded" | "no slot"; message: string };

export async function claimStep(
  tx: QueueTx,
  job: StepJob & { jobId?: string | number },
  worker: string,
): Promise<Claim> {
  const { rows } = await tx.client.query<{ result: ClaimResult }>({
    name: "assetline_claim_step",
    text: "SELECT claim_step($1, $2, $3, $4, $5) AS result",
    values: [job.runId, job.stepId, job.attempt, worker, job.jobId ?? null],
  });
  const result = rows[0]!.result;
  if (!result.claimed) return result;
  const { label, maxAttempts, pool } = result;
  return {
    claimed: true,
    step: { runId: job.runId, stepId: job.stepId, label, attempt: job.attempt, maxAttempts, pool },
  };
}
