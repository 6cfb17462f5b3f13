/** DuckDB results as plain JS values (docs/warehouse.md): what a step's rows and queries give. */
import type { DuckDBResultReader } from "@duckdb/node-api";

/** Integers as numbers where that loses nothing; lists and structs walked. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = plain(inner);
    return out;
  }
  return value;
}

export function plainRows<R>(reader: DuckDBResultReader): R[] {
  const names = reader.columnNames();
  const json = new Set(names.filter((_, index) => reader.columnTypes()[index]?.alias === "JSON"));
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const value = row[name];
      out[name] = json.has(name) && typeof value === "string" ? JSON.parse(value) : plain(value);
    }
    return out as R;
  });
}
