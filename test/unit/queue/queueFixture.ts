/** A store schema with its queue migrated, a pool on it, and a look at Graphile Worker's jobs, for the queue's tests. */
import type { Pool } from "pg";
import { afterEach } from "vitest";
import { migrateQueue } from "../../../sdk/src/queue/migrateQueue";
import { inTransaction, openQueuePool } from "../../../sdk/src/queue/queuePool";
import type { QueueTx, StepJob } from "../../../sdk/src/queue/queueTx";
import type { PostgresLocation } from "../../../sdk/src/store/postgres/migratePostgres";
import { parseStoreLocation } from "../../../sdk/src/store/postgres/storeUrl";
import { usePgSchemas } from "../store/postgres/pgSchema";

export interface QueueFixture {
  url: string;
  schema: string;
  location: PostgresLocation;
  pool: Pool;
  tx<T>(fn: (tx: QueueTx) => Promise<T>): Promise<T>;
  /** The step jobs waiting in Graphile Worker's queue (not locked), in order. */
  jobs(): Promise<(StepJob & { task: string; delayed: boolean })[]>;
}

export function useQueue(): () => Promise<QueueFixture> {
  const pg = usePgSchemas();
  const pools: Pool[] = [];
  afterEach(async () => {
    for (const pool of pools.splice(0)) await pool.end();
  });
  return async () => {
    const { schema, url } = pg.fresh();
    const location = parseStoreLocation(url);
    if (location.kind !== "postgres") throw new Error("not a postgres URL");
    const pool = await openQueuePool(location, 8);
    pools.push(pool);
    await migrateQueue(location, pool);
    return {
      url,
      schema,
      location,
      pool,
      tx: (fn) => inTransaction(pool, fn),
      async jobs() {
        const { rows } = await pool.query<{ task_identifier: string; payload: StepJob; delayed: boolean }>(
          `SELECT t.identifier AS task_identifier, j.payload, j.run_at > now() AS delayed
           FROM "${schema}_worker"._private_jobs j JOIN "${schema}_worker"._private_tasks t ON t.id = j.task_id
           WHERE j.locked_at IS NULL ORDER BY j.id`,
        );
        return rows.map((row) => ({ ...row.payload, task: row.task_identifier, delayed: row.delayed }));
      },
    };
  };
}

/**
 * Polls `read` until it answers: processes are waited for by what they did, never by a sleep. Generous: worker
 * processes share two cores with the rest of the suite, which vitest runs beside them.
 */
export async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
