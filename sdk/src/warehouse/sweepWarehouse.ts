/**
 * The warehouse's part of the store's sweep: immutable `v_` tables no latest record (and no view) points to, and
 * staging tables a crashed run left. The warehouse is held open through the sweep, so a run starting meanwhile waits
 * for it before it stores a table; a run that holds it now is running, and its values wait for a later sweep.
 */
import { existsSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { LiveValue } from "../io/sweepStorage";
import { parseValueRef } from "../io/valueRef";
import { hasValuesTable, quoteName, quoteString, VALUES_SCHEMA, viewName } from "./sql";
import { Warehouse } from "./warehouse";

const VALUE_TABLE = /v_[0-9a-f]{64}/g;

/**
 * Views (and partition lists) of assets with no latest record left, as after `wipe`: without this a wiped asset would
 * still read as a table in `query`, and its value would never be collected. A view is named by its key (`viewName`).
 */
async function dropForgottenViews(connection: DuckDBConnection, live: LiveValue[]): Promise<void> {
  const named = new Set(live.map(({ key }) => viewName(key, undefined).table));
  const views = (
    await connection.runAndReadAll(
      `select schema_name, view_name from duckdb_views() where not internal and schema_name <> ${quoteString(VALUES_SCHEMA)}`,
    )
  ).getRowObjectsJS();
  for (const { schema_name, view_name } of views) {
    if (named.has(String(view_name))) continue;
    await connection.run(`drop view ${quoteName(String(schema_name))}.${quoteName(String(view_name))}`);
  }
  const partitions = `${quoteName(VALUES_SCHEMA)}.partitions`;
  if (!(await hasValuesTable(connection, "partitions"))) return;
  const keys = [...new Set(live.map(({ key }) => key))];
  await connection.run(
    keys.length === 0
      ? `delete from ${partitions}`
      : `delete from ${partitions} where key not in (${keys.map(quoteString).join(", ")})`,
  );
}

async function dropUnreferenced(connection: DuckDBConnection, live: LiveValue[]): Promise<number> {
  await dropForgottenViews(connection, live);
  const keep = new Set<string>();
  for (const { valueRef } of live) {
    const ref = valueRef === undefined ? undefined : parseValueRef(valueRef);
    if (ref?.where === "duckdb") keep.add(`v_${ref.hash}`);
  }
  // A view replaced by a step whose record then failed to commit still reads its table: keep what views read.
  const views = (await connection.runAndReadAll("select sql from duckdb_views() where not internal")).getRowObjectsJS();
  for (const { sql } of views) for (const name of String(sql).match(VALUE_TABLE) ?? []) keep.add(name);
  const tables = (
    await connection.runAndReadAll(
      `select table_name from duckdb_tables() where schema_name = ${quoteString(VALUES_SCHEMA)}`,
    )
  ).getRowObjectsJS();
  let dropped = 0;
  for (const { table_name } of tables) {
    const name = String(table_name);
    if (!/^[vs]_/.test(name) || keep.has(name)) continue;
    await connection.run(`drop table ${quoteName(VALUES_SCHEMA)}.${quoteName(name)}`);
    dropped++;
  }
  return dropped;
}

/**
 * Runs `sweep` with the warehouse at `path` held open, giving it the function that drops unreferenced tables; without
 * one when there is no warehouse file (DuckDB is then not loaded) or another process holds it.
 */
export async function sweepingWarehouse<T>(
  path: string,
  sweep: (dropTables?: (live: LiveValue[]) => Promise<number>) => Promise<T>,
): Promise<T> {
  if (!existsSync(path)) return sweep();
  const warehouse = new Warehouse({ path, lockTimeoutMs: 0 });
  let connection: DuckDBConnection;
  try {
    connection = await warehouse.connect();
  } catch {
    return sweep();
  }
  try {
    return await sweep((live) => dropUnreferenced(connection, live));
  } finally {
    warehouse.release(connection);
    // The sweep is done with it: close now rather than after the idle moment a run's next step would get.
    warehouse.close();
  }
}
