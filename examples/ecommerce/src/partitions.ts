import { DailyPartitionsDefinition, MonthlyPartitionsDefinition, StaticPartitionsDefinition } from "assetline";

/**
 * One partition per day of orders. The seed's 100 hourly orders start on 2026-03-01 and end on 2026-03-05, so the
 * definition ends there too (`endDate` is exclusive, as in Dagster): five partitions, the same whatever the date.
 * A live pipeline would leave `endDate` out and get a new partition each day.
 */
export const order_days = DailyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-03-06" });

/** The months of those days: March 2026. */
export const order_months = MonthlyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-04-01" });

/** The cities the customer register knows, one partition each. */
export const cities = StaticPartitionsDefinition(["Lisbon", "Porto", "Braga"]);
