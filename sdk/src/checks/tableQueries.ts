/**
 * What the builtin checks count in a table (docs/warehouse.md's `Table`), in SQL on the step's connection, so a
 * million rows are never loaded into JavaScript. Duck-typed: any object with `query(sql)` and a `toString()` that
 * gives a SQL reference works, whichever warehouse made it.
 */

/** The part of a `Table` the checks use. */
export interface QueryableTable {
  query<R = Record<string, unknown>>(sql: string): Promise<R[]>;
  toString(): string;
}

export function isTable(value: unknown): value is QueryableTable {
  if (typeof value !== "object" || value === null) return false;
  const table = value as Partial<QueryableTable>;
  return typeof table.query === "function" && table.toString !== Object.prototype.toString;
}

/** A column name as a SQL identifier, quoted. */
function identifier(column: string): string {
  return `"${column.replaceAll('"', '""')}"`;
}

/** The table's rows numbered from 0 in scan order (the order they were stored in), with the one column as `v`. */
function numbered(table: QueryableTable, column: string): string {
  return `select row_number() over () - 1 as n, ${identifier(column)} as v from ${table}`;
}

export async function tableRowCount(table: QueryableTable): Promise<number> {
  const [row] = await table.query<{ count: unknown }>(`select count(*) as count from ${table}`);
  return Number(row?.count ?? 0);
}

/** How many rows hold null in `column`, and the indexes of the first `limit` of them. */
export async function tableNulls(
  table: QueryableTable,
  column: string,
  limit: number,
): Promise<{ count: number; rows: number[] }> {
  const [counted] = await table.query<{ nulls: unknown }>(
    `select count(*) filter (where ${identifier(column)} is null) as nulls from ${table}`,
  );
  const count = Number(counted?.nulls ?? 0);
  if (count === 0) return { count, rows: [] };
  const rows = await table.query<{ n: unknown }>(
    `select n from (${numbered(table, column)}) where v is null order by n limit ${limit}`,
  );
  return { count, rows: rows.map((row) => Number(row.n)) };
}

/**
 * Rows repeating an earlier non-null `column` value (nulls are not duplicates, as in SQL's UNIQUE), and the first
 * `limit` repeated values in the order they first appear; `more`: other values repeat too.
 */
export async function tableDuplicates(
  table: QueryableTable,
  column: string,
  limit: number,
): Promise<{ count: number; values: unknown[]; more: boolean }> {
  const rows = await table.query<{ v: unknown; total: unknown; groups: unknown }>(
    `select v, sum(extra) over () as total, count(*) over () as groups from (
       select v, count(*) - 1 as extra, min(n) as first from (${numbered(table, column)})
       where v is not null group by v having count(*) > 1
     ) order by first limit ${limit}`,
  );
  const first = rows[0];
  return {
    count: Number(first?.total ?? 0),
    values: rows.map((row) => row.v),
    more: Number(first?.groups ?? 0) > limit,
  };
}
