/**
 * Cancels a queued run in the caller's transaction: the run is `cancelling`, its steps not yet started are skipped
 * (claims of their jobs are refused), and `NOTIFY assetline_cancel` reaches the workers running its steps once the
 * transaction commits; each aborts its step, whose completion ends the run as cancelled.
 */
import type { QueueTx } from "./queueTx";
import { endSteps, type RunFinish, type SkippedStep } from "./runProgress";

export const CANCEL_CHANNEL = "assetline_cancel";

/** A cancel notification's payload: the store schema says which store's run it is (one channel per database). */
export interface CancelNotice {
  schema: string;
  runId: string;
}

/** Undefined when the run is not running (unknown, cancelled already or finished). */
export async function cancelRun(
  tx: QueueTx,
  runId: string,
): Promise<{ skipped: SkippedStep[]; finished?: RunFinish } | undefined> {
  const { rows } = await tx.client.query<{ status: string }>(
    "SELECT status FROM queued_runs WHERE run_id = $1 FOR UPDATE",
    [runId],
  );
  if (rows[0]?.status !== "running") return undefined;
  await tx.client.query("UPDATE queued_runs SET status = 'cancelling' WHERE run_id = $1", [runId]);
  const reason = "the run was cancelled before this step started";
  const skipped = await tx.client.query<{ step_id: string }>(
    `UPDATE run_steps SET status = 'skipped', reason = $2 WHERE run_id = $1 AND status IN ('waiting', 'queued')
     RETURNING step_id`,
    [runId, reason],
  );
  await tx.client.query("DELETE FROM slot_waiters WHERE run_id = $1", [runId]);
  await tx.client.query(
    `SELECT pg_notify('${CANCEL_CHANNEL}', json_build_object('schema', current_schema(), 'runId', $1::text)::text)`,
    [runId],
  );
  const { finished } = await endSteps(tx, runId, skipped.rows.length);
  return { skipped: skipped.rows.map((row) => ({ stepId: row.step_id, reason })), ...(finished && { finished }) };
}
