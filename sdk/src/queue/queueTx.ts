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

/** Adds the jobs that start these attempts, in the caller's transaction (`add_jobs` is Graphile Worker's SQL). */
export async function addStepJobs(
  tx: QueueTx,
  jobs: readonly (StepJob & { queue: string | null; delayMs?: number })[],
): Promise<void> {
  if (jobs.length === 0) return;
  const schema = await queueSchema(tx);
  const specs = jobs.map((job) => ({
    identifier: stepTask(job.queue),
    payload: { runId: job.runId, stepId: job.stepId, attempt: job.attempt },
    delay_ms: Math.round(job.delayMs ?? 0),
  }));
  // Named, so each connection parses it once (a worker adds jobs at nearly every completion); its schema is in the name.
  await tx.client.query({
    name: `assetline_add_jobs/${schema}`,
    text: `SELECT count(*) FROM ${schema}.add_jobs(ARRAY(
       SELECT ROW(j.identifier, j.payload, NULL, now() + j.delay_ms * interval '1 millisecond', NULL, NULL, NULL, NULL)::${schema}.job_spec
       FROM json_to_recordset($1::json) AS j(identifier text, payload json, delay_ms integer)))`,
    values: [JSON.stringify(specs)],
  });
}

/** Unlocks the jobs a lost worker's job pool held and deletes those of its lost attempts (their steps move on). */
export async function dropLostJobs(tx: QueueTx, jobPools: readonly string[], jobIds: readonly number[]): Promise<void> {
  const schema = await queueSchema(tx);
  if (jobPools.length > 0) await tx.client.query(`SELECT ${schema}.force_unlock_workers($1::text[])`, [jobPools]);
  if (jobIds.length > 0) await tx.client.query(`SELECT count(*) FROM ${schema}.complete_jobs($1::bigint[])`, [jobIds]);
}
