/** Records a run's steps for the queue and adds the jobs of those with no upstream in the run. */
import { addStepJobs, type QueueTx } from "./queueTx";

export interface PlannedStep {
  id: string;
  /** The steps of the same run it waits for. */
  upstream: readonly string[];
  /** How skip reasons name it (the local runner names a step by its assets); its id when not given. */
  label?: string;
  /** A pool whose `pools.slots` limit the steps running at once across runs and workers. */
  pool?: string;
  /** Only workers serving this queue take it (the default queue when not given). */
  queue?: string;
  /** Attempts before the step fails (a lost worker's attempt counts); at least 1. */
  maxAttempts: number;
  /** Wait before a failed attempt's next one. */
  retryDelayMs?: number;
}

export interface RunPlan {
  runId: string;
  steps: readonly PlannedStep[];
  /** Steps of this run running at once, across workers; 0 or absent: no limit. */
  concurrency?: number;
  /** The definitions' pool limits (steps at once per pool, across runs): the latest run's limits hold. */
  pools?: Readonly<Record<string, number>>;
}

/** Returns the ids of the steps it queued (those with no upstream); throws on an upstream outside the plan. */
export async function enqueueRun(tx: QueueTx, plan: RunPlan): Promise<string[]> {
  const ids = new Set(plan.steps.map((step) => step.id));
  for (const step of plan.steps)
    for (const upstream of step.upstream)
      if (!ids.has(upstream))
        throw new Error(`step ${step.id} of run ${plan.runId} waits for ${upstream}, which is not in the run`);
  const pools = Object.entries(plan.pools ?? {}).map(([name, slots]) => ({
    name,
    slots: Math.max(1, Math.floor(slots)),
  }));
  if (pools.length > 0) {
    await tx.client.query(
      `INSERT INTO pools (name, slots) SELECT p.name, p.slots FROM json_to_recordset($1::json) AS p(name text, slots integer)
       ON CONFLICT (name) DO UPDATE SET slots = excluded.slots`,
      [JSON.stringify(pools)],
    );
  }
  await tx.client.query(
    "INSERT INTO queued_runs (run_id, concurrency, status, unfinished) VALUES ($1, $2, 'running', $3)",
    [plan.runId, Math.max(0, Math.floor(plan.concurrency ?? 0)), plan.steps.length],
  );
  const rows = plan.steps.map((step) => ({
    step_id: step.id,
    label: step.label ?? step.id,
    pool: step.pool ?? null,
    queue: step.queue ?? null,
    status: step.upstream.length === 0 ? "queued" : "waiting",
    waiting_on: new Set(step.upstream).size,
    max_attempts: Math.max(1, Math.floor(step.maxAttempts)),
    retry_delay_ms: Math.max(0, Math.round(step.retryDelayMs ?? 0)),
  }));
  await tx.client.query(
    `INSERT INTO run_steps (run_id, step_id, label, pool, queue, status, waiting_on, max_attempts, retry_delay_ms)
     SELECT $1, s.step_id, s.label, s.pool, s.queue, s.status, s.waiting_on, s.max_attempts, s.retry_delay_ms
     FROM json_to_recordset($2::json) AS s(step_id text, label text, pool text, queue text, status text,
       waiting_on integer, max_attempts integer, retry_delay_ms integer)`,
    [plan.runId, JSON.stringify(rows)],
  );
  const edges = plan.steps.flatMap((step) => [...new Set(step.upstream)].map((upstream) => [step.id, upstream]));
  await tx.client.query(
    `INSERT INTO run_step_upstream (run_id, step_id, upstream_id)
     SELECT $1, e->>0, e->>1 FROM json_array_elements($2::json) AS e`,
    [plan.runId, JSON.stringify(edges)],
  );
  const first = plan.steps.filter((step) => step.upstream.length === 0);
  await addStepJobs(
    tx,
    first.map((step) => ({ runId: plan.runId, stepId: step.id, attempt: 1, queue: step.queue ?? null })),
  );
  return first.map((step) => step.id);
}
