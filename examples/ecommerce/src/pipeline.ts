import { MetadataValue, asset } from "assetline";
import { leftJoin, markdownTable, sumBy } from "./frames";

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

/** Raw orders from the e-commerce API */
export const bronze_orders = asset({ group: "bronze", kinds: ["table"] }, (ctx): Order[] => {
  const orders = Array.from({ length: 100 }, (_, i) => ({
    order_id: i + 1,
    customer_id: (i + 1) % 20,
    product_id: (i + 1) % 10,
    quantity: [1, 2, 1, 3][i % 4]!,
    price: [99.9, 149.9, 199.9, 299.9][i % 4]!,
    created_at: new Date(START + i * HOUR).toISOString(),
  }));
  ctx.addOutputMetadata({ num_orders: orders.length });
  return orders;
});

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

/** Orders enriched with product and customer data */
export const silver_orders_enriched = asset(
  { group: "silver", kinds: ["table"], ins: { bronze_orders, bronze_products, bronze_customers } },
  ({ bronze_orders, bronze_products, bronze_customers }) => {
    const withTotals = bronze_orders.map((order) => ({
      ...order,
      total: Math.round(order.quantity * order.price * 100) / 100,
    }));
    return leftJoin(leftJoin(withTotals, bronze_products, "product_id"), bronze_customers, "customer_id");
  },
);

/** Aggregated daily revenue */
export const gold_daily_revenue = asset(
  { group: "gold", kinds: ["table"], ins: { silver_orders_enriched } },
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
  const revenueTotal = gold_daily_revenue.reduce((sum, day) => sum + day.total, 0);
  ctx.addOutputMetadata({
    num_rows: gold_daily_revenue.length,
    revenue_total: MetadataValue.float(Math.round(revenueTotal * 100) / 100),
    preview: MetadataValue.md(markdownTable(gold_daily_revenue.slice(0, 5))),
  });
  return gold_daily_revenue;
});
