/** Takes a store back to what older Assetlines wrote, for tests of older stores. */

/** Before queued runs (schema 11). */
export const UNDO_SCHEMA_12 = `DROP INDEX materializations_run; ALTER TABLE runs DROP COLUMN executor;
  ALTER TABLE runs DROP COLUMN bundle_hash; ALTER TABLE runs DROP COLUMN plan; DELETE FROM schema_version WHERE version >= 12;`;

/** Before automation evaluations (schema 10). */
export const UNDO_SCHEMA_11 = `${UNDO_SCHEMA_12} DROP TABLE automation_evaluations; DROP TABLE automation_state;
  DELETE FROM schema_version WHERE version >= 11;`;

/** Before instigator state and sensor ticks (schema 9). */
export const UNDO_SCHEMA_10 = `${UNDO_SCHEMA_11} DROP TABLE instigators; DROP TABLE sensor_ticks; DROP TABLE run_keys;
  DELETE FROM schema_version WHERE version >= 10;`;

/** Before runs named their instigator (schema 8). */
export const UNDO_SCHEMA_9 = `${UNDO_SCHEMA_10} ALTER TABLE runs DROP COLUMN instigator; DELETE FROM schema_version WHERE version >= 9;`;

/** Before schedule ticks (schema 7). */
export const UNDO_SCHEMA_8 = `${UNDO_SCHEMA_9} DROP TABLE ticks; DELETE FROM schema_version WHERE version >= 8;`;

/** Before run config (schema 6). */
export const UNDO_SCHEMA_7 = `${UNDO_SCHEMA_8} ALTER TABLE runs DROP COLUMN config; DELETE FROM schema_version WHERE version >= 7;`;

/** Before checks (schema 5). */
export const UNDO_SCHEMA_6 = `${UNDO_SCHEMA_7} DROP TABLE check_evaluations; DROP TABLE latest_check_evaluations;
  DROP TABLE latest_partition_check_evaluations; DELETE FROM schema_version WHERE version >= 6;`;

/** Before partitions (schema 4). */
export const UNDO_SCHEMA_5 = `${UNDO_SCHEMA_6} DROP TABLE latest_partition_materializations; DROP TABLE dynamic_partitions;
  DROP INDEX failures_key_partition; ALTER TABLE materializations DROP COLUMN partition;
  ALTER TABLE failures DROP COLUMN partition; DELETE FROM schema_version WHERE version >= 5;`;
