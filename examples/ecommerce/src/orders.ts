import { asset, checks } from "assetline";

/** Raw orders from the database: one row per order, fresh every day. */
export const orders_raw = asset(
  {
    group: "orders",
    io: "duckdb",
    checks: [checks.unique("order_id", { blocking: true }), checks.notNull("customer_id")],
    freshness: { maximumLag: "24h" },
  },
  (ctx) =>
    ctx.duckdb.table(`select * from (values (1, 1, 100.0, '2026-04-01'), (2, 1, 150.0, '2026-04-02'),
      (3, 2, 200.0, '2026-04-03'), (4, 3, 75.0, '2026-04-04')) orders(order_id, customer_id, amount, date)`),
);

/** Customer data */
export const customers = asset({ group: "orders", io: "duckdb" }, (ctx) =>
  ctx.duckdb.table(`select * from (values (1, 'John Silva', 'Premium'), (2, 'Mary Santos', 'Standard'),
    (3, 'Peter Costa', 'Premium')) customers(customer_id, name, segment)`),
);

/** Orders enriched with customer data: an order without a known customer keeps a null name and segment */
export const enriched_orders = asset(
  { group: "orders", io: "duckdb", ins: { orders_raw, customers } },
  ({ orders_raw, customers }, ctx) =>
    ctx.duckdb.table(
      `select o.*, c.name, c.segment from ${orders_raw} o left join ${customers} c using (customer_id) order by o.order_id`,
    ),
);

/** Total revenue by customer segment */
export const revenue_by_segment = asset(
  { group: "orders", io: "duckdb", ins: { enriched_orders }, owners: ["team:analytics"] },
  ({ enriched_orders }, ctx) =>
    ctx.duckdb.table(
      `select coalesce(segment, 'Unknown') as segment, sum(amount)::double as amount
       from ${enriched_orders} group by all order by segment`,
    ),
);
