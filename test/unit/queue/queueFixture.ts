/**
 * A store schema with its queue migrated, a pool on it, and a look at Graphile Worker's jobs, for the queue's tests;
 * worker processes on it, killed after each test.
 */
import type { ChildProcess } from "node:child_process";
import type { Pool } from "pg";
import { afterAll, afterEach, beforeAll } from "vitest";
import { migrateQueue } from "../../../sdk/src/queue/migrateQueue";
import { inTransaction, openQueuePool } from "../../../sdk/src/queue/queuePool";
import type { QueueTx, StepJob } from "../../../sdk/src/queue/queueTx";
import type { PostgresLocation } from "../../../sdk/src/store/postgres/migratePostgres";
import { parseStoreLocation } from "../../../sdk/src/store/postgres/storeUrl";
import { usePgSchemas } from "../store/postgres/pgSchema";
import { bundleWorkerChild, createTestLog, spawnWorker, type WorkerChildBundle } from "./workerProcesses";

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

/** A fresh queue with the test_log its worker processes write. */
export function useQueueWithLog(): () => Promise<QueueFixture> {
  const openQueue = useQueue();
  return async () => {
    const queue = await openQueue();
    await createTestLog(queue.pool);
    return queue;
  };
}

export interface WorkerProcesses {
  /** Starts a worker process on the store and resolves once it takes work. */
  start(url: string, concurrency?: number, stepMs?: number): Promise<ChildProcess>;
}

/** Worker processes (workerChild.ts) with the given lease, each killed with -9 after its test. */
export function useWorkerProcesses(leaseMs: number): WorkerProcesses {
  let bundle: WorkerChildBundle | undefined;
  const started: ChildProcess[] = [];
  beforeAll(async () => {
    bundle = await bundleWorkerChild();
  });
  afterEach(() => {
    for (const worker of started.splice(0)) worker.kill("SIGKILL");
  });
  afterAll(() => bundle?.dispose());
  return {
    async start(url, concurrency = 2, stepMs) {
      if (!bundle) throw new Error("the worker child is not bundled (see the set-up's error)");
      const worker = await spawnWorker(bundle, url, { concurrency, leaseMs, ...(stepMs !== undefined && { stepMs }) });
      started.push(worker);
      return worker;
    },
  };
}
