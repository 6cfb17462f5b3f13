import { MetadataValue, asset, checks } from "assetline";
import { order_days } from "./partitions";
import { unionAll } from "./sql";

/**
 * The e-commerce API as SQL: the orders created in a time window, of the seed's 100 hourly orders from 2026-03-01.
 * Plain code, not an asset.
 */
export function ordersSql(window: { start: Date; end: Date }): string {
  const at = (date: Date) => `make_timestamp(${date.getTime() * 1000})`;
  return `select i + 1 as order_id, (i + 1) % 20 as customer_id, (i + 1) % 10 as product_id,
      [1, 2, 1, 3][i % 4 + 1] as quantity, [99.9, 149.9, 199.9, 299.9][i % 4 + 1]::double as price,
      make_timestamp(${Date.UTC(2026, 2, 1) * 1000}) + i * interval 1 hour as created_at
    from range(100) t(i)
    where created_at >= ${at(window.start)} and created_at < ${at(window.end)}
    order by order_id`;
}

export interface Order {
  order_id: number;
  customer_id: number;
  product_id: number;
  quantity: number;
  price: number;
  created_at: Date;
}

/** Raw orders from the e-commerce API, one partition per day */
export const bronze_orders = asset(
  { group: "bronze", io: "duckdb", partitionsDef: order_days, checks: [checks.unique("order_id")] },
  (ctx) => ctx.duckdb.table<Order>(ordersSql(ctx.partitionTimeWindow)),
);

/** Product catalogue */
export const bronze_products = asset({ group: "bronze", io: "duckdb" }, (ctx) =>
  ctx.duckdb.table(
    `select id as product_id, 'Product ' || id as name, if(id % 2 = 0, 'Books', 'Games') as category from range(10) t(id)`,
  ),
);

/** Customer register */
export const bronze_customers = asset({ group: "bronze", io: "duckdb" }, (ctx) =>
  ctx.duckdb.table(
    `select id as customer_id, ['Lisbon', 'Porto', 'Braga'][id % 3 + 1] as city,
       if(id % 4 = 0, 'Premium', 'Standard') as segment
     from range(20) t(id)`,
  ),
);

export interface EnrichedOrder extends Order {
  total: number;
  name: string | null;
  category: string | null;
  city: string | null;
  segment: string | null;
}

/** Orders enriched with product and customer data: a day's orders (the same partition), the whole catalogue and register */
export const silver_orders_enriched = asset(
  {
    group: "silver",
    io: "duckdb",
    partitionsDef: order_days,
    ins: { bronze_orders, bronze_products, bronze_customers },
  },
  ({ bronze_orders, bronze_products, bronze_customers }, ctx) =>
    ctx.duckdb.table<EnrichedOrder>(
      `select o.*, round(o.quantity * o.price, 2) as total, p.name, p.category, c.city, c.segment
       from ${bronze_orders} o
       left join ${bronze_products} p using (product_id)
       left join ${bronze_customers} c using (customer_id)
       order by o.order_id`,
    ),
);

export interface DailyRevenue {
  date: string;
  total: number;
  orders: number;
}

/** Aggregated daily revenue: each day's partition from the same day's enriched orders, never older than a day */
export const gold_daily_revenue = asset(
  {
    group: "gold",
    io: "duckdb",
    partitionsDef: order_days,
    ins: { silver_orders_enriched },
    freshness: { maximumLag: "24h" },
  },
  ({ silver_orders_enriched }, ctx) =>
    ctx.duckdb.table<DailyRevenue>(
      `select strftime(created_at, '%Y-%m-%d') as date, round(sum(total), 2) as total, count(*)::int as orders
       from ${silver_orders_enriched} group by all order by date`,
    ),
);

/** Revenue report with a Markdown preview: every day in one table, its preview and row count drawn by the engine */
export const sales_report = asset(
  { group: "gold", io: "duckdb", ins: { gold_daily_revenue } },
  async ({ gold_daily_revenue }, ctx) => {
    // Unpartitioned, it reads every day of its partitioned upstream: a map from partition key to that day's table.
    const days = ctx.duckdb.table<DailyRevenue>(`${unionAll(gold_daily_revenue)} order by date`);
    const [sum] = await days.query<{ total: number }>(`select round(sum(total), 2) as total from ${days}`);
    ctx.addOutputMetadata({ revenue_total: MetadataValue.float(sum?.total ?? 0) });
    return days;
  },
);
