import { AllPartitionMapping, AssetIn, TimeWindowPartitionMapping, asset } from "assetline";
import { sumBy } from "./frames";
import { cities, order_months } from "./partitions";
import { gold_daily_revenue, silver_orders_enriched } from "./pipeline";

/** Monthly revenue, rolled up from the month's daily partitions */
export const gold_monthly_revenue = asset(
  {
    group: "gold",
    kinds: ["table"],
    partitionsDef: order_months,
    ins: {
      // A month reads the days it overlaps, keyed by partition. The seed's March has five days of orders, so the
      // month reads the days that exist instead of failing on 2026-03-06, as in Dagster.
      gold_daily_revenue: AssetIn(gold_daily_revenue, {
        partitionMapping: TimeWindowPartitionMapping({ allowNonexistentUpstreamPartitions: true }),
      }),
    },
  },
  ({ gold_daily_revenue }, ctx) => {
    const days = [...gold_daily_revenue.values()].flat();
    const total = days.reduce((sum, day) => sum + day.total, 0);
    return [
      {
        month: ctx.partitionKey.slice(0, 7),
        total: Math.round(total * 100) / 100,
        orders: days.reduce((sum, day) => sum + day.orders, 0),
        days: days.length,
      },
    ];
  },
);

/** Daily revenue of one city's customers, a partition per city */
export const gold_city_revenue = asset(
  {
    group: "gold",
    kinds: ["table"],
    partitionsDef: cities,
    // Cities and days share no partitions: each city reads every day of the enriched orders.
    ins: { silver_orders_enriched: AssetIn(silver_orders_enriched, { partitionMapping: AllPartitionMapping() }) },
  },
  ({ silver_orders_enriched }, ctx) =>
    sumBy(
      [...silver_orders_enriched.values()].flat().filter((order) => order.city === ctx.partitionKey),
      (order) => String(order.created_at).slice(0, 10),
      (order) => order.total,
    ).map(({ key, total, count }) => ({ date: key, city: ctx.partitionKey, total, orders: count })),
);
