/**
 * The `duckdb` and `parquet` IO managers (docs/warehouse.md): a table value is written to an immutable,
 * content-addressed table (or Parquet file) first, then the asset's view is replaced in one transaction; anything
 * else goes to the JSON IO manager it wraps. Loads route by the record's reference.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, renameSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import {
  NotMaterializedError,
  type IOManager,
  type LoadTarget,
  type SaveTarget,
  type SavedValue,
} from "../io/ioManager";
import type { FileIOManager } from "../io/fileIOManager";
import { parquetPath } from "../io/storagePath";
import { formatValueRef, parseValueRef, type ValueRef } from "../io/valueRef";
import { markdownTable } from "../status/markdownTable";
import { appendRows } from "./appendRows";
import { hasValuesTable, quoteName, quoteString, VALUES_SCHEMA, valueTable, viewName } from "./sql";
import type { StepSession } from "./stepWarehouse";
import { tableSource, type TableSource } from "./tableValue";
import { oneAtATime, replaceView } from "./catalogChanges";

const PREVIEW_ROWS = 5;

/** Fills the staging table from the value, without JS for a Table (`create table … as`). */
async function stage(connection: DuckDBConnection, asset: string, source: TableSource, name: string) {
  if (source.kind === "sql") {
    await connection.run(`create table ${quoteName(VALUES_SCHEMA)}.${quoteName(name)} as select * from ${source.sql}`);
    return true;
  }
  return (await appendRows(connection, asset, source.rows, { schema: VALUES_SCHEMA, name })) !== undefined;
}

/** sha256 of the column schema, the row count and `sum(hash(t))`: order-insensitive, computed in DuckDB. */
async function contentVersion(session: StepSession, table: string) {
  const columns = await session.columns(table);
  const [facts] = await session.query<{ n: number; h: unknown }>(
    `select count(*) as n, coalesce(sum(hash(t)), 0)::varchar as h from ${table} t`,
  );
  const hash = createHash("sha256")
    .update(JSON.stringify({ columns: columns.map(({ name, type }) => [name, type]), count: facts!.n, sum: facts!.h }))
    .digest("hex");
  return { columns, rowCount: facts!.n, hash };
}

export class TableIOManager implements IOManager {
  private readonly catalog = oneAtATime();

  constructor(
    private readonly json: IOManager,
    /** The storage folder `parquet` values are written in (asked at first use: `materialize()` makes one then). */
    private readonly parquetFiles: FileIOManager | (() => FileIOManager),
  ) {}

  private get files(): FileIOManager {
    return typeof this.parquetFiles === "function" ? this.parquetFiles() : this.parquetFiles;
  }

  private get parquetRoot(): string {
    return this.files.root;
  }

  async save(key: string, value: unknown, target?: SaveTarget): Promise<SavedValue> {
    if (!target || target.io === "json") return this.json.save(key, value, target);
    const session = target.warehouse;
    const source = tableSource(value) ?? (session && (await emptyWithSchema(session, key, target, value)));
    if (!source) return this.json.save(key, value, target);
    if (!session) throw new Error(`asset "${key}" is stored with io: "${target.io}", but this run has no warehouse.`);
    const connection = await session.connection();
    await this.catalog(() => connection.run(`create schema if not exists ${quoteName(VALUES_SCHEMA)}`));
    const staging = `s_${randomUUID().replace(/-/g, "")}`;
    const staged = `${quoteName(VALUES_SCHEMA)}.${quoteName(staging)}`;
    try {
      if (!(await stage(connection, key, source, staging))) return this.json.save(key, value, target);
      const { columns, rowCount, hash } = await contentVersion(session, staged);
      const where = target.io === "parquet" ? "parquet" : "duckdb";
      const read =
        where === "parquet"
          ? await this.writeParquet(connection, key, hash, staged)
          : await this.catalog(() => keep(connection, staging, hash));
      const rows = await session.query(`select * from ${read} limit ${PREVIEW_ROWS}`);
      const view = viewName(key, target.group);
      await this.catalog(() => replaceView(connection, view, key, target.partition, read));
      const ref: ValueRef = { where, hash, ...(source.returned === "rows" && { rows: true }) };
      return {
        ...(where === "parquet" && { bytes: statSync(parquetPath(this.parquetRoot, key, hash)).size }),
        dataVersion: hash,
        ref: formatValueRef(ref),
        table: {
          rowCount,
          columns,
          preview: markdownTable(
            columns.map((column) => column.name),
            rows,
          ),
          tableName: `${view.schema}.${view.table}`,
        },
      };
    } finally {
      await this.catalog(() => connection.run(`drop table if exists ${staged}`));
    }
  }

