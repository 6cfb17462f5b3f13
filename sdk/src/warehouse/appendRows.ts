/** An array of records into a new DuckDB table through the appender: no JSON, no SQL text per row. */
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { loadDuckDB } from "./loadDuckDB";
import { rowColumns, type RowColumn } from "./rowColumns";
import { quoteName } from "./sql";

type Append = (appender: DuckDBAppender, value: unknown) => void;

async function appenders(): Promise<Record<RowColumn["type"], Append>> {
  const { DuckDBTimestampValue } = await loadDuckDB();
  return {
    BIGINT: (a, value) => a.appendBigInt(BigInt(value as number)),
    DOUBLE: (a, value) => a.appendDouble(value as number),
    VARCHAR: (a, value) => a.appendVarchar(value as string),
    BOOLEAN: (a, value) => a.appendBoolean(value as boolean),
    TIMESTAMP: (a, value) => a.appendTimestamp(new DuckDBTimestampValue(BigInt((value as Date).getTime()) * 1000n)),
    HUGEINT: (a, value) => a.appendHugeInt(value as bigint),
    JSON: (a, value) => a.appendVarchar(JSON.stringify(value)),
  };
}

/**
 * Creates `schema.name` with the rows' inferred columns (`temporary`: a TEMP table of this connection) and appends
 * every row. Undefined when the rows have no column at all: that is no table.
 */
export async function appendRows(
  connection: DuckDBConnection,
  asset: string,
  rows: readonly Record<string, unknown>[],
  target: { schema?: string; name: string; temporary?: boolean },
): Promise<RowColumn[] | undefined> {
  const columns = rowColumns(asset, rows);
  if (columns.length === 0) return undefined;
  const append = await appenders();
  const qualified = target.schema ? `${quoteName(target.schema)}.${quoteName(target.name)}` : quoteName(target.name);
  const definition = columns.map((column) => `${quoteName(column.name)} ${column.type}`).join(", ");
  await connection.run(`create ${target.temporary ? "temp " : ""}table ${qualified} (${definition})`);
  const appender = await connection.createAppender(
    target.name,
    target.temporary ? "main" : target.schema,
    target.temporary ? "temp" : null,
  );
  try {
    for (const row of rows) {
      for (const column of columns) {
        const value = row[column.name];
        if (value === null || value === undefined) appender.appendNull();
        else append[column.type](appender, value);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return columns;
}
