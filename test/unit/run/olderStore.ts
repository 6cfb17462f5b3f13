/** Takes a store back to what older Assetlines wrote, for tests of older stores. */

/** Before automation evaluations (schema 10); it removes the newest version, whichever number the merge gave it. */
export const UNDO_SCHEMA_11 = `DROP TABLE automation_evaluations; DROP TABLE automation_state;
  DELETE FROM schema_version WHERE version = (SELECT MAX(version) FROM schema_version);`;

/** Before runs named their instigator (schema 8). */
export const UNDO_SCHEMA_9 = `${UNDO_SCHEMA_11} ALTER TABLE runs DROP COLUMN instigator; DELETE FROM schema_version WHERE version >= 9;`;

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
