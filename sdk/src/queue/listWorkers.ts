/** The live workers of a store, for `assetline workers`: their heartbeats and the steps they run. */
import type { PoolClient } from "pg";
import { NOW_MS } from "./queueTx";

export interface WorkerInfo {
  id: string;
  host: string;
  pid: number;
  queues: string[];
  concurrency: number;
  startedAt: number;
  leaseMs: number;
  /** Milliseconds since its last heartbeat, on the server's clock; beyond `leaseMs` it is about to be reaped. */
  heartbeatAgeMs: number;
  steps: { runId: string; stepId: string; attempt: number; startedAt: number }[];
}

/** `queryable`: the store's pool or a client, with `search_path` on the store's schema. */
export async function listWorkers(queryable: Pick<PoolClient, "query">): Promise<WorkerInfo[]> {
  const { rows } = await queryable.query<{
    id: string;
    host: string;
    pid: number;
    queues: string;
    concurrency: number;
    started_at: string;
    lease_ms: number;
    age: string;
    steps: { runId: string; stepId: string; attempt: number; startedAt: number }[] | null;
  }>(
    `SELECT w.id, w.host, w.pid, w.queues, w.concurrency, w.started_at, w.lease_ms, ${NOW_MS} - w.heartbeat_at AS age,
       (SELECT json_agg(json_build_object('runId', a.run_id, 'stepId', a.step_id, 'attempt', a.attempt,
          'startedAt', a.started_at) ORDER BY a.started_at)
        FROM step_attempts a WHERE a.worker_id = w.id AND a.outcome IS NULL) AS steps
     FROM workers w WHERE w.stopped_at IS NULL ORDER BY w.started_at`,
  );
  return rows.map((row) => ({
    id: row.id,
    host: row.host,
    pid: row.pid,
    queues: JSON.parse(row.queues) as string[],
    concurrency: row.concurrency,
    startedAt: Number(row.started_at),
    leaseMs: row.lease_ms,
    heartbeatAgeMs: Number(row.age),
    steps: row.steps ?? [],
  }));
}
