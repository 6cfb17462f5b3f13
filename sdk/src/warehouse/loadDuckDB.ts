/**
 * `@duckdb/node-api`, loaded at first use only: asset code, the analyzer and the editor never load it, and a
 * workspace that stores no table does not need it installed.
 */
import type * as DuckDB from "@duckdb/node-api";

export type DuckDBModule = typeof DuckDB;

let loaded: Promise<DuckDBModule> | undefined;

export function loadDuckDB(): Promise<DuckDBModule> {
  loaded ??= import("@duckdb/node-api").catch((error: unknown) => {
    loaded = undefined;
    throw new Error(
      `tables are stored and read with DuckDB, which is not installed (${error instanceof Error ? error.message.split("\n")[0] : String(error)}): npm install @duckdb/node-api`,
    );
  });
  return loaded;
}
