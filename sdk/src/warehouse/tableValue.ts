/** Which values are tables (docs/warehouse.md), and how each reaches the warehouse. */
import { isTable } from "./table";

/** A table value to store: SQL the step's connection reads (a Table), or records to append. */
export type TableSource =
  | { kind: "sql"; sql: string; returned: "table" | "rows" }
  | { kind: "rows"; rows: readonly Record<string, unknown>[]; returned: "table" | "rows" };

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Duck-typed: an Arrow table has `schema.fields` and `toArray()`; its rows turn into records with `toJSON()`. */
function arrowRows(value: object): Record<string, unknown>[] | undefined {
  const arrow = value as { schema?: { fields?: unknown }; toArray?: () => unknown[] };
  if (!Array.isArray(arrow.schema?.fields) || typeof arrow.toArray !== "function") return undefined;
  return arrow.toArray().map((row) => {
    const json = (row as { toJSON?: () => Record<string, unknown> }).toJSON;
    return typeof json === "function" ? json.call(row) : { ...(row as Record<string, unknown>) };
  });
}

/** Undefined for anything that is no table: it is stored as JSON, whatever the asset's `io`. */
export function tableSource(value: unknown): TableSource | undefined {
  if (isTable(value)) return { kind: "sql", sql: String(value), returned: "table" };
  if (Array.isArray(value)) {
    return value.length > 0 && value.every(isRecord) ? { kind: "rows", rows: value, returned: "rows" } : undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const reader = (value as { getRowObjectsJS?: () => Record<string, unknown>[] }).getRowObjectsJS;
  if (typeof reader === "function") return { kind: "rows", rows: reader.call(value), returned: "table" };
  const rows = arrowRows(value);
  return rows && { kind: "rows", rows, returned: "table" };
}
