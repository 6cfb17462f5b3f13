import type Database from "better-sqlite3";

/** Schema changes in order; a store at version N has applied the first N. Never edit a released entry, add one. */
const MIGRATIONS: string[] = [
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY, selection TEXT NOT NULL, status TEXT NOT NULL, origin TEXT NOT NULL,
     started_at INTEGER NOT NULL, ended_at INTEGER, pid INTEGER NOT NULL, host TEXT NOT NULL);
   CREATE INDEX runs_started ON runs(started_at);
   -- body: a JSON array of consecutive RunEvents of the run (one row per write batch, not per event).
   CREATE TABLE events (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, body TEXT NOT NULL);
   CREATE INDEX events_run ON events(run_id, id);
   CREATE TABLE materializations (
     id INTEGER PRIMARY KEY, key TEXT NOT NULL, run_id TEXT NOT NULL, timestamp INTEGER NOT NULL, duration_ms REAL NOT NULL,
     metadata TEXT NOT NULL, code_version TEXT NOT NULL, data_version TEXT NOT NULL, upstream TEXT NOT NULL);
   CREATE INDEX materializations_key ON materializations(key, id);
   CREATE TABLE failures (id INTEGER PRIMARY KEY, key TEXT NOT NULL, run_id TEXT NOT NULL, timestamp INTEGER NOT NULL, error TEXT NOT NULL);
   CREATE INDEX failures_key ON failures(key, id);
   CREATE TABLE asset_values (key TEXT PRIMARY KEY, body BLOB NOT NULL);`,
  // 2: the newest materialization of each key, so `status` reads one row per asset instead of scanning all history.
  `CREATE TABLE latest_materializations (key TEXT PRIMARY KEY, materialization_id INTEGER NOT NULL);
   INSERT INTO latest_materializations (key, materialization_id) SELECT key, MAX(id) FROM materializations GROUP BY key;`,
  // 3: values are immutable per materialization, stored under their content hash (small ones in stored_values, large
  // ones as files) before the record that points to them (value_ref) commits. Older records have no value_ref: their
  // value is still read from asset_values or storage/<key>.json, until the key is materialized again.
  `CREATE TABLE stored_values (hash TEXT PRIMARY KEY, body BLOB NOT NULL);
   ALTER TABLE materializations ADD COLUMN value_ref TEXT;`,
  // 4: run liveness by heartbeat (store/runLiveness.ts): the last beat and the interval the run's process promised.
  // Runs left running by an older Assetline have none: seen from another machine they count as dead.
  `ALTER TABLE runs ADD COLUMN heartbeat_at INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE runs ADD COLUMN heartbeat_ms INTEGER NOT NULL DEFAULT 0;`,
  // 5: partitions. Records and failures say their partition (NULL: an unpartitioned asset); the newest record of each
  // (key, partition) is kept as latest_materializations keeps each key's, so per-partition status reads one row per
  // partition. latest_materializations stays the newest record of the asset, of whichever partition. Dynamic
  // partitions' keys live here, in the order they were added. Older records are all unpartitioned: the backfill finds none.
  `ALTER TABLE materializations ADD COLUMN partition TEXT;
   ALTER TABLE failures ADD COLUMN partition TEXT;
   CREATE INDEX failures_key_partition ON failures(key, partition, id);
   CREATE TABLE latest_partition_materializations (
     key TEXT NOT NULL, partition TEXT NOT NULL, materialization_id INTEGER NOT NULL, PRIMARY KEY (key, partition));
   INSERT INTO latest_partition_materializations (key, partition, materialization_id)
     SELECT key, partition, MAX(id) FROM materializations WHERE partition IS NOT NULL GROUP BY key, partition;
   CREATE TABLE dynamic_partitions (name TEXT NOT NULL, key TEXT NOT NULL, added_at INTEGER NOT NULL, PRIMARY KEY (name, key));`,
  // 6: asset checks. Each evaluation as its CheckEvaluation (body, JSON), with the columns it is found by; the newest of
  // each check (of whichever partition) and of each (check, partition) kept as the materializations' are, so status
  // reads one row per check. `asset` lets wipe forget an asset's evaluations.
  `CREATE TABLE check_evaluations (
     id INTEGER PRIMARY KEY, check_key TEXT NOT NULL, asset TEXT NOT NULL, partition TEXT, run_id TEXT NOT NULL,
     timestamp INTEGER NOT NULL, body TEXT NOT NULL);
   CREATE INDEX check_evaluations_asset ON check_evaluations(asset);
   CREATE TABLE latest_check_evaluations (check_key TEXT PRIMARY KEY, evaluation_id INTEGER NOT NULL);
   CREATE TABLE latest_partition_check_evaluations (
     check_key TEXT NOT NULL, partition TEXT NOT NULL, evaluation_id INTEGER NOT NULL, PRIMARY KEY (check_key, partition));`,
  // 7: run config. The validated config of the run's assets, by key, as JSON (NULL: none of them declares config).
  `ALTER TABLE runs ADD COLUMN config TEXT;`,
  // 8: schedule ticks (daemon/scheduleTicks.ts). A tick is recorded before its run starts, once per (schedule, tick
  // time): a daemon restarted after a kill finds it and never runs it twice. status: started|succeeded|failed|skipped.
  `CREATE TABLE ticks (
     schedule TEXT NOT NULL, tick_at INTEGER NOT NULL, status TEXT NOT NULL, run_id TEXT, reason TEXT,
     recorded_at INTEGER NOT NULL, PRIMARY KEY (schedule, tick_at));`,
  // 9: the schedule or sensor that started a run (origin schedule|sensor; NULL for the others).
  `ALTER TABLE runs ADD COLUMN instigator TEXT;`,
  // 10: instigator state (store/instigatorTables.ts): whether each schedule or sensor is paused and a sensor's cursor;
  // each sensor tick (status started|succeeded|failed|skipped, run_ids JSON); the run keys each sensor claimed, so a
  // run key requested again never runs twice (Dagster's idempotence).
  `CREATE TABLE instigators (
     name TEXT PRIMARY KEY, kind TEXT NOT NULL, paused INTEGER NOT NULL DEFAULT 0, cursor TEXT, updated_at INTEGER NOT NULL);
   CREATE TABLE sensor_ticks (
     sensor TEXT NOT NULL, tick_at INTEGER NOT NULL, status TEXT NOT NULL, run_ids TEXT NOT NULL, reason TEXT, error TEXT,
     cursor TEXT, recorded_at INTEGER NOT NULL, PRIMARY KEY (sensor, tick_at));
   CREATE TABLE run_keys (sensor TEXT NOT NULL, run_key TEXT NOT NULL, run_id TEXT, PRIMARY KEY (sensor, run_key));`,
  // 11: declarative automation (daemon/automationTicks.ts). The latest evaluation of
  // each asset and partition ('' for an unpartitioned asset), the run started for it, and the evaluator's state (JSON)
  // for the next tick, in one row.
  `CREATE TABLE automation_evaluations (
     key TEXT NOT NULL, partition TEXT NOT NULL, evaluated_at INTEGER NOT NULL, will_run INTEGER NOT NULL,
     reason TEXT NOT NULL, run_id TEXT, PRIMARY KEY (key, partition));
   CREATE TABLE automation_state (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL, evaluated_at INTEGER NOT NULL);`,
  // 12: queued runs (docs/scale.md). Who executes the run ('local' or 'queue': a queued run's liveness is its
  // workers', so crash recovery leaves it to the queue), the hash of the bundle its workers load, and its plan (JSON,
  // protocol/queuedRun.ts) from which any worker plans the same steps; a run's own records by key, which its
  // later steps read on whatever machine they run (`runValue`).
  `ALTER TABLE runs ADD COLUMN executor TEXT NOT NULL DEFAULT 'local';
   ALTER TABLE runs ADD COLUMN bundle_hash TEXT;
   ALTER TABLE runs ADD COLUMN plan TEXT;
   CREATE INDEX materializations_run ON materializations(run_id, key, id);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** A store written by a newer Assetline, in the words every store uses (`store` says which, when it is not the only one). */
export function newerSchemaError(found: number, store = "the store"): Error {
  return new Error(
    `${store} was written by a newer Assetline (schema ${found}, this one knows ${SCHEMA_VERSION}): upgrade the assetline package.`,
  );
}

/** How many migrations the store has applied (a store being created by its first writer may not have the table yet). */
export function schemaVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!table) return 0;
  return (db.prepare("SELECT MAX(version) AS v FROM schema_version").get() as { v: number | null }).v ?? 0;
}

/** Brings the schema up to date; `BEGIN IMMEDIATE` so two processes opening a new store do not both migrate. */
export function migrate(db: Database.Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const current = () => schemaVersion(db);
  if (current() === SCHEMA_VERSION) return;
  db.transaction(() => {
    const from = current();
    if (from > SCHEMA_VERSION) {
      throw newerSchemaError(from);
    }
    for (let version = from; version < SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version]!);
      db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(version + 1);
    }
  }).immediate();
}
