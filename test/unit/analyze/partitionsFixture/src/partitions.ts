import {
  DailyPartitionsDefinition,
  MonthlyPartitionsDefinition,
  StaticPartitionsDefinition,
  TimeWindowPartitionMapping,
} from "assetline";

/** Shared by many assets, as in most partitioned pipelines. */
export const daily = DailyPartitionsDefinition({
  startDate: "2026-03-01",
  endDate: "2026-04-01",
  timezone: "Europe/Paris",
});
export const monthly = MonthlyPartitionsDefinition({
  startDate: "2026-03-01",
  endDate: "2026-04-01",
  timezone: "Europe/Paris",
});
export const regions = StaticPartitionsDefinition(["eu", "us", "apac"]);
export const yesterday = TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 });
