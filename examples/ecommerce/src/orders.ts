import { AssetIn, asset, checks } from "assetline";

/** Raw orders from the database: one row per order, fresh every day. */
export const orders_raw = asset(
  {
    group: "orders",
    io: "duckdb",
    checks: [checks.unique("order_id", { blocking: true }), checks.notNull("customer_id")],
    freshness: { maximumLag: "24h" },
  },
  () => [
    { order_id: 1, customer_id: 1, amount: 100.0, date: "2026-04-01" },
    { order_id: 2, customer_id: 1, amount: 150.0, date: "2026-04-02" },
    { order_id: 3, customer_id: 2, amount: 200.0, date: "2026-04-03" },
    { order_id: 4, customer_id: 3, amount: 75.0, date: "2026-04-04" },
  ],
);

/** Customer data */
export const customers = asset({ group: "orders", io: "duckdb" }, () => [
  { customer_id: 1, name: "John Silva", segment: "Premium" },
  { customer_id: 2, name: "Mary Santos", segment: "Standard" },
  { customer_id: 3, name: "Peter Costa", segment: "Premium" },
]);

/** Orders enriched with customer data: an order without a known customer keeps a null name and segment */
export const enriched_orders = asset(
  {
    group: "orders",
    io: "duckdb",
    // Both upstreams return rows; read as tables, they join in SQL without loading a row into JavaScript.
    ins: { orders_raw: AssetIn(orders_raw, { as: "table" }), customers: AssetIn(customers, { as: "table" }) },
  },
  ({ orders_raw, customers }, ctx) =>
    ctx.duckdb.table(
      `select o.*, c.name, c.segment from ${orders_raw} o left join ${customers} c using (customer_id) order by o.order_id`,
    ),
);

/** Total revenue by customer segment */
export const revenue_by_segment = asset(
  { group: "orders", io: "duckdb", ins: { enriched_orders }, owners: ["team:analytics"] },
  ({ enriched_orders }, ctx) =>
    ctx.duckdb.table<{ segment: string; amount: number }>(
      `select coalesce(segment, 'Unknown') as segment, sum(amount)::double as amount
       from ${enriched_orders} group by all order by segment`,
    ),
);
