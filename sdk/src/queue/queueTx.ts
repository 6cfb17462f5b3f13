/**
 * What every queue function takes: a client inside the caller's transaction, with `search_path` set to the store's
 * schema (a `PgTransaction` of the PostgreSQL store is one), so a caller composes several calls, and its own writes,
 * into one commit.
 */
import type { PoolClient } from "pg";

export interface QueueTx {
  client: Pick<PoolClient, "query">;
}

/** Now, in epoch milliseconds of the server's clock: every worker's heartbeat is compared on one clock. */
export const NOW_MS = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

/** Graphile Worker's schema beside a store's: each store schema has its own queue, dropped with it in tests. */
export function workerSchema(storeSchema: string): string {
  return `${storeSchema}_worker`;
}

/** The task that runs a step; a step of a named queue is its own task, which only workers serving it know. */
export const STEP_TASK = "assetline_step";

export function stepTask(queue: string | null | undefined): string {
  return queue ? `${STEP_TASK}:${queue}` : STEP_TASK;
}

/** A step job's payload: which attempt of which step it starts. */
export interface StepJob {
  runId: string;
  stepId: string;
  attempt: number;
}

const workerSchemas = new WeakMap<object, string>();

/** The Graphile Worker schema of the store the client's `search_path` names (asked once per client). */
export async function jobsSchema(tx: QueueTx): Promise<string> {
  let schema = workerSchemas.get(tx.client);
  if (!schema) {
    const { rows } = await tx.client.query<{ schema: string }>("SELECT current_schema() AS schema");
    schema = workerSchema(rows[0]!.schema);
    workerSchemas.set(tx.client, schema);
  }
  return schema;
}

/** The same, quoted for SQL. */
async function queueSchema(tx: QueueTx): Promise<string> {
  return `"${(await jobsSchema(tx)).replaceAll('"', '""')}"`;
}

/**
 * Adds the jobs that start these attempts, in the caller's transaction: `add_step_jobs` (stepFunctions.ts), the one
 * place that calls Graphile Worker's `add_jobs`, also for the jobs the server functions add themselves.
 */
export async function addStepJobs(
  tx: QueueTx,
  jobs: readonly (StepJob & { queue: string | null; delayMs?: number })[],
): Promise<void> {
  if (jobs.length === 0) return;
  const specs = jobs.map(({ runId, stepId, attempt, queue, delayMs }) => ({
    runId,
    stepId,
    attempt,
    queue,
    delayMs: Math.round(delayMs ?? 0),
  }));
  await tx.client.query({
    name: "assetline_add_step_jobs",
    text: "SELECT add_step_jobs($1, $2, $3)",
    values: [JSON.stringify(specs), await jobsSchema(tx), STEP_TASK],
  });
}

/** Unlocks the jobs a lost worker's job pool held and deletes those of its lost attempts (their steps move on). */
export async function dropLostJobs(tx: QueueTx, jobPools: readonly string[], jobIds: readonly number[]): Promise<void> {
  const schema = await queueSchema(tx);
  if (jobPools.length > 0) await tx.client.query(`SELECT ${schema}.force_unlock_workers($1::text[])`, [jobPools]);
  if (jobIds.length > 0) await tx.client.query(`SELECT count(*) FROM ${schema}.complete_jobs($1::bigint[])`, [jobIds]);
}
