/**
 * Compiled by `npm run typecheck`, never run: `AssetIn(x, { as })` types a table input as a `Table` of the upstream's
 * rows or as the rows themselves; without `as`, the upstream's own type.
 */
import { asset, AssetIn, type Table } from "assetline";

const customers = asset({ io: "duckdb" }, () => [{ customer_id: 1, city: "Paris" }]);
const orders = asset({ io: "duckdb" }, (ctx) =>
  ctx.duckdb.table<{ order_id: number; customer_id: number }>("select 1 as order_id, 1 as customer_id"),
);

export const enriched = asset(
  {
    io: "duckdb",
    ins: { orders, customers: AssetIn(customers, { as: "table" }), rows: AssetIn(orders, { as: "rows" }) },
  },
  async ({ orders, customers, rows }, ctx) => {
    const table: Table<{ order_id: number; customer_id: number }> = orders;
    const cities: Table<{ customer_id: number; city: string }> = customers;
    const first: number | undefined = rows[0]?.order_id;
    // @ts-expect-error rows of orders have no city
    rows[0]?.city;
    // @ts-expect-error a Table is no array: read its rows first
    customers.length;
    const counted: { n: number }[] = await cities.query<{ n: number }>(`select count(*) as n from ${table}`);
    return ctx.duckdb.table(`select ${first ?? 0} as n, ${counted.length} as m`);
  },
);

// @ts-expect-error `as` is "table" or "rows"
AssetIn(customers, { as: "json" });
