/**
 * A store schema of its own on the test database for each measurement, its queue migrated and the test_log the
 * queue's worker processes write, dropped after (test/unit/store/postgres/testDatabase.ts names it).
 */
import type { ChildProcess } from "node:child_process";
import type { Pool } from "pg";
import { enqueueRun, type PlannedStep } from "../../sdk/src/queue/enqueueRun";
import { migrateQueue } from "../../sdk/src/queue/migrateQueue";
import { inTransaction, openQueuePool } from "../../sdk/src/queue/queuePool";
import type { PostgresLocation } from "../../sdk/src/store/postgres/migratePostgres";
import { parseStoreLocation } from "../../sdk/src/store/postgres/storeUrl";
import { dropTestSchema, newTestSchema } from "../../test/unit/store/postgres/testDatabase";
import { createTestLog, runFinished, spawnWorker, type WorkerChildBundle } from "../../test/unit/queue/workerProcesses";

export interface QueueSchema {
  url: string;
  location: PostgresLocation;
  pool: Pool;
}

export async function withQueueSchema<T>(clients: number, measure: (queue: QueueSchema) => Promise<T>): Promise<T> {
  const { schema, url } = newTestSchema();
  const location = parseStoreLocation(url);
  if (location.kind !== "postgres") throw new Error(`not a postgres URL: ${url}`);
  const pool = await openQueuePool(location, clients);
  try {
    await migrateQueue(location, pool);
    await createTestLog(pool);
    return await measure({ url, location, pool });
  } finally {
    await pool.end();
    await dropTestSchema(schema);
  }
}

/**
 * Milliseconds from enqueueing `steps` as one run to its end, for each of `runs` runs one after another, over
 * `workers` worker processes started first: a store with warm workers, as a team's is (a schema made anew for each
 * run would measure PostgreSQL's catalog churn too).
 */
export async function timeQueuedRuns(
  bundle: WorkerChildBundle,
  steps: readonly PlannedStep[],
  options: { workers: number; concurrency: number; stepMs: number; runs: number },
): Promise<number[]> {
  return withQueueSchema(2, async (queue) => {
    const started: ChildProcess[] = [];
    try {
      for (let i = 0; i < options.workers; i++)
        started.push(
          await spawnWorker(bundle, queue.url, {
            concurrency: options.concurrency,
            leaseMs: 30_000,
            stepMs: options.stepMs,
          }),
        );
      const times: number[] = [];
      for (let run = 1; run <= options.runs; run++) {
        const runId = `bench-${run}`;
        const at = performance.now();
        await inTransaction(queue.pool, (tx) => enqueueRun(tx, { runId, steps }));
        const status = await runFinished(queue.pool, runId, 300_000);
        if (status !== "success") throw new Error(`the benchmark's run ${runId} ended ${status}`);
        times.push(performance.now() - at);
      }
      return times;
    } finally {
      for (const worker of started) worker.kill("SIGKILL");
    }
  });
}
