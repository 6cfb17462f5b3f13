/** Tables between assets in one `materialize()`: SQL on inputs, the shapes a downstream asks for, what is no table. */
import { describe, expect, it } from "vitest";
import {
  asset,
  AssetIn,
  createTestContext,
  Definitions,
  inMemoryWarehouse,
  materialize,
  type Table,
} from "../../../sdk/src";
import { isTable } from "../../../sdk/src/warehouse/table";

const orders = asset({ io: "duckdb", group: "bronze" }, (ctx) =>
  ctx.duckdb.table(`select i as order_id, i % 2 as customer_id, i * 10.0 as amount from range(4) t(i)`),
);
const customers = asset({ io: "duckdb", group: "bronze" }, () => [
  { customer_id: 0, city: "Paris" },
  { customer_id: 1, city: "Lyon" },
]);
const enriched = asset(
  { io: "duckdb", group: "silver", ins: { orders, customers: AssetIn(customers, { as: "table" }) } },
  ({ orders, customers }, ctx) =>
    ctx.duckdb.table(
      `select o.order_id, o.amount, c.city from ${orders} o left join ${customers} c using (customer_id) order by o.order_id`,
    ),
);
const revenue = asset({ ins: { enriched } }, async ({ enriched }) =>
  enriched.query<{ city: string; total: number }>(
    `select city, sum(amount)::double as total from ${enriched} group by city order by city`,
  ),
);
const pipeline = { orders, customers, enriched, revenue };

describe("tables between assets", () => {
  it("joins a Table input and a rows input read as a table in SQL, and returns a Table", async () => {
    const outcome = await materialize({ ...pipeline, defs: new Definitions({ assets: Object.values(pipeline) }) });
    expect(outcome.errors).toEqual({});
    expect(outcome.values.revenue).toEqual([
      { city: "Lyon", total: 40 },
      { city: "Paris", total: 20 },
    ]);
    expect(outcome.values.enriched).toEqual([
      { order_id: 0, amount: 0, city: "Paris" },
      { order_id: 1, amount: 10, city: "Lyon" },
      { order_id: 2, amount: 20, city: "Paris" },
      { order_id: 3, amount: 30, city: "Lyon" },
    ]);
    expect(outcome.metadata.enriched?.table_name).toEqual({ type: "text", value: "silver.enriched" });
  });

  it.each([
    { as: undefined, upstream: "rows", table: false },
    { as: "table", upstream: "rows", table: true },
    { as: "rows", upstream: "table", table: false },
    { as: undefined, upstream: "table", table: true },
  ] as const)("gives a downstream a Table or rows: as $as of $upstream", async ({ as, upstream, table }) => {
    const up = asset({ io: "duckdb", key: "up" }, (ctx) =>
      upstream === "rows" ? [{ x: 1 }] : ctx.duckdb.table("select 1::bigint as x"),
    );
    const down = asset({ key: "down", ins: { up: AssetIn(up, { as }) } }, async ({ up }: { up: unknown }) => ({
      table: isTable(up),
      rows: isTable(up) ? await (up as Table).rows() : up,
    }));
    const outcome = await materialize([up, down]);
    expect(outcome.errors).toEqual({});
    expect(outcome.values.down).toEqual({ table, rows: [{ x: 1 }] });
  });

  it("stores a value that is no table as JSON, whatever the io", async () => {
    const report = asset({ io: "duckdb" }, () => "# Report");
    const empty = asset({ io: "parquet" }, () => []);
    const outcome = await materialize({ report, empty, defs: new Definitions({ assets: [report, empty] }) });
    expect(outcome.values).toEqual({ report: "# Report", empty: [] });
    expect(outcome.metadata.report?.table_name).toBeUndefined();
  });

  it("fails a step whose column mixes kinds, naming the asset, the column and the row", async () => {
    const mixed = asset({ io: "duckdb", key: "mixed" }, () => [{ amount: 1 }, { amount: null }, { amount: "2" }]);
    const outcome = await materialize([mixed]);
    expect(outcome.errors.mixed?.message).toBe(
      `asset "mixed": column "amount" holds numbers and strings (row 2): give it one type, or store the value as JSON (io: "json").`,
    );
  });

  it("refuses an io that is not a table IO manager's name, where it is written", () => {
    expect(() => asset({ io: "duckbd" as "duckdb" }, () => 1)).toThrow(
      /`io` must be one of "json", "duckdb", "parquet", not "duckbd"/,
    );
    expect(() => new Definitions({ assets: [], io: "sql" as "json" })).toThrow(/new Definitions\(\{ io \}\)/);
  });

  it("runs an asset in a unit test on inMemoryWarehouse(), and says how when the context has none", async () => {
    const duckdb = await inMemoryWarehouse();
    try {
      const input = await duckdb.fromRows([
        { order_id: 1, customer_id: 0, amount: 20 },
        { order_id: 2, customer_id: 1, amount: 40 },
      ]);
      const cities = await duckdb.fromRows([
        { customer_id: 0, city: "Paris" },
        { customer_id: 1, city: "Lyon" },
      ]);
      const result = await enriched({ orders: input, customers: cities }, createTestContext({ duckdb }));
      expect(await result.rows()).toEqual([
        { order_id: 1, amount: 20, city: "Paris" },
        { order_id: 2, amount: 40, city: "Lyon" },
      ]);
      expect(await result.count()).toBe(2);
    } finally {
      await duckdb.close();
    }
    expect(() => createTestContext("orders").duckdb).toThrow(
      /createTestContext\(\{ duckdb: await inMemoryWarehouse\(\) \}\)/,
    );
  });

  it("stores the tables of concurrent steps, in several groups, without catalog conflicts", async () => {
    const assets = Array.from({ length: 12 }, (_, i) =>
      asset({ io: "duckdb", key: `t${i}`, group: `g${i % 3}` }, (ctx) =>
        i % 2 ? [{ i }] : ctx.duckdb.table(`select ${i} as i from range(1000)`),
      ),
    );
    const outcome = await materialize(assets, { concurrency: 12 });
    expect(outcome.errors).toEqual({});
    expect(outcome.metadata.t4?.row_count).toEqual({ type: "int", value: 1000 });
  });

  it("resolves a bare table name to the one group view that has it", async () => {
    const counted = asset({ key: "counted", deps: [customers] }, (ctx) =>
      ctx.duckdb.query<{ n: number }>("select count(*)::int as n from customers"),
    );
    const outcome = await materialize({ customers, counted });
    expect(outcome.errors).toEqual({});
    expect(outcome.values.counted).toEqual([{ n: 2 }]);
  });
});
