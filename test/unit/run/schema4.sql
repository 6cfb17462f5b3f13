-- The store as Assetline wrote it before partitions: migrations 1 to 4, copied verbatim from sdk/src/store/migrations.ts
-- of the last release with 4 (commit c066ebc). Frozen on purpose: it is what users' stores hold, whatever the code says now.
CREATE TABLE schema_version (version INTEGER NOT NULL);

-- migration 1
CREATE TABLE runs (
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
   CREATE TABLE asset_values (key TEXT PRIMARY KEY, body BLOB NOT NULL);
INSERT INTO schema_version (version) VALUES (1);

-- migration 2
CREATE TABLE latest_materializations (key TEXT PRIMARY KEY, materialization_id INTEGER NOT NULL);
   INSERT INTO latest_materializations (key, materialization_id) SELECT key, MAX(id) FROM materializations GROUP BY key;
INSERT INTO schema_version (version) VALUES (2);

-- migration 3
CREATE TABLE stored_values (hash TEXT PRIMARY KEY, body BLOB NOT NULL);
   ALTER TABLE materializations ADD COLUMN value_ref TEXT;
INSERT INTO schema_version (version) VALUES (3);

-- migration 4
ALTER TABLE runs ADD COLUMN heartbeat_at INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE runs ADD COLUMN heartbeat_ms INTEGER NOT NULL DEFAULT 0;
INSERT INTO schema_version (version) VALUES (4);
