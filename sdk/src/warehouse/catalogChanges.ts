/**
 * Changes to the warehouse's catalog. An asset's view is replaced in one transaction after its value is stored. A partitioned asset's view is the union
 * (`union all by name`) of each partition's latest value, `partition_key` first; the partitions' values are listed
 * in `_assetline_values.partitions`, written in the same transaction.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteName, quoteString, VALUES_SCHEMA } from "./sql";

const PARTITIONS = `${quoteName(VALUES_SCHEMA)}.partitions`;

export async function replaceView(
  connection: DuckDBConnection,
  view: { schema: string; sql: string },
  key: string,
  partition: string | undefined,
  read: string,
): Promise<void> {
  await connection.run("begin transaction");
  try {
    await connection.run(`create schema if not exists ${quoteName(view.schema)}`);
    let body = `select * from ${read}`;
    if (partition !== undefined) {
      await connection.run(
        `create table if not exists ${PARTITIONS} (key varchar, partition varchar, source varchar, primary key (key, partition))`,
      );
      await connection.run(`insert or replace into ${PARTITIONS} values ($1, $2, $3)`, [key, partition, read]);
      const parts = (
        await connection.runAndReadAll(
          `select partition, source from ${PARTITIONS} where key = $1 order by partition`,
          [key],
        )
      ).getRowObjectsJS();
      body = parts
        .map((part) => `select ${quoteString(String(part.partition))} as partition_key, * from ${part.source}`)
        .join(" union all by name ");
    }
    await connection.run(`create or replace view ${view.sql} as ${body}`);
    await connection.run("commit");
  } catch (error) {
    await connection.run("rollback");
    throw error;
  }
}

/**
 * Runs catalog changes one after another: the steps of a run share the warehouse's catalog, and DuckDB refuses
 * concurrent changes to one entry ("Catalog write-write conflict") where they would have been harmless in turn.
 */
export function oneAtATime(): <T>(change: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (change) => {
    const next = last.then(change);
    last = next.catch(() => undefined);
    return next;
  };
}
