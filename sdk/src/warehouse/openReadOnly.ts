/**
 * The warehouse as a reader opens it (`assetline query`): read-only, so it never competes with a run for the one
 * writer DuckDB admits, with every schema on the search path, so a view is found by its bare table name too.
 */
import { existsSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { warehouseFile } from "../store/storeFolder";
import { loadDuckDB } from "./loadDuckDB";
import { quoteName, quoteString } from "./sql";
import { openWaitingForLock } from "./warehouse";

/** Why the warehouse cannot be read now; the message says what to do. */
export class WarehouseUnavailable extends Error {}

export interface ReadOnlyWarehouse {
  connection: DuckDBConnection;
  close(): void;
}

/** `main` first (where DuckDB creates by default), then every other schema by name. */
async function searchEverySchema(connection: DuckDBConnection): Promise<void> {
  const reader = await connection.runAndReadAll(
    "select schema_name from information_schema.schemata where catalog_name = current_database() order by schema_name <> 'main', schema_name",
  );
  const path = reader
    .getRowsJS()
    .map(([name]) => quoteName(String(name)))
    .join(",");
  await connection.run(`set search_path = ${quoteString(path)}`);
}

/**
 * Opens `<store>/warehouse.duckdb` read-only. A run writing it holds its lock: the open is retried for `waitMs`, then
 * refused with `WarehouseUnavailable`, as are a missing file and a missing `@duckdb/node-api`.
 */
export async function openReadOnly(storeDir: string, waitMs = 3000): Promise<ReadOnlyWarehouse> {
  const file = warehouseFile(storeDir);
  if (!existsSync(file))
    throw new WarehouseUnavailable('nothing is stored in DuckDB yet: give an asset `io: "duckdb"` and materialize it');
  const { DuckDBInstance } = await loadDuckDB().catch((error: Error) => {
    throw new WarehouseUnavailable(error.message);
  });
  const instance = await openWaitingForLock(() => DuckDBInstance.create(file, { access_mode: "READ_ONLY" }), {
    timeoutMs: waitMs,
    retryMs: 200,
    busy: () => new WarehouseUnavailable("the warehouse is busy with a run; try again when it finishes"),
  });
  const connection = await instance.connect();
  await searchEverySchema(connection);
  return { connection, close: () => (connection.closeSync(), instance.closeSync()) };
}
