/**
 * What a worker records of its steps, so that `assetline runs`, `logs` and `status` show a queued run as a local one:
 * `step_started` and logs at once; the attempt's materializations, check evaluations and end held until the queue
 * accepts its completion, then recorded in that transaction (a killed attempt leaves no materialization), with the
 * skips it caused and the run's end when it was the last.
 */
import type { RunFinish, StepEnd, StepOutcome } from "../queue";
import type { PlannedStep, RunEvent, StepAttempt, StepError } from "../protocol";
import { attemptKey } from "../protocol";
import { stepFields } from "../run/executor";
import type { PgTransaction } from "../store/postgres/pgStore";

/** Recorded as they come: what a person following the run wants to see while the step runs. */
const AT_ONCE = new Set<RunEvent["type"]>(["step_started", "log"]);

export class StepRecords {
  private readonly held = new Map<string, RunEvent[]>();
  /** Each run's planned steps (from its `run_started`), for the events of steps this worker never ran. */
  private readonly plans = new Map<string, Map<string, PlannedStep>>();

  /** The attempts whose held events a transaction records, forgotten once it commits. */
  private readonly consumed = new WeakMap<PgTransaction, string[]>();

  constructor(private readonly recordNow: (event: RunEvent) => void) {}

  /** After a transaction committed: the held events it recorded are no longer kept. */
  committed(tx: PgTransaction): void {
    for (const key of this.consumed.get(tx) ?? []) this.held.delete(key);
  }

  /** An event of an attempt this worker runs. */
  add(attempt: StepAttempt, event: RunEvent): void {
    const key = attemptKey(attempt);
    const list = this.held.get(key);
    if (AT_ONCE.has(event.type)) this.recordNow(event);
    else if (list) list.push(event);
    else this.held.set(key, [event]);
  }

  /** In the completion's transaction: the attempt's held events, its end in the local executor's words, its skips. */
  async completed(tx: PgTransaction, outcome: StepOutcome, completion: StepEnd): Promise<void> {
    const { runId, stepId } = outcome;
    const key = attemptKey(outcome);
    const held = this.held.get(key) ?? [];
    // Kept until the transaction commits: a completion retried after a rollback records them again.
    this.consumed.set(tx, [...(this.consumed.get(tx) ?? []), key]);
    const events: RunEvent[] = held.filter((event) => event.type !== "step_failed");
    if (outcome.status !== "succeeded") {
      const failed = held.find((event) => event.type === "step_failed");
      const error: StepError = failed?.type === "step_failed" ? failed.error : { message: failure(outcome) };
      const fields =
        failed?.type === "step_failed"
          ? stepFieldsOf(failed)
          : stepFields(runId, await this.planned(tx, runId, stepId));
      events.push(
        completion.step === "retrying" && completion.retry
          ? {
              type: "step_retrying",
              ...fields,
              attempt: completion.retry.attempt - 1,
              delayMs: completion.retry.delayMs,
              error,
              timestamp: Date.now(),
            }
          : { type: "step_failed", ...fields, error, timestamp: Date.now() },
      );
    }
    for (const skipped of completion.skipped)
      events.push({
        type: "step_skipped",
        ...stepFields(runId, await this.planned(tx, runId, skipped.stepId)),
        reason: skipped.reason,
        timestamp: Date.now(),
      });
    await tx.record(events);
  }

  /** In the same transaction, when the run's last step ended: the run's end as the local executor records it. */
  async runFinished(tx: PgTransaction, runId: string, finish: RunFinish): Promise<void> {
    await tx.record([await runFinished(tx, runId, finish)]);
    this.plans.delete(runId);
  }

  /** A step as its run planned it; one with no recorded plan is named by its id alone. */
  private async planned(tx: PgTransaction, runId: string, stepId: string): Promise<PlannedStep> {
    let plan = this.plans.get(runId);
    if (!plan) {
      const { rows } = await tx.client.query<{ body: string }>(
        "SELECT body FROM events WHERE run_id = $1 ORDER BY id",
        [runId],
      );
      const started = rows
        .flatMap((row) => JSON.parse(row.body) as RunEvent[])
        .find((event) => event.type === "run_started");
      plan = new Map(started?.type === "run_started" ? started.plan.map((step) => [step.id, step]) : []);
      this.plans.set(runId, plan);
    }
    return plan.get(stepId) ?? { id: stepId, assets: [], dependsOn: [] };
  }
}

/** The step's own fields of a step event (the ones `stepFields` makes). */
function stepFieldsOf({ runId, stepId, assets, partitions, checks }: Extract<RunEvent, { type: "step_failed" }>) {
  return { runId, stepId, assets, ...(partitions && { partitions }), ...(checks && { checks }) };
}

/** Why an attempt that sent no `step_failed` ended: no user code ran, or its process or worker was lost. */
function failure(outcome: StepOutcome): string {
  if (outcome.status === "lost") return `the worker running attempt ${outcome.attempt} was lost (no heartbeat)`;
  return outcome.error ?? `attempt ${outcome.attempt} was ${outcome.status}`;
}

/** The run's end as the local executor records it, timed from the run's start as recorded. */
async function runFinished(tx: PgTransaction, runId: string, finish: RunFinish): Promise<RunEvent> {
  const { rows } = await tx.client.query<{ started_at: string }>("SELECT started_at FROM runs WHERE id = $1", [runId]);
  const now = Date.now();
  return {
    type: "run_finished",
    runId,
    status: finish.status,
    durationMs: rows[0] ? Math.max(0, now - Number(rows[0].started_at)) : 0,
    succeeded: finish.succeeded,
    failed: finish.failed,
    skipped: finish.skipped,
    timestamp: now,
  };
}
