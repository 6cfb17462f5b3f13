/**
 * The builtin checks over a `Table` (docs/warehouse.md): counted in SQL on a real in-memory DuckDB, with the result
 * and metadata the same rows give as an array. The table here is a minimal one over `@duckdb/node-api`, as the
 * checks duck-type it (`query(sql)` and a SQL reference from `toString()`), whichever warehouse made it.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checks } from "assetline";

let connection: DuckDBConnection;
let tables = 0;

/** BIGINTs come back as numbers when safe, as the warehouse's `Table.query` gives them. */
function plain(value: unknown): unknown {
  return typeof value === "bigint" && Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

/** A table of `rows` (column types from a SQL values list), in insertion order. */
async function tableOf(columns: string, values: string) {
  const name = `"t ${++tables}"`; // A name that needs its quotes: the checks must use the reference as given.
  await connection.run(`create table ${name} as select * from (values ${values}) v(${columns})`);
  return {
    toString: () => name,
    async query<R>(sql: string): Promise<R[]> {
      const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
      return rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([key, value]) => [key, plain(value)])),
      ) as R[];
    },
  };
}

beforeAll(async () => {
  connection = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => connection.closeSync());

describe("builtin checks over tables", () => {
  it.each([
    {
      name: "rowCount in bounds",
      check: checks.rowCount({ min: 1, max: 3 }),
      rows: [1, 2],
      expected: { passed: true, description: "2 rows", metadata: { row_count: 2 } },
    },
    {
      name: "rowCount above max",
      check: checks.rowCount({ max: 1 }),
      rows: [1, 2, 3],
      expected: { passed: false, description: "3 rows, expected at most 1", metadata: { row_count: 3 } },
    },
    {
      name: "notNull over a column with nulls: the first five row indexes",
      check: checks.notNull("order_id"),
      rows: [1, null, 2, null, null, null, null, null],
      expected: {
        passed: false,
        description: "6 null order_id values (rows 1, 3, 4, 5, 6, …)",
        metadata: { null_count: 6, null_rows: [1, 3, 4, 5, 6] },
      },
    },
    {
      name: "notNull without nulls",
      check: checks.notNull("order_id"),
      rows: [1, 2],
      expected: { passed: true, metadata: { null_count: 0, null_rows: [] } },
    },
    {
      name: "unique: nulls are not duplicates; values in the order they first appear",
      check: checks.unique("order_id"),
      rows: [3, 1, 3, null, null, 1, 3],
      expected: {
        passed: false,
        description: "3 duplicate order_id values (3, 1)",
        metadata: { duplicate_count: 3, duplicates: [3, 1] },
      },
    },
    {
      name: "unique: at most five values, then an ellipsis",
      check: checks.unique("order_id"),
      rows: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
      expected: {
        passed: false,
        description: "6 duplicate order_id values (1, 2, 3, 4, 5, …)",
        metadata: { duplicate_count: 6, duplicates: [1, 2, 3, 4, 5] },
      },
    },
    {
      name: "unique over distinct values",
      check: checks.unique("order_id"),
      rows: [1, 2, null],
      expected: { passed: true, description: "every order_id is unique" },
    },
  ])("$name, as over the same rows in an array", async ({ check, rows, expected }) => {
    const table = await tableOf("order_id", rows.map((id) => `(${id === null ? "null::integer" : id})`).join(", "));
    const result = await check(table);
    expect(result).toMatchObject(expected);
    expect(result).toEqual(check(rows.map((order_id) => ({ order_id }))));
  });

  it("quotes the column: a name with a space or a quote is one column", async () => {
    const table = await tableOf('"order id", "a""b"', "(1, 1), (1, null)");
    expect(await checks.unique("order id", { name: "unique_order_id" })(table)).toMatchObject({
      passed: false,
      metadata: { duplicate_count: 1 },
    });
    expect(await checks.notNull('a"b', { name: "not_null_ab" })(table)).toMatchObject({
      passed: false,
      metadata: { null_rows: [1] },
    });
  });

  it("fails with the engine's error for a column the table lacks", async () => {
    const table = await tableOf("order_id", "(1)");
    await expect(checks.notNull("customer_id")(table)).rejects.toThrow(/customer_id/);
  });
});
