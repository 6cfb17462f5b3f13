/** A queued run's bookkeeping shared by completions, cancels and the reaper: skips, and the run's end. */
import { jobsSchema, type QueueTx, STEP_TASK } from "./queueTx";

export interface SkippedStep {
  stepId: string;
  reason: string;
}

export interface RunFinish {
  status: "success" | "failed" | "cancelled";
  succeeded: number;
  failed: number;
  skipped: number;
}

/**
 * Skips the waiting steps downstream of `from`, breadth first as the local runner does: its dependents with
 * `firstReason`, theirs with "upstream … was skipped". The caller holds the run's row.
 */
export async function skipDownstream(
  tx: QueueTx,
  runId: string,
  from: string,
  firstReason: string,
): Promise<SkippedStep[]> {
  const { rows } = await tx.client.query<{ step_id: string; upstream_id: string; label: string; status: string }>(
    `SELECT e.step_id, e.upstream_id, s.label, s.status FROM run_step_upstream e
     JOIN run_steps s ON s.run_id = e.run_id AND s.step_id = e.step_id WHERE e.run_id = $1`,
    [runId],
  );
  const dependents = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = dependents.get(row.upstream_id);
    if (list) list.push(row);
    else dependents.set(row.upstream_id, [row]);
  }
  const queue: [(typeof rows)[number], string][] = (dependents.get(from) ?? []).map((row) => [row, firstReason]);
  const skipped: SkippedStep[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < queue.length; i++) {
    const [step, reason] = queue[i]!;
    if (seen.has(step.step_id) || step.status !== "waiting") continue;
    seen.add(step.step_id);
    skipped.push({ stepId: step.step_id, reason });
    for (const next of dependents.get(step.step_id) ?? []) queue.push([next, `upstream ${step.label} was skipped`]);
  }
  if (skipped.length > 0) {
    await tx.client.query(
      `UPDATE run_steps s SET status = 'skipped', reason = k.reason
       FROM json_to_recordset($2::json) AS k("stepId" text, reason text)
       WHERE s.run_id = $1 AND s.step_id = k."stepId"`,
      [runId, JSON.stringify(skipped)],
    );
  }
  return skipped;
}

/**
 * Counts `ended` more steps of the run as ended, after counting down the dependents of the step that `succeeded`, if
 * one did, and adds the jobs of those it made ready (in the same round trip); when none is left, marks the run finished and says how it ended.
 * It locks the run's row and those dependents' to the commit: a completion calls it last.
 */
export async function endSteps(
  tx: QueueTx,
  runId: string,
  ended: number,
  succeeded?: string,
): Promise<{ ready: string[]; finished?: RunFinish }> {
  const { rows } = await tx.client.query<{ result: EndedSteps }>({
    name: "assetline_end_steps",
    text: "SELECT end_steps($1, $2, $3, $4, $5) AS result",
    values: [runId, ended, succeeded ?? null, await jobsSchema(tx), STEP_TASK],
  });
  const run = rows[0]!.result;
  const ready = run.ready.map(({ stepId }) => stepId);
  if (run.unfinished > 0) return { ready };
  return { ready, finished: await finish(tx, runId, run.status) };
}

/** What `end_steps` answers (stepFunctions.ts). */
interface EndedSteps {
  ready: { stepId: string; queue: string | null }[];
  unfinished: number;
  status: string;
}

/** The run's end, once its last step ended: how many steps did what, and its status. */
async function finish(tx: QueueTx, runId: string, runStatus: string): Promise<RunFinish> {
  const counts = await tx.client.query<{ status: string; n: number }>(
    "SELECT status, count(*)::integer AS n FROM run_steps WHERE run_id = $1 GROUP BY status",
    [runId],
  );
  const count = (status: string) => counts.rows.find((row) => row.status === status)?.n ?? 0;
  const failed = count("failed");
  const end: RunFinish = {
    status: runStatus === "cancelling" ? "cancelled" : failed > 0 ? "failed" : "success",
    succeeded: count("succeeded"),
    failed,
    skipped: count("skipped"),
  };
  await tx.client.query("UPDATE queued_runs SET status = 'finished', finished_status = $2 WHERE run_id = $1", [
    runId,
    end.status,
  ]);
  return end;
}
