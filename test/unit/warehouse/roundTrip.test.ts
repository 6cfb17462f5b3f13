/** An array of records stored as a table comes back equal, in order, for each table IO manager. */
import { describe, expect, it } from "vitest";
import { asset, Definitions, materialize } from "../../../sdk/src";

const CASES: { name: string; rows: Record<string, unknown>[]; only?: "duckdb" }[] = [
  {
    name: "integers and doubles",
    rows: [
      { id: 1, amount: 2.5 },
      { id: 2, amount: 3 },
    ],
  },
  {
    name: "strings and booleans",
    rows: [
      { city: "Paris", open: true },
      { city: 'O\'Hare "x"', open: false },
    ],
  },
  {
    name: "nulls anywhere",
    rows: [
      { a: null, b: "x" },
      { a: 4, b: null },
    ],
  },
  { name: "dates", rows: [{ at: new Date(Date.UTC(2026, 2, 1, 12, 30)) }, { at: new Date(0) }] },
  // Parquet has no 128-bit integer: DuckDB writes HUGEINT there as DOUBLE.
  { name: "big integers", rows: [{ n: 2n ** 80n }, { n: -(2n ** 70n) }], only: "duckdb" },
  {
    name: "nested objects and arrays",
    rows: [
      { tags: ["a", "b"], meta: { x: 1, y: [true] } },
      { tags: [], meta: {} },
    ],
  },
];

describe.each(["duckdb", "parquet"] as const)("rows through io: %s", (io) => {
  it.each(CASES.filter((c) => (c.only ?? io) === io))(
    "$name come back equal, in order, upstream and downstream alike",
    async ({ rows }) => {
      const table = asset({ io }, () => rows);
      const copy = asset({ io: "json", ins: { table } }, ({ table }) => table);
      const outcome = await materialize({ table, copy, defs: new Definitions({ assets: [table, copy] }) });
      expect(outcome.errors).toEqual({});
      expect(outcome.values.table).toEqual(rows);
      expect(outcome.values.copy).toEqual(rows);
    },
  );

  it("records the table's row count, schema, preview and view name", async () => {
    const orders = asset({ io, group: "bronze", key: "shop/orders" }, () => [
      { id: 1, note: "a|b" },
      { id: 2, note: null },
    ]);
    const { metadata } = await materialize([orders]);
    const recorded = metadata["shop/orders"]!;
    expect(recorded.row_count).toEqual({ type: "int", value: 2 });
    expect(recorded.table_name).toEqual({ type: "text", value: "bronze.shop__orders" });
    expect(recorded.column_schema).toEqual({
      type: "table_schema",
      value: {
        columns: [
          { name: "id", type: "BIGINT", nullable: true },
          { name: "note", type: "VARCHAR", nullable: true },
        ],
      },
    });
    expect(recorded.preview?.value).toContain("| 1 | a\\|b |");
  });
});
