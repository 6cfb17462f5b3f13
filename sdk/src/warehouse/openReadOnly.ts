/**
 * The warehouse as a reader opens it (`assetline query`): read-only, so it never competes with a run for the one
 * writer DuckDB admits, with every schema on the search path, so a view is found by its bare table name too.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";

const WAREHOUSE_FILE = "warehouse.duckdb";

/** Why the warehouse cannot be read now; the message says what to do. */
export class WarehouseUnavailable extends Error {}

export interface ReadOnlyWarehouse {
  connection: DuckDBConnection;
  close(): void;
}

/** `@duckdb/node-api` is an optional peer of assetline: loaded only by what reads or writes tables. */
async function loadDuckDB(): Promise<typeof import("@duckdb/node-api")> {
  try {
    return await import("@duckdb/node-api");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== "MODULE_NOT_FOUND" && code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new WarehouseUnavailable(
      "the warehouse is read with DuckDB, which this workspace has not installed: npm install @duckdb/node-api",
    );
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** `main` first (where DuckDB creates by default), then every other schema by name. */
async function searchEverySchema(connection: DuckDBConnection): Promise<void> {
  const reader = await connection.runAndReadAll(
    "select schema_name from information_schema.schemata where catalog_name = current_database() order by schema_name <> 'main', schema_name",
  );
  const path = reader
    .getRowsJS()
    .map(([name]) => quoted(String(name)))
    .join(",");
  await connection.run(`set search_path = '${path.replaceAll("'", "''")}'`);
}

/** A run's process holds the file's lock while it writes (DuckDB admits one writing process, readers included). */
const isLocked = (error: unknown) => error instanceof Error && /could not set lock on file/i.test(error.message);

/**
 * Opens `<store>/warehouse.duckdb` read-only. A run writing it holds its lock: the open is retried for `waitMs`, then
 * refused with `WarehouseUnavailable`, as are a missing file and a missing `@duckdb/node-api`.
 */
export async function openReadOnly(storeDir: string, waitMs = 3000): Promise<ReadOnlyWarehouse> {
  const file = join(storeDir, WAREHOUSE_FILE);
  if (!existsSync(file))
    throw new WarehouseUnavailable('nothing is stored in DuckDB yet: give an asset `io: "duckdb"` and materialize it');
  const { DuckDBInstance } = await loadDuckDB();
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
      const connection = await instance.connect();
      await searchEverySchema(connection);
      return { connection, close: () => (connection.closeSync(), instance.closeSync()) };
    } catch (error) {
      if (!isLocked(error)) throw error;
      if (Date.now() >= deadline)
        throw new WarehouseUnavailable("the warehouse is busy with a run; try again when it finishes");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
