/**
 * The workers of a store, for `assetline workers`: the live ones with their heartbeats and the steps they run, and
 * those that stopped (or were reaped as lost) within `recentMs`.
 */
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
  /** Milliseconds since it stopped or was reaped; absent while it runs. */
  stoppedAgoMs?: number;
  steps: { runId: string; stepId: string; attempt: number; startedAt: number }[];
}

/**
 * `queryable`: the store's pool or a client, with `search_path` on the store's schema. Without `recentMs`, only the
 * workers not stopped; with it, also those stopped within it, and none silent for longer (a worker killed while no
 * other ran is never reaped).
 */
export async function listWorkers(queryable: Pick<PoolClient, "query">, recentMs?: number): Promise<WorkerInfo[]> {
  const { rows } = await queryable.query<{
    id: string;
    host: string;
    pid: number;
    queues: string;
    concurrency: number;
    started_at: string;
    lease_ms: number;
    age: string;
    stopped_ago: string | null;
    steps: { runId: string; stepId: string; attempt: number; startedAt: number }[] | null;
  }>(
    `SELECT w.id, w.host, w.pid, w.queues, w.concurrency, w.started_at, w.lease_ms, ${NOW_MS} - w.heartbeat_at AS age,
       ${NOW_MS} - w.stopped_at AS stopped_ago,
       (SELECT json_agg(json_build_object('runId', a.run_id, 'stepId', a.step_id, 'attempt', a.attempt,
          'startedAt', a.started_at) ORDER BY a.started_at)
        FROM step_attempts a WHERE a.worker_id = w.id AND a.outcome IS NULL) AS steps
     FROM workers w
     WHERE ${recentMs === undefined ? "w.stopped_at IS NULL" : `(w.stopped_at IS NULL AND w.heartbeat_at > ${NOW_MS} - $1) OR w.stopped_at > ${NOW_MS} - $1`}
     ORDER BY w.started_at`,
    recentMs === undefined ? [] : [recentMs],
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
    ...(row.stopped_ago !== null && { stoppedAgoMs: Number(row.stopped_ago) }),
    steps: row.steps ?? [],
  }));
}
