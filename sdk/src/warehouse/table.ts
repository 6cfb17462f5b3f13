/**
 * The table types of docs/warehouse.md, types and a brand only: the define API imports this file, so it must load
 * no DuckDB. The runner's implementations live beside it (`stepWarehouse.ts`).
 */

export interface TableColumn {
  name: string;
  /** DuckDB's type name: `BIGINT`, `VARCHAR`, `JSON`, `STRUCT(a INTEGER)`… */
  type: string;
  nullable: boolean;
}

/** A table in the step's warehouse: an input, or a lazy query (`ctx.duckdb.table(sql)`). */
export interface Table<Row = Record<string, unknown>> {
  /** A SQL reference to the table, quoted: `${table}` in a query reads it. */
  toString(): string;
  /** Runs SQL on the step's connection (this table and every input visible) and returns its rows. */
  query<R = Record<string, unknown>>(sql: string): Promise<R[]>;
  rows(): Promise<Row[]>;
  count(): Promise<number>;
  columns(): Promise<TableColumn[]>;
}

/** `ctx.duckdb`: the step's own connection to the run's warehouse. */
export interface StepWarehouse {
  query<R = Record<string, unknown>>(sql: string): Promise<R[]>;
  /** Lazy: nothing runs until the table is read or stored. */
  table<Row = Record<string, unknown>>(sql: string): Table<Row>;
  fromRows<Row extends Record<string, unknown>>(rows: readonly Row[]): Promise<Table<Row>>;
}

/** The row type of a table value: `RowOf<Table<R>>` and `RowOf<R[]>` are `R`. */
export type RowOf<T> = T extends Table<infer R> ? R : T extends readonly (infer R)[] ? R : Record<string, unknown>;

/** How a downstream asks for an upstream table (`AssetIn(x, { as })`). */
export type TableShape = "table" | "rows";

export const TABLE_BRAND = Symbol.for("assetline.table");

/** Whether `value` is a Table made by any copy of the SDK (a workspace's and the runner's may differ). */
export function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[TABLE_BRAND] === true;
}
