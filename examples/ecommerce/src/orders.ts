import { asset, checks } from "assetline";
import { leftJoin, sumBy } from "./frames";

/** Raw orders from the database: one row per order, fresh every day. */
export const orders_raw = asset(
  {
    group: "orders",
    kinds: ["table"],
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
export const customers = asset({ group: "orders", kinds: ["table"] }, () => [
  { customer_id: 1, name: "John Silva", segment: "Premium" },
  { customer_id: 2, name: "Mary Santos", segment: "Standard" },
  { customer_id: 3, name: "Peter Costa", segment: "Premium" },
]);

/** Orders enriched with customer data */
export const enriched_orders = asset({ group: "orders", ins: { orders_raw, customers } }, ({ orders_raw, customers }) =>
  leftJoin(orders_raw, customers, "customer_id"),
);

/** Total revenue by customer segment */
export const revenue_by_segment = asset(
  { group: "orders", ins: { enriched_orders }, owners: ["team:analytics"] },
  ({ enriched_orders }) =>
    sumBy(
      enriched_orders,
      (order) => order.segment ?? "Unknown",
      (order) => order.amount,
    ).map(({ key, total }) => ({ segment: key, amount: total })),
);
