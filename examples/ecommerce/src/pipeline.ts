import { MetadataValue, asset, checks } from "assetline";
import { leftJoin, markdownTable, sumBy } from "./frames";
import { order_days } from "./partitions";

export interface Order {
  order_id: number;
  customer_id: number;
  product_id: number;
  quantity: number;
  price: number;
  created_at: string;
}

const HOUR = 3_600_000;
const START = Date.UTC(2026, 2, 1);

/** The e-commerce API: the orders created in a time window (100 hourly orders from 2026-03-01). Plain code, not an asset. */
export function fetchOrders(window: { start: Date; end: Date }): Order[] {
  const orders = Array.from({ length: 100 }, (_, i) => ({
    order_id: i + 1,
    customer_id: (i + 1) % 20,
    product_id: (i + 1) % 10,
    quantity: [1, 2, 1, 3][i % 4]!,
    price: [99.9, 149.9, 199.9, 299.9][i % 4]!,
    created_at: new Date(START + i * HOUR).toISOString(),
  }));
  return orders.filter((order) => {
    const created = Date.parse(order.created_at);
    return created >= window.start.getTime() && created < window.end.getTime();
  });
}

/** Raw orders from the e-commerce API, one partition per day */
export const bronze_orders = asset(
  { group: "bronze", kinds: ["table"], partitionsDef: order_days, checks: [checks.unique("order_id")] },
  (ctx): Order[] => {
    const orders = fetchOrders(ctx.partitionTimeWindow);
    ctx.addOutputMetadata({ num_orders: orders.length });
    return orders;
  },
);

/** Product catalogue */
export const bronze_products = asset({ group: "bronze", kinds: ["table"] }, () =>
  Array.from({ length: 10 }, (_, id) => ({
    product_id: id,
    name: `Product ${id}`,
    category: id % 2 === 0 ? "Books" : "Games",
  })),
);

/** Customer register */
export const bronze_customers = asset({ group: "bronze", kinds: ["table"] }, () =>
  Array.from({ length: 20 }, (_, id) => ({
    customer_id: id,
    city: ["Lisbon", "Porto", "Braga"][id % 3]!,
    segment: id % 4 === 0 ? "Premium" : "Standard",
  })),
);

/** Orders enriched with product and customer data: a day's orders (the same partition), the whole catalogue and register */
export const silver_orders_enriched = asset(
  {
    group: "silver",
    kinds: ["table"],
    partitionsDef: order_days,
    ins: { bronze_orders, bronze_products, bronze_customers },
  },
  ({ bronze_orders, bronze_products, bronze_customers }) => {
    const withTotals = bronze_orders.map((order) => ({
      ...order,
      total: Math.round(order.quantity * order.price * 100) / 100,
    }));
    return leftJoin(leftJoin(withTotals, bronze_products, "product_id"), bronze_customers, "customer_id");
  },
);

/** Aggregated daily revenue: each day's partition from the same day's enriched orders, never older than a day */
export const gold_daily_revenue = asset(
  {
    group: "gold",
    kinds: ["table"],
    partitionsDef: order_days,
    ins: { silver_orders_enriched },
    freshness: { maximumLag: "24h" },
  },
  ({ silver_orders_enriched }) =>
    sumBy(
      silver_orders_enriched,
      (order) => String(order.created_at).slice(0, 10),
      (order) => order.total,
    ).map(({ key, total, count }) => ({
      date: key,
      total,
      orders: count,
    })),
);

/** Revenue report with a Markdown preview */
export const sales_report = asset({ group: "gold", ins: { gold_daily_revenue } }, ({ gold_daily_revenue }, ctx) => {
  // Unpartitioned, it reads every day of its partitioned upstream: a map from partition key to that day's rows.
  const days = [...gold_daily_revenue.values()].flat();
  const revenueTotal = days.reduce((sum, day) => sum + day.total, 0);
  ctx.addOutputMetadata({
    num_rows: days.length,
    revenue_total: MetadataValue.float(Math.round(revenueTotal * 100) / 100),
    preview: MetadataValue.md(markdownTable(days.slice(0, 5))),
  });
  return days;
});
