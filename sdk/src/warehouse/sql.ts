/** SQL quoting: every name and literal Assetline writes into a statement goes through these. */
import type { DuckDBConnection } from "@duckdb/node-api";

export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Where an asset's values live inside the warehouse (docs/warehouse.md). */
export const VALUES_SCHEMA = "_assetline_values";

/** Whether the warehouse has `_assetline_values.<name>` (a stored value, or the partitions' list). */
export async function hasValuesTable(connection: DuckDBConnection, name: string): Promise<boolean> {
  const found = await connection.runAndReadAll(
    `select 1 from duckdb_tables() where schema_name = ${quoteString(VALUES_SCHEMA)} and table_name = ${quoteString(name)}`,
  );
  return found.currentRowCount > 0;
}

/** The immutable table of one stored value. */
export function valueTable(hash: string): string {
  return `${quoteName(VALUES_SCHEMA)}.${quoteName(`v_${hash}`)}`;
}

/** An asset's view: `"<group>"."<key with / as __>"`, group `default` when none. */
export function viewName(key: string, group: string | undefined): { schema: string; table: string; sql: string } {
  const schema = group ?? "default";
  const table = key.replace(/\//g, "__");
  return { schema, table, sql: `${quoteName(schema)}.${quoteName(table)}` };
}
