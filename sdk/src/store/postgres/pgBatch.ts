/**
 * Writes a batch of records (recordBatch.ts) in the caller's transaction, as SQLite's writeBatch does: values before
 * the materializations that describe them, the run's end last. A few statements per batch, whatever its size: each
 * table's rows go as one array per column (`unnest`), inserted in the batch's order, so ids grow as SQLite's do.
 * A latest row keeps the greatest id: with writers on several machines, a batch that commits later may hold older
 * records than one already committed.
 */
import { materializationValues, type Pending } from "../recordBatch";
import type { Queryable } from "./pgPool";

type Column = [name: string, type: string];

/** `INSERT INTO table (columns) SELECT … FROM unnest($1::type[], …)` in the arrays' order. */
function insertRows(table: string, columns: readonly Column[], returning = ""): string {
  const names = columns.map(([name]) => name).join(", ");
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  return `INSERT INTO ${table} (${names}) SELECT ${names} FROM unnest(${arrays}) WITH ORDINALITY AS row(${names}, n)
    ORDER BY n ${returning}`;
}

/**
 * Inserts rows into `table` and makes each key's newest the latest of its key (`latest_<table>`) and, where it has a
 * partition, of its key and partition (`latest_partition_<table>`), pointing by `ref`.
 */
function insertAsLatest(table: string, columns: readonly Column[], key: string, ref: string): string {
  const latest = `latest_${table}`;
  const latestPartition = `latest_partition_${table}`;
  const newest = (target: string) => `${ref} = GREATEST(${target}.${ref}, excluded.${ref})`;
  return `WITH inserted AS (${insertRows(table, columns, `RETURNING id, ${key}, partition`)}), latest AS (
      INSERT INTO ${latest} (${key}, ${ref})
      SELECT DISTINCT ON (${key}) ${key}, id FROM inserted ORDER BY ${key}, id DESC
      ON CONFLICT (${key}) DO UPDATE SET ${newest(latest)}
    )
    INSERT INTO ${latestPartition} (${key}, partition, ${ref})
    SELECT DISTINCT ON (${key}, partition) ${key}, partition, id FROM inserted WHERE partition IS NOT NULL
    ORDER BY ${key}, partition, id DESC
    ON CONFLICT (${key}, partition) DO UPDATE SET ${newest(latestPartition)}`;
}

const INSERT_MATERIALIZATIONS = insertAsLatest(
  "materializations",
  [
    ["key", "text"],
    ["run_id", "text"],
    ["timestamp", "bigint"],
    ["duration_ms", "float8"],
    ["metadata", "text"],
    ["code_version", "text"],
    ["data_version", "text"],
    ["upstream", "text"],
    ["value_ref", "text"],
    ["partition", "text"],
  ],
  "key",
  "materialization_id",
);

const INSERT_EVALUATIONS = insertAsLatest(
  "check_evaluations",
  [
    ["check_key", "text"],
    ["asset", "text"],
    ["partition", "text"],
    ["run_id", "text"],
    ["timestamp", "bigint"],
    ["body", "text"],
  ],
  "check_key",
  "evaluation_id",
);

const INSERT_FAILURES = insertRows("failures", [
  ["key", "text"],
  ["run_id", "text"],
  ["timestamp", "bigint"],
  ["error", "text"],
  ["partition", "text"],
]);

const INSERT_EVENTS = insertRows("events", [
  ["run_id", "text"],
  ["body", "text"],
]);

/** The same hash is the same bytes: a value stored twice keeps its row. */
const INSERT_VALUES = `${insertRows("stored_values", [
  ["hash", "text"],
  ["body", "bytea"],
])} ON CONFLICT (hash) DO NOTHING`;

/** Rows to one array per column, as `unnest` takes them. */
function byColumn(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows[0]!.map((_, column) => rows.map((row) => row[column]));
}

async function insert(client: Queryable, sql: string, rows: readonly (readonly unknown[])[]): Promise<void> {
  if (rows.length > 0) await client.query(sql, byColumn(rows));
}

export async function writeBatch(client: Queryable, batch: Pending): Promise<void> {
  await insert(client, INSERT_VALUES, [...batch.values]);
  await insert(client, INSERT_MATERIALIZATIONS, batch.materializations.map(materializationValues));
  await insert(client, INSERT_FAILURES, batch.failures);
  await insert(
    client,
    INSERT_EVALUATIONS,
    batch.evaluations.map((e) => [e.checkKey, e.asset, e.partition ?? null, e.runId, e.timestamp, JSON.stringify(e)]),
  );
  await insert(
    client,
    INSERT_EVENTS,
    [...batch.events].map(([runId, events]) => [runId, JSON.stringify(events)]),
  );
  for (const finished of batch.finishedRuns)
    await client.query("UPDATE runs SET status = $1, ended_at = $2 WHERE id = $3", finished);
}
