import { AllPartitionMapping, AssetIn, TimeWindowPartitionMapping, asset } from "assetline";
import { cities, order_months } from "./partitions";
import { gold_daily_revenue, silver_orders_enriched } from "./pipeline";
import { sqlString, unionAll } from "./sql";

/** Monthly revenue, rolled up from the month's daily partitions */
export const gold_monthly_revenue = asset(
  {
    group: "gold",
    io: "duckdb",
    partitionsDef: order_months,
    ins: {
      // A month reads the days it overlaps, keyed by partition. The seed's March has five days of orders, so the
      // month reads the days that exist instead of failing on 2026-03-06, as in Dagster.
      gold_daily_revenue: AssetIn(gold_daily_revenue, {
        partitionMapping: TimeWindowPartitionMapping({ allowNonexistentUpstreamPartitions: true }),
      }),
    },
  },
  ({ gold_daily_revenue }, ctx) =>
    ctx.duckdb.table(
      `select ${sqlString(ctx.partitionKey.slice(0, 7))} as month, round(sum(total), 2) as total,
         sum(orders)::int as orders, count(*)::int as days
       from (${unionAll(gold_daily_revenue)})`,
    ),
);

/** Daily revenue of one city's customers, a partition per city */
export const gold_city_revenue = asset(
  {
    group: "gold",
    io: "duckdb",
    partitionsDef: cities,
    // Cities and days share no partitions: each city reads every day of the enriched orders.
    ins: { silver_orders_enriched: AssetIn(silver_orders_enriched, { partitionMapping: AllPartitionMapping() }) },
  },
  ({ silver_orders_enriched }, ctx) =>
    ctx.duckdb.table(
      `select strftime(created_at, '%Y-%m-%d') as date, city, round(sum(total), 2) as total, count(*)::int as orders
       from (${unionAll(silver_orders_enriched)})
       where city = ${sqlString(ctx.partitionKey)}
       group by all order by date`,
    ),
);
