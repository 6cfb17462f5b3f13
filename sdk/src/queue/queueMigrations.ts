/**
 * The queue's tables, PostgreSQL only: applied after the store's migrations under the same advisory lock
 * (`migratePostgres`), numbered in `queue_schema_version`. Times are epoch milliseconds from the server's clock, so
 * liveness never compares two machines' clocks.
 */
import type { MigrationList } from "../store/postgres/migratePostgres";
import { STEP_FUNCTIONS } from "./stepFunctions";

export const QUEUE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE queued_runs (
     run_id TEXT PRIMARY KEY, concurrency INTEGER NOT NULL, status TEXT NOT NULL,
     unfinished INTEGER NOT NULL, finished_status TEXT,
     CHECK (status IN ('running', 'cancelling', 'finished')));
   CREATE TABLE run_steps (
     run_id TEXT NOT NULL, step_id TEXT NOT NULL, label TEXT NOT NULL, pool TEXT, queue TEXT,
     status TEXT NOT NULL, waiting_on INTEGER NOT NULL, attempt INTEGER NOT NULL DEFAULT 0,
     max_attempts INTEGER NOT NULL, retry_delay_ms INTEGER NOT NULL DEFAULT 0, worker_id TEXT, reason TEXT,
     PRIMARY KEY (run_id, step_id),
     CHECK (status IN ('waiting', 'queued', 'running', 'succeeded', 'failed', 'skipped')));
   CREATE INDEX run_steps_running_pool ON run_steps(pool) WHERE status = 'running';
   CREATE INDEX run_steps_running_run ON run_steps(run_id) WHERE status = 'running';
   CREATE TABLE run_step_upstream (
     run_id TEXT NOT NULL, step_id TEXT NOT NULL, upstream_id TEXT NOT NULL,
     PRIMARY KEY (run_id, upstream_id, step_id));
   CREATE TABLE step_attempts (
     run_id TEXT NOT NULL, step_id TEXT NOT NULL, attempt INTEGER NOT NULL, worker_id TEXT NOT NULL,
     job_id BIGINT, started_at BIGINT NOT NULL, ended_at BIGINT, outcome TEXT, error TEXT,
     PRIMARY KEY (run_id, step_id, attempt),
     CHECK (outcome IN ('succeeded', 'failed', 'lost', 'cancelled')));
   CREATE INDEX step_attempts_running ON step_attempts(worker_id) WHERE outcome IS NULL;
   CREATE TABLE workers (
     id TEXT PRIMARY KEY, host TEXT NOT NULL, pid INTEGER NOT NULL, queues TEXT NOT NULL,
     concurrency INTEGER NOT NULL, started_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL,
     lease_ms INTEGER NOT NULL, stopped_at BIGINT, job_pool TEXT);
   CREATE TABLE pools (name TEXT PRIMARY KEY, slots INTEGER NOT NULL CHECK (slots > 0));
   CREATE TABLE bundles (hash TEXT PRIMARY KEY, body BYTEA NOT NULL, created_at BIGINT NOT NULL);`,
  STEP_FUNCTIONS,
];

export const QUEUE_MIGRATION_LIST: MigrationList = {
  versionTable: "queue_schema_version",
  migrations: QUEUE_MIGRATIONS,
};
