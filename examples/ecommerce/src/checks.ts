import { AssetCheckResult, assetCheck, checks } from "assetline";
import { enriched_orders, revenue_by_segment } from "./orders";
import { bronze_orders, sales_report, silver_orders_enriched } from "./pipeline";

const ordersWord = (count: number) => `${count} ${count === 1 ? "order" : "orders"}`;

/** Every order found its customer: an order without one would vanish from the revenue by segment. */
export const orders_have_customers = assetCheck(
  {
    asset: enriched_orders,
    name: "orders_have_customers",
    blocking: true,
    description: "Every order joins a known customer",
  },
  async (orders) => {
    const orphans = await orders.query<{ order_id: number }>(
      `select order_id from ${orders} where segment is null order by order_id`,
    );
    return AssetCheckResult({
      passed: orphans.length === 0,
      description:
        orphans.length === 0 ? "every order has a customer" : `${ordersWord(orphans.length)} without a customer`,
      metadata: { orphan_orders: orphans.map((order) => order.order_id) },
    });
  },
);

/** The segment report is never empty. */
export const revenue_has_rows = checks.rowCount({ asset: revenue_by_segment, min: 1 });

/** A day holds at most one order an hour: more would mean the API sent a window twice. Checked per day. */
export const orders_per_day = checks.rowCount({ asset: bronze_orders, name: "orders_per_day", min: 1, max: 24 });

/** Refunds are separate records: an enriched order's total is never negative, and nothing downstream sums one. */
export const non_negative_totals = assetCheck(
  { asset: silver_orders_enriched, blocking: true, description: "Order totals are not negative" },
  async (orders) => {
    const negative = await orders.query<{ order_id: number }>(
      `select order_id from ${orders} where total < 0 order by order_id`,
    );
    return AssetCheckResult({
      passed: negative.length === 0,
      description: negative.length === 0 ? "no negative total" : `${ordersWord(negative.length)} with a negative total`,
      metadata: { negative_orders: negative.map((order) => order.order_id) },
    });
  },
);

/** The report counts each of the API's 100 orders once, over every day. */
export const counts_every_order = assetCheck({ asset: sales_report }, async (days) => {
  const [row] = await days.query<{ counted: number }>(`select coalesce(sum(orders), 0)::int as counted from ${days}`);
  const counted = row?.counted ?? 0;
  return AssetCheckResult({
    passed: counted === 100,
    description: `${ordersWord(counted)} of 100 counted`,
    metadata: { orders_counted: counted },
  });
});
