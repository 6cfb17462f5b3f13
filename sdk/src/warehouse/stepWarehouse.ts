/**
 * `ctx.duckdb`: one step's own connection to the run's warehouse, opened at first use. Its inputs are TEMP views
 * named by their `ins` names, and `search_path` reaches every group's views, so bare table names resolve.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { appendRows } from "./appendRows";
import { plainRows } from "./plainRows";
import { quoteName, quoteString, VALUES_SCHEMA } from "./sql";
import { TABLE_BRAND, type StepWarehouse, type Table, type TableColumn } from "./table";
import type { Warehouse } from "./warehouse";

/** A table on a step's connection: `sql` is how a query reads it (a quoted name, or a parenthesized query). */
class StepTable<Row> implements Table<Row> {
  readonly [TABLE_BRAND] = true;

  constructor(
    private readonly session: StepSession,
    private readonly sql: string,
  ) {}

  toString(): string {
    return this.sql;
  }

  query<R = Record<string, unknown>>(sql: string): Promise<R[]> {
    return this.session.query<R>(sql);
  }

  rows(): Promise<Row[]> {
    return this.session.query<Row>(`select * from ${this.sql}`);
  }

  async count(): Promise<number> {
    const [row] = await this.session.query<{ n: number }>(`select count(*) as n from ${this.sql}`);
    return row?.n ?? 0;
  }

  columns(): Promise<TableColumn[]> {
    return this.session.columns(this.sql);
  }
}

export class StepSession implements StepWarehouse {
  private opened: Promise<DuckDBConnection> | undefined;
  private temporaries = 0;

  constructor(
    readonly warehouse: Warehouse,
    /** The asset errors name (a mixed-kinds column). */
    readonly asset: string,
  ) {}

  /** The step's connection, opened (and its `search_path` set) at first use. */
  connection(): Promise<DuckDBConnection> {
    this.opened ??= this.warehouse.connect().then(async (connection) => {
      const schemas = (await connection.runAndReadAll("select schema_name from information_schema.schemata"))
        .getRowObjectsJS()
        .map((row) => String(row.schema_name))
        .filter((name) => name !== VALUES_SCHEMA && name !== "information_schema" && name !== "pg_catalog");
      const path = [...new Set(["main", ...schemas])].join(",");
      await connection.run(`set search_path = ${quoteString(path)}`);
      return connection;
    });
    return this.opened;
  }

  async query<R = Record<string, unknown>>(sql: string): Promise<R[]> {
    return plainRows<R>(await (await this.connection()).runAndReadAll(sql));
  }

  table<Row = Record<string, unknown>>(sql: string): Table<Row> {
    return new StepTable<Row>(this, `(${sql})`);
  }

  async fromRows<Row extends Record<string, unknown>>(rows: readonly Row[]): Promise<Table<Row>> {
    const name = `rows_${++this.temporaries}`;
    const columns = await appendRows(await this.connection(), this.asset, rows, { name, temporary: true });
    if (!columns) throw new Error(`asset "${this.asset}": ctx.duckdb.fromRows() needs rows with at least one column.`);
    return new StepTable<Row>(this, quoteName(name));
  }

  /** An input: a TEMP view `name` over the stored value `source`, which a query reads as `"name"`. */
  async input(name: string, source: string): Promise<Table> {
    await (await this.connection()).run(`create or replace temp view ${quoteName(name)} as select * from ${source}`);
    return new StepTable(this, quoteName(name));
  }

  async columns(sql: string): Promise<TableColumn[]> {
    const described = await this.query<{ column_name: string; column_type: string; null: string }>(
      `describe select * from ${sql}`,
    );
    return described.map((row) => ({ name: row.column_name, type: row.column_type, nullable: row.null === "YES" }));
  }

  /** Gives the connection back at the step's end (the run closes a file warehouse no step uses). */
  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    if (opened) this.warehouse.release(await opened);
  }
}
