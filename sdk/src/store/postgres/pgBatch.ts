/**
 * Writes a batch of records (recordBatch.ts) in the caller's transaction, as SQLite's writeBatch does: values before
 * the materializations that describe them, the run's end last. A latest row keeps the greatest id: with writers on
 * several machines, a batch that commits later may hold older records than one already committed.
 */
import { materializationValues, type Pending } from "../recordBatch";
import type { Queryable } from "./pgPool";

/**
 * One round trip: inserts a row into `table` and makes it the latest of its key (`latest`) and, when it has a
 * partition, of its key and partition (`latestPartition`), both keyed by `key` and pointing by `ref`.
 */
function insertAsLatest(table: string, columns: string[], key: string, ref: string): string {
  const latest = `latest_${table}`;
  const latestPartition = `latest_partition_${table}`;
  const newest = (target: string) => `${ref} = GREATEST(${target}.${ref}, excluded.${ref})`;
  return `WITH row AS (
      INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})
      RETURNING id, ${key}, partition
    ), latest AS (
      INSERT INTO ${latest} (${key}, ${ref}) SELECT ${key}, id FROM row ON CONFLICT (${key}) DO UPDATE SET ${newest(latest)}
    )
    INSERT INTO ${latestPartition} (${key}, partition, ${ref}) SELECT ${key}, partition, id FROM row WHERE partition IS NOT NULL
    ON CONFLICT (${key}, partition) DO UPDATE SET ${newest(latestPartition)}`;
}

const INSERT_MATERIALIZATION = insertAsLatest(
  "materializations",
  [
    "key",
    "run_id",
    "timestamp",
    "duration_ms",
    "metadata",
    "code_version",
    "data_version",
    "upstream",
    "value_ref",
    "partition",
  ],
  "key",
  "materialization_id",
);

const INSERT_EVALUATION = insertAsLatest(
  "check_evaluations",
  ["check_key", "asset", "partition", "run_id", "timestamp", "body"],
  "check_key",
  "evaluation_id",
);

export async function writeBatch(client: Queryable, batch: Pending): Promise<void> {
  // The same hash is the same bytes: a value stored twice keeps its row.
  for (const [hash, bytes] of batch.values)
    await client.query("INSERT INTO stored_values (hash, body) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING", [
      hash,
      bytes,
    ]);
  for (const m of batch.materializations) await client.query(INSERT_MATERIALIZATION, [...materializationValues(m)]);
  for (const failure of batch.failures)
    await client.query(
      "INSERT INTO failures (key, run_id, timestamp, error, partition) VALUES ($1, $2, $3, $4, $5)",
      failure,
    );
  for (const e of batch.evaluations)
    await client.query(INSERT_EVALUATION, [
      e.checkKey,
      e.asset,
      e.partition ?? null,
      e.runId,
      e.timestamp,
      JSON.stringify(e),
    ]);
  for (const [runId, events] of batch.events)
    await client.query("INSERT INTO events (run_id, body) VALUES ($1, $2)", [runId, JSON.stringify(events)]);
  for (const finished of batch.finishedRuns)
    await client.query("UPDATE runs SET status = $1, ended_at = $2 WHERE id = $3", finished);
}
