/** The columns of an array of records, typed from their values as docs/warehouse.md says. */

export type ColumnKind = "number" | "string" | "boolean" | "date" | "bigint" | "json";

export interface RowColumn {
  name: string;
  kind: ColumnKind;
  /** The DuckDB type it is stored as. */
  type: "BIGINT" | "DOUBLE" | "VARCHAR" | "BOOLEAN" | "TIMESTAMP" | "HUGEINT" | "JSON";
}

const PLURAL: Record<ColumnKind, string> = {
  number: "numbers",
  string: "strings",
  boolean: "booleans",
  date: "dates",
  bigint: "bigints",
  json: "objects or arrays",
};

function kindOf(value: unknown): ColumnKind {
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "bigint") return "bigint";
  if (value instanceof Date) return "date";
  return "json";
}

const TYPE_OF: Record<Exclude<ColumnKind, "number">, RowColumn["type"]> = {
  string: "VARCHAR",
  boolean: "BOOLEAN",
  date: "TIMESTAMP",
  bigint: "HUGEINT",
  json: "JSON",
};

/**
 * Every key of every row, in first-seen order; a column without a value anywhere is a nullable VARCHAR. A column
 * holding two kinds fails, naming the asset, the column and the first row that differs.
 */
export function rowColumns(asset: string, rows: readonly Record<string, unknown>[]): RowColumn[] {
  const kinds = new Map<string, ColumnKind | undefined>();
  const integral = new Map<string, boolean>();
  rows.forEach((row, index) => {
    for (const [name, value] of Object.entries(row)) {
      if (!kinds.has(name)) kinds.set(name, undefined);
      if (value === null || value === undefined) continue;
      const kind = kindOf(value);
      const seen = kinds.get(name);
      if (seen !== undefined && seen !== kind) {
        throw new Error(
          `asset "${asset}": column "${name}" holds ${PLURAL[seen]} and ${PLURAL[kind]} (row ${index}): give it one type, or store the value as JSON (io: "json").`,
        );
      }
      kinds.set(name, kind);
      if (kind === "number") integral.set(name, (integral.get(name) ?? true) && Number.isSafeInteger(value as number));
    }
  });
  return [...kinds].map(([name, kind = "string"]) => ({
    name,
    kind,
    type: kind === "number" ? (integral.get(name) ? "BIGINT" : "DOUBLE") : TYPE_OF[kind],
  }));
}
