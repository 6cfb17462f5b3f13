import { RunRequest, SkipReason, assetSensor, defineAssetJob, runStatusSensor, schedule, sensor } from "assetline";
import { orders } from "./assets";
import { NIGHTLY } from "./shared";

export const gold = defineAssetJob({ name: "gold_job", selection: "key:revenue+" });
export const nightly = schedule({ name: "nightly", job: gold, cron: NIGHTLY, executionTimezone: "Europe/Lisbon" });
export const hourly = schedule({ cron: "0 * * * *", selection: "+key:orders", partitions: "latest" });
export const by_name = schedule({ cron: "30 6 * * 1-5", job: "gold_job", description: "Weekdays" });
export const new_files = sensor({ minimumInterval: "5m", selection: "key:orders_raw" }, (ctx) =>
  ctx.cursor ? RunRequest({ runKey: ctx.cursor }) : SkipReason("no new files"),
);
export const on_orders = assetSensor({ asset: orders, job: gold });
export const on_orders_fn = assetSensor({ asset: "orders", selection: "key:revenue" }, (_ctx, event) =>
  RunRequest({ runKey: event.runId }),
);
export const on_failure = runStatusSensor({ status: "failure", monitoredJobs: [gold] }, () => undefined);
export const after_gold = runStatusSensor({ status: "success", monitoredJobs: [gold], job: gold });
