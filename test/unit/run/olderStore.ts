/** Takes a store back to what Assetline wrote before partitions (schema 4), for tests of older stores. */
export const UNDO_SCHEMA_5 = `DROP TABLE latest_partition_materializations; DROP TABLE dynamic_partitions;
  DROP INDEX failures_key_partition; ALTER TABLE materializations DROP COLUMN partition;
  ALTER TABLE failures DROP COLUMN partition; DELETE FROM schema_version WHERE version >= 5;`;