  async load(key: string, ref?: string, target?: LoadTarget): Promise<unknown> {
    const parsed = ref === undefined ? undefined : parseValueRef(ref);
    if (parsed?.where !== "duckdb" && parsed?.where !== "parquet") return this.json.load(key, ref, target);
    const session = target?.warehouse;
    if (!session || !target) throw new Error(`asset "${key}" is a warehouse table, but this run has no warehouse.`);
    const source = await this.stored(session, key, parsed);
    const name = target.partition === undefined ? target.name : `${target.name}[${target.partition}]`;
    const table = await session.input(name, source);
    return (target.as ?? (parsed.rows ? "rows" : "table")) === "rows" ? table.rows() : table;
  }

  /** How SQL reads a stored value; throws `NotMaterializedError` when it is gone. */
  private async stored(session: StepSession, key: string, ref: ValueRef): Promise<string> {
    if (ref.where === "parquet") {
      const path = parquetPath(this.parquetRoot, key, ref.hash);
      if (!existsSync(path)) throw new NotMaterializedError(key, path);
      return `read_parquet(${quoteString(path)})`;
    }
    if (!(await hasValuesTable(await session.connection(), `v_${ref.hash}`)))
      throw new NotMaterializedError(key, `the warehouse's table ${VALUES_SCHEMA}.v_${ref.hash}`);
    return valueTable(ref.hash);
  }

  /** Temp file + rename, as JSON values are written: a reader (or a crash) never sees half a file. */
  private async writeParquet(connection: DuckDBConnection, key: string, hash: string, staged: string) {
    const path = parquetPath(this.parquetRoot, key, hash);
    if (!existsSync(path)) {
      // No symbolic link is followed on the way, as for JSON values.
      this.files.realFolder(dirname(path), true);
      const temp = `${path}.${randomUUID().slice(0, 8)}.tmp`;
      await connection.run(`copy (select * from ${staged}) to ${quoteString(temp)} (format parquet)`);
      renameSync(temp, path);
    }
    return `read_parquet(${quoteString(path)})`;
  }
}

/**
 * An empty array is an empty table with the columns the asset's view has (its previous value's), so a downstream's
 * SQL still reads it; without a view, it stays JSON `[]`.
 */
async function emptyWithSchema(
  session: StepSession,
  key: string,
  target: SaveTarget,
  value: unknown,
): Promise<TableSource | undefined> {
  if (!Array.isArray(value) || value.length > 0) return undefined;
  const view = viewName(key, target.group);
  const [found] = await session.query(
    `select 1 from duckdb_views() where schema_name = ${quoteString(view.schema)} and view_name = ${quoteString(view.table)}`,
  );
  if (!found) return undefined;
  const columns = target.partition === undefined ? "*" : "* exclude (partition_key)";
  return { kind: "sql", sql: `(select ${columns} from ${view.sql} limit 0)`, returned: "rows" };
}

/** The staging table becomes the immutable `v_<hash>`, unless an equal value is already stored under that hash. */
async function keep(connection: DuckDBConnection, staging: string, hash: string): Promise<string> {
  if (!(await hasValuesTable(connection, `v_${hash}`)))
    await connection.run(
      `alter table ${quoteName(VALUES_SCHEMA)}.${quoteName(staging)} rename to ${quoteName(`v_${hash}`)}`,
    );
  return valueTable(hash);
}
