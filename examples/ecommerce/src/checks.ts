import { AssetCheckResult, assetCheck, checks } from "assetline";
import { enriched_orders, revenue_by_segment } from "./orders";

/** Every order found its customer: an order without one would vanish from the revenue by segment. */
export const orders_have_customers = assetCheck(
  {
    asset: enriched_orders,
    name: "orders_have_customers",
    blocking: true,
    description: "Every order joins a known customer",
  },
  (orders) => {
    const orphans = orders.filter((order) => order.segment === undefined).map((order) => order.order_id);
    return AssetCheckResult({
      passed: orphans.length === 0,
      description: orphans.length === 0 ? "every order has a customer" : `${orphans.length} orders without a customer`,
      metadata: { orphan_orders: orphans },
    });
  },
);

/** The segment report is never empty. */
export const revenue_has_rows = checks.rowCount({ asset: revenue_by_segment, min: 1 });
